import { createStore } from '@rs/db';
import type { OrderSnapshotStore } from '../../app/ports';
import { followsHandover } from '../../domain/round';
import type { RoundModels } from './round.model';

/**
 * Orders that came without a round, one document per order, written through the change log
 * (createStore) like the rounds: the registration inserts it (a redelivery finds it there) and a
 * handover writes over the loaded revision, so two writers never both win.
 */
export function orderSnapshotRepository(models: Pick<RoundModels, 'orders'>): OrderSnapshotStore {
  const collection = models.orders.collection;
  const store = createStore(models.orders);
  return {
    async save({ orderId, ...rest }) {
      await store.insert({ _id: orderId, ...rest }, []);
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
            ...(doc.leadSince ? { leadSince: doc.leadSince } : {}),
          }
        : undefined;
    },
    async changeLead(orderId, to, changedAt) {
      for (;;) {
        const found = await store.load(orderId);
        if (!found) return false;
        if (!Number.isFinite(found.revision.version)) {
          // Saved before the snapshots went through the change log (a plain upsert): give it its
          // first version. Every writer sets the same, so a race here is harmless.
          await collection.updateOne({ _id: orderId as never, version: { $exists: false } } as never, { $set: { version: 1 } });
          continue;
        }
        if (!followsHandover(found.doc as { leadSince?: string }, changedAt)) return true;
        if (await store.save(orderId, { revision: found.revision, set: { leadJobcentre: to, leadSince: changedAt }, outbox: [] }))
          return true;
      }
    },
  };
}
