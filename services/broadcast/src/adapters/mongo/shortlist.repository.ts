import { createStore } from '@rs/db';
import type { OrderShortlisted } from '@rs/contracts';
import type { ShortlistStore } from '../../app/ports';
import type { RoundModels } from './round.model';

/**
 * Matching's shortlists, one document per order, written through the change log (createStore):
 * a newer ranking replaces the lists over the loaded revision, so two replicas keeping different
 * rankings at once cannot both win (a guarded update could on FerretDB) and the newest stays.
 */
export function shortlistRepository(models: Pick<RoundModels, 'shortlists'>): ShortlistStore {
  const collection = models.shortlists.collection;
  const store = createStore(models.shortlists);
  return {
    async keep(data) {
      for (;;) {
        const found = await store.load(data.orderId);
        if (!found) {
          if (await store.insert({ _id: data.orderId, rankedAt: data.rankedAt, shortlists: data.shortlists }, [])) return;
          continue;
        }
        if (!Number.isFinite(found.revision.version)) {
          // Kept before the lists went through the change log (a plain upsert): its first version.
          await collection.updateOne({ _id: data.orderId as never, version: { $exists: false } } as never, { $set: { version: 1 } });
          continue;
        }
        if (!(Date.parse(data.rankedAt) > Date.parse(String(found.doc.rankedAt)))) return;
        const set = { rankedAt: data.rankedAt, shortlists: data.shortlists };
        if (await store.save(data.orderId, { revision: found.revision, set, outbox: [] })) return;
      }
    },
    async load(orderId) {
      const doc = await collection.findOne({ _id: orderId as never });
      if (!doc) return undefined;
      // FerretDB 1.24 drops an empty array from an insert: a ranking that suggested nobody is
      // stored without the field. It came, and it is empty.
      const lists = (doc.shortlists ?? []) as OrderShortlisted['shortlists'];
      return { rankedAt: String(doc.rankedAt), lists: new Map(lists.map((s) => [s.jobcentre, s.candidates])) };
    },
  };
}
