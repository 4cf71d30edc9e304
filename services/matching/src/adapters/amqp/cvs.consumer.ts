import { type Bus, consume, InvalidMessageError, type Logger } from '@rs/bus';
import { jobcentreCodeOfUser, SERVICE_QUEUES } from '@rs/contracts';
import { completeSync } from '../../app/complete-sync';
import type { MatchingDeps } from '../../app/deps';
import { storeCvs } from '../../app/store-cvs';
import { withdrawCvs } from '../../app/withdraw-cvs';

/**
 * CV updates from connectors. The home jobcentre is the broker-validated user_id, never a field
 * of the body: a jobcentre can add or delete only its own candidates.
 */
export function consumeCvs(bus: Bus, deps: MatchingDeps, logger: Logger) {
  const sender = (userId: string | undefined) => {
    const code = jobcentreCodeOfUser(userId);
    if (code === undefined) throw new InvalidMessageError(`user ${userId} is not a jobcentre`, 'unknown-sender');
    return code;
  };
  return consume(
    bus,
    SERVICE_QUEUES.matchingCvs,
    {
      'cv.upserted': async (data, ctx) => {
        const jobcentre = sender(ctx.userId);
        const result = await storeCvs(deps, jobcentre, data.cvs, data.syncId);
        logger.debug({ jobcentre, syncId: data.syncId, ...result }, 'CVs stored');
      },
      'cv.sync-completed': async (data, ctx) => {
        const jobcentre = sender(ctx.userId);
        const deleted = await completeSync(deps, jobcentre, data.syncId, data.total);
        logger.info({ jobcentre, syncId: data.syncId, kept: data.total, deleted }, 'full sync: candidates not in it removed from the pool');
      },
      'cv.withdrawn': async (data, ctx) => {
        const jobcentre = sender(ctx.userId);
        const deleted = await withdrawCvs(deps, jobcentre, data.candidateRefs);
        logger.info({ jobcentre, asked: data.candidateRefs.length, deleted }, 'candidates withdrawn from the pool');
      },
    },
    { requireUserId: true },
  );
}
