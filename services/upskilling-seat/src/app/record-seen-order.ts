import type { OrderRegistered } from '@rs/contracts';
import type { SeenOrders } from './ports';

export interface UpskillingDeps {
  seenOrders: SeenOrders;
  now: () => Date;
}

/** Will tie upskilling seats to the order's need (issue: upskilling seats). For now it records that it saw the order. */
export function recordSeenOrder(deps: UpskillingDeps, order: OrderRegistered): Promise<void> {
  return deps.seenOrders.recordOnce({
    orderId: order.orderId,
    leadJobcentre: order.leadJobcentre,
    occupation: order.order.occupation,
    seenAt: deps.now(),
  });
}
