import type { SharedCv } from '@rs/contracts';
import type { MatchingDeps } from './deps';
import type { UpsertResult } from './ports';

/**
 * A jobcentre's batch of CVs (cv.upserted) into the pool. The newest revision wins, so a
 * redelivered or out-of-order batch is harmless.
 */
export function storeCvs(
  deps: Pick<MatchingDeps, 'pool' | 'now'>,
  jobcentre: number,
  cvs: SharedCv[],
  syncId: string | undefined,
): Promise<UpsertResult> {
  return deps.pool.upsert(jobcentre, cvs, syncId, deps.now());
}
