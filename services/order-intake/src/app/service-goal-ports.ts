import type { Loaded, OutboxEntry, Saves } from '@rs/db';
import type { ServiceGoalId } from '@rs/contracts';
import type { FollowUp } from '../domain/follow-ups';
import type { GoalStanding, ServiceGoals } from '../domain/service-goals';

/**
 * The stores of the service-goal clocks (R3, R4) and the onboarding follow-ups (R10), implemented
 * by adapters/mongo/service-goals.repository.ts and follow-ups.repository.ts. Both write through
 * the change log: each write is a unique-key insert of `<id>@<version>`, so of two writers of the
 * same version exactly one wins (FerretDB's guarded updates would let both).
 */
export interface ServiceGoalStore extends Saves<ServiceGoals> {
  load(orderId: string): Promise<Loaded<ServiceGoals> | undefined>;
  /** Inserts an order's clocks with their messages and inbox mark; false when they exist already. */
  insert(state: ServiceGoals, outbox: OutboxEntry[], processedId?: string): Promise<boolean>;
  /** Clocks sorted by registration, newest first (ties by order id, descending), at most `limit`. */
  list(filter: GoalFilter, limit: number): Promise<ServiceGoals[]>;
  /** Every order with a goal still running: what the reconcile re-creates timers for. */
  running(): AsyncIterable<ServiceGoals>;
}

export interface GoalFilter {
  /** Only these orders' clocks (a bulk read beside a list of orders); clocks not yet registered included. */
  orderIds?: string[];
  leadJobcentre?: number;
  cooperation?: string;
  /** With `standing`: that goal only; alone: orders that have this goal (all do). */
  goal?: ServiceGoalId;
  /** Orders with a goal (or `goal`) that stands so, or was `warned` (a warning was given). */
  standing?: GoalStanding | 'warned';
  registeredFrom?: string;
  registeredBefore?: string;
  after?: { registeredAt: string; id: string };
}

export interface FollowUpStore extends Saves<FollowUp> {
  load(id: string): Promise<Loaded<FollowUp> | undefined>;
  /** Inserts it with its messages; false when a follow-up with its id exists already (a redelivered hire). */
  insert(followUp: FollowUp, outbox: OutboxEntry[]): Promise<boolean>;
  /** By due day, then id, ascending. */
  list(filter: FollowUpFilter, limit: number): Promise<FollowUp[]>;
}

export interface FollowUpFilter {
  cooperation?: string;
  /** Only those without (false) or with (true) a recorded outcome. */
  done?: boolean;
  /** Due on or before this day (YYYY-MM-DD). */
  dueBy?: string;
  /** Due after this day. */
  dueAfter?: string;
  orderId?: string;
  after?: { dueOn: string; id: string };
}
