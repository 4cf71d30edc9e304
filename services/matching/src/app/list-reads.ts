import type { MatchingDeps } from './deps';
import type { CandidateRead, ReadQuery } from './ports';

/** Who read a jobcentre's candidates, when and why (newest first): the jobcentre answers its candidates' questions from this. */
export function listReads(deps: Pick<MatchingDeps, 'candidateReads'>, query: ReadQuery): Promise<CandidateRead[]> {
  return deps.candidateReads.list(query);
}

/** Retention: reads older than the configured days are deleted. */
export function pruneReads(deps: Pick<MatchingDeps, 'candidateReads' | 'settings' | 'now'>): Promise<number> {
  return deps.candidateReads.prune(new Date(deps.now().getTime() - deps.settings.readRetentionDays * 86_400_000));
}
