import type { CooperationView } from '@rs/contracts';
import type { PoolIndex } from '../domain/pool-index';
import type { CandidatePool, CandidateReadLog, InquiryStore, Publish, RankingStore, StaleReportMarks } from './ports';

export interface MatchingSettings {
  /** A searchable CV not updated for this many days is reported to its jobcentre. */
  staleCvDays: number;
  /** Reads are kept this many days. */
  readRetentionDays: number;
}

/** What the use cases need; built once in main.ts. Stores are ports (./ports.ts), not models. */
export interface MatchingDeps {
  rankings: RankingStore;
  pool: CandidatePool;
  candidateReads: CandidateReadLog;
  staleReports: StaleReportMarks;
  inquiries: InquiryStore;
  /** The pool in memory (domain/pool-index.ts), for ranking and search. */
  index: PoolIndex;
  /** Resolves once the index was built from the store: nothing is ranked or searched on a half-loaded pool. */
  indexReady: Promise<void>;
  publish: Publish;
  settings: MatchingSettings;
  now: () => Date;
  newId: () => string;
  /** The cooperations as this service follows them now (runService's directory): scope and distance. */
  cooperations: () => CooperationView;
}

export const SOURCE = '/services/matching';
