import { type Bus, consume, type Logger } from '@rs/bus';
import { SERVICE_QUEUES } from '@rs/contracts';
import { eraseCandidates, type FactErasure } from '../../app/erase-candidates';

/** cv.erased (from matching), on reporting's own queue: the figures keep their counts, not the refs. */
export function consumeErasure(bus: Bus, facts: FactErasure, logger: Logger) {
  return consume(bus, SERVICE_QUEUES.reportingErasure, {
    'cv.erased': async (data) => {
      const count = await eraseCandidates(facts, data);
      logger.info({ jobcentre: data.jobcentre, candidates: data.candidateRefs.length, facts: count }, 'candidates erased from the facts');
    },
  });
}
