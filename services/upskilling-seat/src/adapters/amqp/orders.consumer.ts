import { type Bus, consume } from '@rs/bus';
import { SERVICE_QUEUES } from '@rs/contracts';
import type { UpskillingDeps } from '../../app/deps';
import { recordSeenOrder } from '../../app/record-seen-order';

/** order.registered → the record-seen-order use case. */
export function consumeOrders(bus: Bus, deps: Pick<UpskillingDeps, 'seenOrders' | 'now'>) {
  return consume(bus, SERVICE_QUEUES.upskillingEvents, {
    'order.registered': (data) => recordSeenOrder(deps, data),
  });
}
