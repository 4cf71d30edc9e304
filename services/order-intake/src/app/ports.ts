import type { Loaded, OutboxEntry, Saves } from '@rs/db';
import type { HireElsewhere } from '../domain/hires';
import type { Channel, Order, OrderChanges } from '../domain/order';

/**
 * The store order-intake's use cases need, implemented by adapters/mongo/order.repository.ts
 * (built in main.ts). A save or insert commits the order with its events and hands them to the
 * relay in one call.
 */
export interface OrderStore extends Saves<OrderChanges> {
  load(id: string): Promise<Loaded<Order> | undefined>;
  /** Inserts a new order with its first event; false when the id exists. */
  insert(order: Order, outbox: OutboxEntry[]): Promise<boolean>;
  /** The newest orders first (ties by id, descending), at most `limit`, narrowed by the filter. */
  list(filter: OrderFilter, limit: number): Promise<Order[]>;
  /** The candidate's hires on every order (to refuse overlapping positions). */
  hiresOf(jobcentre: number, candidateRef: string): Promise<HireElsewhere[]>;
  /**
   * Claims a hire slot (`jobcentre/candidateRef/n`) for an order by a unique insert: `claimed` when
   * this call inserted it, else who holds it (the same order holding it is a retried hire).
   */
  claimHireSlot(slot: string, orderId: string, at: string): Promise<{ claimed: true } | { claimed: false; holder: HireClaim }>;
  /** Removes the claim, only if it is still this order's (a hire that was refused, or a stale claim). */
  releaseHireSlot(slot: string, holder: HireClaim): Promise<void>;
}

export interface HireClaim {
  orderId: string;
  claimedAt: string;
}

export interface OrderFilter {
  /** Orders this jobcentre leads or received in a round (a jobcentre consultant's own work). */
  visibleTo?: number;
  leadJobcentre?: number;
  cooperation?: string;
  /** Any of these states. */
  status?: Order['status'][];
  channel?: Channel;
  /** Only these orders (e.g. those with a warned or breached service goal, from deps.goalOrders). */
  ids?: string[];
  /** Registered at or after this ISO instant. */
  registeredFrom?: string;
  /** Registered before this ISO instant. */
  registeredBefore?: string;
  /** Only what sorts after this order (newest first: older, or as old with a smaller id): the page cursor. */
  after?: { registeredAt: string; id: string };
}
