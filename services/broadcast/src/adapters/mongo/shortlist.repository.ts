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
      return new Map((doc.shortlists as OrderShortlisted['shortlists']).map((s) => [s.jobcentre, s.candidates]));
    },
  };
}
