import type { OrderShortlisted } from '@rs/contracts';
import type { ShortlistStore } from '../../app/ports';
import type { RoundModels } from './round.model';

/** Matching's shortlists, one document per order. */
export function shortlistRepository(models: Pick<RoundModels, 'shortlists'>): ShortlistStore {
  const collection = models.shortlists.collection;
  return {
    async keep(data) {
      await collection.updateOne(
        { _id: data.orderId as never },
        { $setOnInsert: { rankedAt: data.rankedAt, shortlists: data.shortlists } },
        { upsert: true },
      );
    },
    async load(orderId) {
      const doc = await collection.findOne({ _id: orderId as never });
      if (!doc) return undefined;
      // FerretDB 1.24 drops an empty array from an upsert's $setOnInsert: a ranking that
      // suggested nobody is stored without the field. It came, and it is empty.
      const lists = (doc.shortlists ?? []) as OrderShortlisted['shortlists'];
      return new Map(lists.map((s) => [s.jobcentre, s.candidates]));
    },
  };
}
