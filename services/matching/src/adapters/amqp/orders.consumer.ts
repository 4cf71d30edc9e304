import { type Bus, consume } from '@rs/bus';
import { QUEUES } from '@rs/contracts';
import type { Model } from 'mongoose';

/** Will rank the shared candidate pool for the order (issue: matching). For now it records that it saw the order. */
export function consumeOrders(bus: Bus, seenOrders: Model<any>, now: () => Date) {
  return consume(bus, QUEUES.matchingEvents, {
    'order.registered': async (data) => {
      await seenOrders.collection.updateOne(
        { _id: data.orderId as never },
        { $setOnInsert: { leadJobcentre: data.leadJobcentre, occupation: data.order.occupation, seenAt: now().toISOString() } },
        { upsert: true },
      );
    },
  });
}
