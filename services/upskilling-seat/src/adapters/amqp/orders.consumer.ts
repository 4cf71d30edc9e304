import { type Bus, consume } from '@rs/bus';
import { SERVICE_QUEUES } from '@rs/contracts';
import type { Model } from 'mongoose';

/** Will tie upskilling seats to the order's need (issue: upskilling seats). For now it records that it saw the order. */
export function consumeOrders(bus: Bus, seenOrders: Model<any>, now: () => Date) {
  return consume(bus, SERVICE_QUEUES.upskillingEvents, {
    'order.registered': async (data) => {
      await seenOrders.collection.updateOne(
        { _id: data.orderId as never },
        { $setOnInsert: { leadJobcentre: data.leadJobcentre, occupation: data.order.occupation, seenAt: now().toISOString() } },
        { upsert: true },
      );
    },
  });
}
