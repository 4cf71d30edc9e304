import type { OrderSnapshotStore } from '../../app/ports';
import type { RoundModels } from './round.model';

/** Orders that came without a round, one document per order (upserted: a redelivery writes the same). */
export function orderSnapshotRepository(models: Pick<RoundModels, 'orders'>): OrderSnapshotStore {
  const collection = models.orders.collection;
  return {
    async save({ orderId, ...rest }) {
      await collection.updateOne({ _id: orderId as never }, { $set: rest }, { upsert: true });
    },
    async load(orderId) {
      const doc = await collection.findOne({ _id: orderId as never });
      return doc
        ? {
            orderId,
            leadJobcentre: doc.leadJobcentre,
            cooperation: doc.cooperation ?? null,
            order: doc.order,
            ...(doc.silenceMeansNone ? { silenceMeansNone: true } : {}),
          }
        : undefined;
    },
  };
}
