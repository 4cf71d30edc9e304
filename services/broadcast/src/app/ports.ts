import type { Envelope, OrderShortlisted, OrderSummary } from '@rs/contracts';
import type { Loaded, OutboxEntry, Saves } from '@rs/db';
import type { z } from 'zod';
import type { Round, Shortlists } from '../domain/round';

/**
 * The stores broadcast's use cases need, declared here and implemented by
 * adapters/mongo/*.repository.ts (built in main.ts). Writes go through the change log: a save or
 * insert commits the state with its outgoing messages and hands them to the relay in one call.
 */

/** What broadcast knows of an order: enough to open rounds for it. */
export interface OrderSnapshot {
  orderId: string;
  leadJobcentre: number;
  /** The lead's cooperation when the order was registered (the secretariat that may manage its rounds). */
  cooperation: string | null;
  order: z.infer<typeof OrderSummary>;
  /** The company agreed that jobcentres without qualified candidates need not reply (order.registered). */
  silenceMeansNone?: boolean;
  /** When the lead took over by a handover (order.lead-changed). */
  leadSince?: string;
}

export interface RoundStore extends Saves<Round> {
  load(id: string): Promise<Loaded<Round> | undefined>;
  /** Inserts a new round with its opening messages; false when a round with its id exists. */
  insert(round: Round, keeps: { seq: number; cooperation: string | null }, outbox: OutboxEntry[]): Promise<boolean>;
  exists(id: string): Promise<boolean>;
  /** What a round keeps of its order (the lead's cooperation as it was at registration). */
  orderOf(id: string): Promise<Omit<OrderSnapshot, 'orderId'> | undefined>;
  /** Ids of the rounds in a status, streamed (the open rounds of a country can be many). */
  idsWithStatus(status: Round['status']): AsyncIterable<string>;
  /** The open rounds' opening and deadline, all their timers follow from; streamed, nothing else read. */
  timesOfOpen(): AsyncIterable<Pick<Round, 'id' | 'openedAt' | 'deadline'>>;
  /** Ids of an order's rounds; `notClosed`: only those not closed yet. */
  idsOfOrder(orderId: string, options?: { notClosed?: boolean }): Promise<string[]>;
  /** How many rounds of the order are open now. */
  countOpen(orderId: string): Promise<number>;
  /** Ids of the rounds not closed that hold this candidate in a reply. */
  idsHoldingCandidate(candidateRef: string): Promise<string[]>;
  /** The open rounds this jobcentre received (not those it leads): the answering jobcentre's inbox. */
  openFor(jobcentre: number): Promise<Round[]>;
  /** The rounds opened in [from, to) (ISO instants). */
  openedBetween(from: string, to: string): Promise<Round[]>;
}

/** Orders that came without a round (a round keeps its order itself). */
export interface OrderSnapshotStore {
  save(snapshot: OrderSnapshot): Promise<void>;
  load(orderId: string): Promise<OrderSnapshot | undefined>;
  /** The order's new lead after a handover at `changedAt`; an older or repeated handover changes nothing. False: no snapshot. */
  changeLead(orderId: string, to: number, changedAt: string): Promise<boolean>;
}

/** Matching's latest lists for an order and the ranking they are from (its rankedAt). */
export interface KeptShortlists {
  rankedAt: string;
  lists: Shortlists;
}

/** Matching's shortlists per order, kept for rounds opened later. */
export interface ShortlistStore {
  /** Keeps the lists when they are newer than the kept ones (a redelivery or an older ranking changes nothing). */
  keep(data: OrderShortlisted): Promise<void>;
  load(orderId: string): Promise<KeptShortlists | undefined>;
}

/** A page of the catch-up feed: at least `limit` messages unless it is the last. */
export interface FeedPage {
  messages: Envelope[];
  next: string | null;
}

/** Every message sent to a jobcentre's queue, kept for the catch-up feed. */
export interface FeedStore {
  /** Stores the jobcentre-bound entries of a relayed change, before they are published. */
  record(entries: OutboxEntry[]): Promise<void>;
  /** Messages to `jobcentre` after the cursor `after`, oldest first. */
  read(jobcentre: number, after: string, limit: number): Promise<FeedPage>;
  /** Deletes what was sent before `before`. Returns how many records. */
  prune(before: Date): Promise<number>;
}

/** Where broadcast's copies of candidates are, for erasure (cv.erased). */
export interface ErasureStore {
  /** Ids of the orders whose stored shortlists name the candidate. */
  shortlistsHolding(jobcentre: number, candidateRef: string): Promise<string[]>;
  /** Erases the candidates from one order's stored shortlists; false when none was there. */
  eraseFromShortlists(orderId: string, jobcentre: number, refs: ReadonlySet<string>): Promise<boolean>;
  /** Ids of every round (closed ones too) whose replies name the candidate. */
  roundsHolding(candidateRef: string): Promise<string[]>;
  /** Erases the candidates from every catch-up feed record naming them; returns how many records changed. */
  eraseFromFeed(jobcentre: number, refs: ReadonlySet<string>): Promise<number>;
}
