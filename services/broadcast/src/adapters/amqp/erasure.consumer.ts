import { type Bus, consume, type Logger } from '@rs/bus';
import { SERVICE_QUEUES } from '@rs/contracts';
import type { BroadcastDeps } from '../../app/deps';
import { eraseCandidates } from '../../app/erase-candidates';
import type { ErasureStore } from '../../app/ports';

/** cv.erased (from matching): the withdrawn candidates leave every copy broadcast holds. */
export function consumeErasure(bus: Bus, deps: BroadcastDeps & { erasure: ErasureStore }, logger: Logger) {
  return consume(bus, SERVICE_QUEUES.broadcastErasure, {
    'cv.erased': async (data) => {
      const count = await eraseCandidates(deps, data);
      logger.info({ jobcentre: data.jobcentre, candidates: data.candidateRefs.length, ...count }, 'candidates erased from broadcast');
    },
  });
}
