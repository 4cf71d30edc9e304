import { type Bus, consume, type Logger } from '@rs/bus';
import { SERVICE_QUEUES } from '@rs/contracts';
import { type CandidateHolders, eraseCandidates } from '../../app/erase-candidates';
import type { UpskillingDeps } from '../../app/deps';

/** cv.erased (from matching), on upskilling-seat's own queue: the withdrawn candidates leave its seat requests. */
export function consumeErasure(bus: Bus, deps: Pick<UpskillingDeps, 'courses'> & { holders: CandidateHolders }, logger: Logger) {
  return consume(bus, SERVICE_QUEUES.upskillingErasure, {
    'cv.erased': async (data) => {
      const courses = await eraseCandidates(deps, data);
      logger.info({ jobcentre: data.jobcentre, candidates: data.candidateRefs.length, courses }, 'candidates erased from seat requests');
    },
  });
}
