import { type Bus, consume } from '@rs/bus';
import { SERVICE_QUEUES } from '@rs/contracts';
import { recordSeenOrder, type UpskillingDeps } from '../../app/record-seen-order';

/** order.registered → the record-seen-order use case. */
export function consumeOrders(bus: Bus, deps: UpskillingDeps) {
  return consume(bus, SERVICE_QUEUES.upskillingEvents, {
    'order.registered': (data) => recordSeenOrder(deps, data),
  });
}
