import type { SharedCv } from '@rs/contracts';
import type { OutboxEntry } from '@rs/db';
import type { PoolCv } from '../domain/rank';

/**
 * The stores matching's use cases need, implemented by adapters/mongo/*.repository.ts (built in
 * main.ts).
 */

/** One ranking per order: the record of which candidates were read onto whose shortlist. */
export interface Ranking {
  orderId: string;
  rankedAt: Date;
  poolSize: number;
  /** Pool keys (see poolKey) of the candidates put on a shortlist. */
  shortlisted: string[];
}

export interface RankingStore {
  exists(orderId: string): Promise<boolean>;
  /** Inserts the ranking with its order.shortlisted event; false when the order was ranked before. */
  insert(ranking: Ranking, outbox: OutboxEntry[]): Promise<boolean>;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  /** Older than (or the same revision as) the pool's copy: ignored. */
  stale: number;
}

/** A candidate's CV as the pool stores it (revision as an ISO string). */
export type StoredCv = PoolCv;

/** One recorded read of a CV over the API: who, when, which, why. */
export interface CandidateRead {
  at: Date;
  by: string;
  role: string;
  /** Pool key (see poolKey). */
  candidate: string;
  purpose: string;
}

/** The shared candidate pool: written by connectors' CV messages, read by ranking and the API. */
export interface CandidatePool {
  /** The CVs that may fit an occupation: same 3-digit DISCO group. */
  candidatesFor(occupation: string): Promise<PoolCv[]>;
  /** How many candidates the pool holds (an estimate is fine). */
  size(): Promise<number>;
  /** How many candidates one jobcentre has in the pool. */
  countOf(jobcentre: number): Promise<number>;
  /** One candidate's CV; undefined when the pool does not hold it. */
  find(jobcentre: number, candidateRef: string): Promise<StoredCv | undefined>;
  /** Adds or updates a batch of one jobcentre's CVs, keeping the newest revision of each. */
  upsert(jobcentre: number, cvs: SharedCv[], syncId: string | undefined, now: Date): Promise<UpsertResult>;
  /** Deletes candidates; returns how many were there. */
  withdraw(jobcentre: number, candidateRefs: string[]): Promise<number>;
  /** How many of the jobcentre's CVs belong to full-sync run `syncId`. */
  countInSync(jobcentre: number, syncId: string): Promise<number>;
  /** Deletes the jobcentre's CVs that run `syncId` did not contain; returns how many. */
  deleteOutsideSync(jobcentre: number, syncId: string): Promise<number>;
}

/** The record of CV reads (the CV is personal data). */
export interface CandidateReadLog {
  record(read: CandidateRead): Promise<void>;
}
