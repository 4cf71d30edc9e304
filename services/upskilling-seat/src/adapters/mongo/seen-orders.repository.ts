import type { SeenOrders } from '../../app/ports';
import type { seenOrderModel } from './seen-order.model';

/** The SeenOrders port on the seen_orders collection. */
export function seenOrdersRepository(model: ReturnType<typeof seenOrderModel>): SeenOrders {
  return {
    recordOnce: async ({ orderId, leadJobcentre, occupation, seenAt }) => {
      await model.collection.updateOne(
        { _id: orderId as never },
        { $setOnInsert: { leadJobcentre, occupation, seenAt: seenAt.toISOString() } },
        { upsert: true },
      );
    },
  };
}
