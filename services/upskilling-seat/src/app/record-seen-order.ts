import type { OrderRegistered } from '@rs/contracts';
import type { UpskillingDeps } from './deps';

/** Notes an order it saw (a course may name it as the need it serves). */
export function recordSeenOrder(deps: Pick<UpskillingDeps, 'seenOrders' | 'now'>, order: OrderRegistered): Promise<void> {
  return deps.seenOrders.recordOnce({
    orderId: order.orderId,
    leadJobcentre: order.leadJobcentre,
    occupation: order.order.occupation,
    seenAt: deps.now(),
  });
}
