import type { OutboxEntry } from '@rs/db';
import type { FundAgreement, RecruitmentAgreement } from '../domain/agreement';
import type { Call, CallNeed, CallOutcome } from '../domain/call';
import type { Company } from '../domain/company';
import type { CompanyHistoryEntry } from '../domain/company';

/**
 * The stores of companies, agreements, calls and webhook nonces, implemented by
 * adapters/mongo/*.repository.ts (built in main.ts). Each new record is one unique-key insert:
 * the same company, call or nonce twice is refused by the database, not by a read before.
 */
export interface CompanyStore {
  /** False when a company with this id exists. */
  insert(company: Company): Promise<boolean>;
  load(id: string): Promise<Company | undefined>;
  /**
   * Claims the change that makes `version` (a unique-key insert of `<id>@<version>`): of two
   * changes from the same version exactly one gets it. Not claimed: when the holder claimed it.
   */
  claimVersion(id: string, version: number, at: string): Promise<{ claimed: true } | { claimed: false; at: string }>;
  /** Gives back a claim its holder never applied (left by a crash): the next change may take the version. */
  releaseVersion(id: string, version: number, at: string): Promise<void>;
  /**
   * One update of one document by the holder of the version's claim: the fields set, the version
   * and the history lines appended together, so a change is never half-written. The company after
   * it; undefined when it is not there.
   */
  change(id: string, version: number, set: Partial<Company>, history: CompanyHistoryEntry[]): Promise<Company | undefined>;
  /** Ordered by name key, then id; narrowed by the filter; at most `limit`. */
  list(filter: CompanyFilter, limit: number): Promise<Company[]>;
}

export interface CompanyFilter {
  cvr?: string;
  /** An anchored, escaped pattern on the name key (domain/company-name.ts). */
  namePattern?: string;
  municipality?: number;
  leadJobcentre?: number;
  cooperation?: string;
  after?: { nameKey: string; id: string };
}

/** Agreements are written through the change log: the insert carries the event reporting counts. */
export interface AgreementStore {
  insert(agreement: RecruitmentAgreement, outbox: OutboxEntry[]): Promise<boolean>;
  load(id: string): Promise<RecruitmentAgreement | undefined>;
  ofCompany(companyId: string): Promise<RecruitmentAgreement[]>;
}

export interface FundAgreementStore {
  insert(agreement: FundAgreement, outbox: OutboxEntry[]): Promise<boolean>;
  load(id: string): Promise<FundAgreement | undefined>;
  /** Newest period first; `cooperation` narrows. */
  list(filter: { cooperation?: string; fund?: string }, limit: number): Promise<FundAgreement[]>;
}

export type CallInsert = { kind: 'inserted' } | { kind: 'id-exists' } | { kind: 'reference-taken' };

export interface CallStore {
  /** One insert: the id and the reference are both unique keys. */
  insert(call: Call): Promise<CallInsert>;
  load(id: string): Promise<Call | undefined>;
  byReference(reference: string): Promise<Call | undefined>;
  /**
   * Elects the one resolution of a call (a unique-key insert): true for the first request and for
   * a retry of it (the same `requestHash`), false for any other.
   */
  claimResolution(id: string, requestHash: string, at: string): Promise<boolean>;
  /** Gives a claim back (its request was refused before it placed anything). */
  releaseResolution(id: string, requestHash: string): Promise<void>;
  /** Completes a call that is still only logged (after its resolution was claimed); false when it is not. */
  resolve(
    id: string,
    set: Pick<Call, 'outcome' | 'resolvedAt' | 'resolvedBy' | 'resolutionHash' | 'cooperation'> &
      Partial<Pick<Call, 'company' | 'orderId' | 'routedTo'>>,
  ): Promise<boolean>;
  /** Newest first (ties by id, descending). */
  list(filter: CallFilter, limit: number): Promise<Call[]>;
}

export interface CallFilter {
  routedTo?: number;
  cooperation?: string;
  companyId?: string;
  cvr?: string;
  orderId?: string;
  need?: CallNeed;
  outcome?: CallOutcome;
  source?: Call['source'];
  receivedFrom?: string;
  receivedBefore?: string;
  after?: { receivedAt: string; id: string };
}

export interface NonceStore {
  /** False when the nonce was used before (a replayed request). */
  claim(nonce: string, at: Date): Promise<boolean>;
  /** Gives a claimed nonce back: the request it came with stored nothing, so its retry may use it. */
  release(nonce: string): Promise<void>;
  /** Forgets nonces older than this: their timestamps are refused as stale anyway. */
  prune(before: Date): Promise<number>;
}
