import type { Loaded, OutboxEntry, Saves } from '@rs/db';
import type { Order, OrderChanges } from '../domain/order';

/**
 * The store order-intake's use cases need, implemented by adapters/mongo/order.repository.ts
 * (built in main.ts). A save or insert commits the order with its events and hands them to the
 * relay in one call.
 */
export interface OrderStore extends Saves<OrderChanges> {
  load(id: string): Promise<Loaded<Order> | undefined>;
  /** Only the order's view of its rounds: what broadcast's events change (a cheaper load). */
  loadRounds(id: string): Promise<Loaded<Pick<Order, 'rounds'>> | undefined>;
  /** Inserts a new order with its first event; false when the id exists. */
  insert(order: Order, outbox: OutboxEntry[]): Promise<boolean>;
  /** The newest orders first (ties by id, descending), at most `limit`, narrowed by the filter. */
  list(filter: OrderFilter, limit: number): Promise<Order[]>;
}

export interface OrderFilter {
  leadJobcentre?: number;
  cooperation?: string;
  status?: Order['status'];
  /** Registered at or after this ISO instant. */
  registeredFrom?: string;
  /** Registered before this ISO instant. */
  registeredBefore?: string;
  /** Only what sorts after this order (newest first: older, or as old with a smaller id): the page cursor. */
  after?: { registeredAt: string; id: string };
}
