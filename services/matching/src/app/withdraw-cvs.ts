import { makeEnvelope, routeOf } from '@rs/contracts';
import { poolKey } from '../domain/candidate';
import { type MatchingDeps, SOURCE } from './deps';

/**
 * Candidates that leave the pool (cv.withdrawn, or not in a full sync): their CV is deleted
 * from the store and the index, and the inquiries about them from matching's own store, then
 * `cv.erased` tells every other holder of a copy. Published
 * even for refs the pool did not hold: a copy may outlive the CV (a redelivery after a crash
 * between delete and publish). A failed publish fails the message, which comes again.
 */
export async function withdrawCvs(
  deps: Pick<MatchingDeps, 'pool' | 'index' | 'inquiries' | 'publish' | 'now' | 'newId'>,
  jobcentre: number,
  candidateRefs: string[],
): Promise<number> {
  const deleted = await deps.pool.withdraw(jobcentre, candidateRefs);
  await eraseEverywhere(deps, jobcentre, candidateRefs);
  return deleted;
}

export async function eraseEverywhere(
  deps: Pick<MatchingDeps, 'index' | 'inquiries' | 'publish' | 'now' | 'newId'>,
  jobcentre: number,
  candidateRefs: readonly string[],
): Promise<void> {
  const refs = [...new Set(candidateRefs)];
  for (const ref of refs) deps.index.remove(poolKey(jobcentre, ref));
  // Matching's own copies go here, not from its own cv.erased: before the event, so a failure
  // fails the message and the redelivery finishes the job.
  for (let i = 0; i < refs.length; i += 500) await deps.inquiries.eraseCandidates(jobcentre, refs.slice(i, i + 500));
  for (let i = 0; i < refs.length; i += 500) {
    const id = deps.newId();
    const now = deps.now();
    const envelope = makeEnvelope(
      'cv.erased',
      { jobcentre, candidateRefs: refs.slice(i, i + 500), erasedAt: now.toISOString() },
      { id, time: now, source: SOURCE },
    );
    await deps.publish({ kind: 'publish', id, ...routeOf('cv.erased'), envelope });
  }
}
