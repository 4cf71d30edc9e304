import type { MatchingDeps } from './deps';
import { eraseEverywhere } from './withdraw-cvs';

export class SyncNotComplete extends Error {}

/**
 * The end of a full sync (cv.sync-completed): once the pool holds all `total` CVs of run `syncId`
 * (its batches may still be on their way or being retried), deletes the jobcentre's CVs the run
 * did not contain, everywhere (as a withdrawal). Until then it throws SyncNotComplete, and the
 * message is retried later.
 */
export async function completeSync(
  deps: Pick<MatchingDeps, 'pool' | 'index' | 'inquiries' | 'publish' | 'now' | 'newId'>,
  jobcentre: number,
  syncId: string,
  total: number,
): Promise<number> {
  const stored = await deps.pool.countInSync(jobcentre, syncId);
  if (stored < total) throw new SyncNotComplete(`sync ${syncId}: ${stored} of ${total} CVs stored so far`);
  const dropped = await deps.pool.deleteOutsideSync(jobcentre, syncId);
  if (dropped.length > 0) await eraseEverywhere(deps, jobcentre, dropped);
  return dropped.length;
}
