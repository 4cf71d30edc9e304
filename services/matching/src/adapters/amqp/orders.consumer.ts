import { type Bus, consume } from '@rs/bus';
import { SERVICE_QUEUES } from '@rs/contracts';
import type { MatchingDeps } from '../../app/deps';
import { rankOrder } from '../../app/rank-order';

/**
 * order.registered: rank the pool for the order and publish the shortlists.
 * order.amended: the order asks for something else now; rank it again, once per amendment.
 */
export function consumeOrders(bus: Bus, deps: MatchingDeps) {
  return consume(bus, SERVICE_QUEUES.matchingEvents, {
    'order.registered': async (data) => {
      await rankOrder(deps, data);
    },
    'order.amended': async (data) => {
      await rankOrder(deps, data, `${data.orderId}-amendment-${data.amendment}`);
    },
  });
}
