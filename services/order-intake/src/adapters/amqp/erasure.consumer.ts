import { type Bus, consume, type Logger } from '@rs/bus';
import { SERVICE_QUEUES } from '@rs/contracts';
import { type ErasureDeps, eraseCandidates } from '../../app/erase-candidates';

/** cv.erased (from matching), on order-intake's own queue: the withdrawn candidates leave its orders and follow-ups. */
export function consumeErasure(bus: Bus, deps: ErasureDeps, logger: Logger) {
  return consume(bus, SERVICE_QUEUES.orderIntakeErasure, {
    'cv.erased': async (data) => {
      const count = await eraseCandidates(deps, data);
      logger.info(
        { jobcentre: data.jobcentre, candidates: data.candidateRefs.length, ...count },
        'candidates erased from orders and follow-ups',
      );
    },
  });
}
