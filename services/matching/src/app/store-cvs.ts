import type { SharedCv } from '@rs/contracts';
import type { MatchingDeps } from './deps';
import { applyToIndex } from './pool-index-sync';
import type { UpsertResult } from './ports';

/**
 * A jobcentre's batch of CVs (cv.upserted) into the pool, then into this replica's index. The
 * newest revision wins, so a redelivered or out-of-order batch is harmless. A CV that is not
 * marked searchable is stored (its revision orders later messages) but never shown.
 */
export async function storeCvs(
  deps: Pick<MatchingDeps, 'pool' | 'index' | 'now'>,
  jobcentre: number,
  cvs: SharedCv[],
  syncId: string | undefined,
): Promise<UpsertResult> {
  const result = await deps.pool.upsert(jobcentre, cvs, syncId, deps.now());
  applyToIndex(deps, result.applied);
  return result;
}
