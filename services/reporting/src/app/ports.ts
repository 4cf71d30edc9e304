import type { Fact } from '../domain/facts';
import type {
  SourceAgreement,
  SourceCourse,
  SourceFollowUp,
  SourceGoals,
  SourceNeed,
  SourceOrder,
  SourceRound,
} from '../domain/from-sources';

/** The read model (adapters/mongo/facts.repository.ts). */
export interface FactStore {
  /** Inserts the facts whose keys are new; resolves with how many were. A known key changes nothing. */
  record(facts: readonly Fact[]): Promise<number>;
  /** Every fact about the orders registered under this cooperation. */
  ofCooperation(cooperation: string): Promise<Fact[]>;
  /** Makes the read model exactly these facts: inserts the missing ones, then removes the others. */
  replaceWith(facts: readonly Fact[]): Promise<{ inserted: number; removed: number }>;
}

/** The services' own records, read by the rebuild (adapters/mongo/sources.repository.ts). */
export interface Sources {
  orders(): AsyncIterable<SourceOrder>;
  serviceGoals(): AsyncIterable<SourceGoals>;
  rounds(): AsyncIterable<SourceRound>;
  followUps(): AsyncIterable<SourceFollowUp>;
  /** Recruitment agreements and a-kasse agreements. */
  agreements(): AsyncIterable<SourceAgreement>;
  courses(): AsyncIterable<SourceCourse>;
  needs(): AsyncIterable<SourceNeed>;
}
