import type { Order } from '../domain/order';

/** Who runs a command: the token's subject (for the timeline), whether an admin, and what it may act on. */
export interface Acting {
  by: string;
  admin: boolean;
  may(order: Order): boolean;
}
