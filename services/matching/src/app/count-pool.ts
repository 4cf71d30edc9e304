import type { MatchingDeps } from './deps';

/** How many candidates one jobcentre has in the pool. */
export function countPool(deps: Pick<MatchingDeps, 'pool'>, jobcentre: number): Promise<number> {
  return deps.pool.countOf(jobcentre);
}
