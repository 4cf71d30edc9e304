import type { MatchingDeps } from './deps';

/** Candidates a jobcentre withdrew (cv.withdrawn): their CV data leaves the pool. Returns how many were there. */
export function withdrawCvs(deps: Pick<MatchingDeps, 'pool'>, jobcentre: number, candidateRefs: string[]): Promise<number> {
  return deps.pool.withdraw(jobcentre, candidateRefs);
}
