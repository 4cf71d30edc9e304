import type { CandidatePool, CandidateReadLog, RankingStore } from './ports';

/** What the use cases need; built once in main.ts. Stores are ports (./ports.ts), not models. */
export interface MatchingDeps {
  rankings: RankingStore;
  pool: CandidatePool;
  candidateReads: CandidateReadLog;
  now: () => Date;
  newId: () => string;
}

export const SOURCE = '/services/matching';
