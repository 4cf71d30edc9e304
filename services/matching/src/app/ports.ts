import type { CandidateInquiry, SharedCv } from '@rs/contracts';
import type { OutboxEntry, PublishEntry } from '@rs/db';
import type { PoolCv } from '../domain/candidate';
import type { StoredAnswer } from '../domain/inquiry-answer';

/**
 * The stores matching's use cases need, implemented by adapters/mongo/*.repository.ts (built in
 * main.ts).
 */

/** One ranking per order: the record of which candidates were read onto whose shortlist. */
export interface Ranking {
  /** The order id for its first ranking; `<orderId>-amendment-<n>` for the ranking after its n-th amendment. */
  id: string;
  orderId: string;
  rankedAt: Date;
  poolSize: number;
  /** Pool keys (see poolKey) of the candidates put on a shortlist. */
  shortlisted: string[];
}

export interface RankingStore {
  exists(id: string): Promise<boolean>;
  /** Inserts the ranking with its order.shortlisted event; false when it was ranked before. */
  insert(ranking: Ranking, outbox: OutboxEntry[]): Promise<boolean>;
}

export interface UpsertResult {
  inserted: number;
  updated: number;
  /** Older than (or the same revision as) the pool's copy: ignored. */
  stale: number;
  /** The CVs now stored as sent (inserted or updated): what the in-memory index takes over. */
  applied: PoolCv[];
}

/** A candidate's CV as the pool stores it (revision as an ISO string). */
export type StoredCv = PoolCv;

/**
 * One read of a candidate's data, whoever read it and however (search, shortlist, CV): the
 * record a jobcentre and the candidate have a right to (CJEU C-579/21). Written before the data
 * is returned; no route changes or deletes it (retention only).
 */
export interface CandidateRead {
  at: Date;
  /** The reader's subject (a consultant, or `matching` for a shortlist). */
  by: string;
  role: string;
  /** The reader's jobcentre, when the reader is one (the recipient of a shortlist). */
  readerJobcentre?: number;
  /** Pool key (see poolKey). */
  candidate: string;
  candidateJobcentre: number;
  candidateRef: string;
  kind: 'cv' | 'search' | 'shortlist';
  purpose: string;
  orderId?: string;
}

/** The shared candidate pool: written by connectors' CV messages, read by ranking and the API. */
export interface CandidatePool {
  /** Every CV, streamed (the in-memory index is built from this at start). */
  all(): AsyncIterable<StoredCv>;
  /**
   * What other replicas changed since `since`, from the small change log every write of the pool
   * appends to (pool keys stored or deleted): how an index catches up without scanning the pool.
   */
  changesSince(since: Date): Promise<PoolChange[]>;
  /** Deletes change-log records older than `before`. */
  pruneChanges(before: Date): Promise<number>;
  /** The CVs held under these pool keys (missing keys are absent from the map). */
  findMany(keys: readonly string[]): Promise<Map<string, StoredCv>>;
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
  /** Deletes the jobcentre's CVs that run `syncId` did not contain; returns their refs. */
  deleteOutsideSync(jobcentre: number, syncId: string): Promise<string[]>;
}

/** One write of the pool by one replica: the keys it stored and the keys it deleted. */
export interface PoolChange {
  id: string;
  changed: string[];
  removed: string[];
}

export interface ReadQuery {
  candidateJobcentre: number;
  candidateRef?: string;
  from?: Date;
  to?: Date;
  limit: number;
}

/** The record of reads (the CV is personal data). Append-only: nothing here changes an entry. */
export interface CandidateReadLog {
  record(reads: CandidateRead[]): Promise<void>;
  /** A jobcentre's candidates' reads, newest first. */
  list(query: ReadQuery): Promise<CandidateRead[]>;
  /** Deletes entries older than `before` (retention); returns how many. */
  prune(before: Date): Promise<number>;
}

/** Once-a-day marks of the stale-CV reports, so replicas send each jobcentre one a day. */
export interface StaleReportMarks {
  has(id: string): Promise<boolean>;
  mark(id: string, at: Date): Promise<void>;
}

/** Questions between jobcentres about a candidate (pool.candidate-inquiry), each stored once with its message. */
export interface InquiryStore {
  /** Inserts the inquiry with the message to the home jobcentre; false when its id exists already. */
  insert(inquiry: CandidateInquiry, outbox: OutboxEntry[]): Promise<boolean>;
  find(id: string): Promise<CandidateInquiry | undefined>;
  /** Newest first: those a jobcentre received (`to`) or sent (`from`). */
  list(direction: 'to' | 'from', jobcentre: number, limit: number): Promise<CandidateInquiry[]>;
  /** The answer recorded for an inquiry, if any. */
  answerOf(inquiryId: string): Promise<StoredAnswer | undefined>;
  /** The answers recorded for these inquiries (unanswered ones are absent from the map). */
  answersOf(inquiryIds: readonly string[]): Promise<Map<string, StoredAnswer>>;
  /** Inserts the inquiry's one answer (unique by inquiry id) with its message to the asker; false when it was answered already. */
  insertAnswer(answer: StoredAnswer, outbox: OutboxEntry[]): Promise<boolean>;
  /** Deletes the inquiries (and their answers) about these candidates of their home jobcentre (erasure); resolves with how many inquiries. */
  eraseCandidates(jobcentre: number, candidateRefs: readonly string[]): Promise<number>;
}

/** Publishes now with a confirm (events and jobcentre messages that need no stored state). */
export type Publish = (entry: PublishEntry) => Promise<void>;
