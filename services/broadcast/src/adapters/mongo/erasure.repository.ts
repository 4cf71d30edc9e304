import { pack, unpack } from '@rs/db';
import type { ErasureStore } from '../../app/ports';
import { eraseFromMessages, eraseFromShortlists, type SentMessage } from '../../domain/erasure';
import type { JobcentreMessageModel } from './feed.repository';
import type { RoundModels } from './round.model';

/** Finds and rewrites broadcast's copies of candidates (the ErasureStore port). */
export function erasureRepository(models: Pick<RoundModels, 'shortlists' | 'rounds'>, feed: JobcentreMessageModel): ErasureStore {
  const shortlists = models.shortlists.collection;
  const feedRecords = feed.collection;
  return {
    async shortlistsHolding(_jobcentre, candidateRef) {
      const docs = await shortlists.find({ 'shortlists.candidates.candidateRef': candidateRef }, { projection: { _id: 1 } }).toArray();
      return docs.map((d) => String(d._id));
    },
    async eraseFromShortlists(orderId, jobcentre, refs) {
      const doc = await shortlists.findOne({ _id: orderId as never });
      const erased = doc ? eraseFromShortlists(doc.shortlists ?? [], { jobcentre, refs }) : undefined;
      if (!erased) return false;
      // A whole-array $set: the one array update FerretDB applies (no $pull with a condition).
      await shortlists.updateOne({ _id: orderId as never }, { $set: { shortlists: erased } });
      return true;
    },
    async roundsHolding(candidateRef) {
      const docs = await models.rounds.collection
        .find({ 'recipients.candidates.candidateRef': candidateRef }, { projection: { _id: 1 } })
        .toArray();
      return docs.map((d) => String(d._id));
    },
    async eraseFromFeed(jobcentre, refs) {
      const keys = [...refs].map((r) => `${jobcentre}-${r}`);
      // Records name their candidates in `candidates`; those written before it did are read whole.
      const cursor = feedRecords.find({ $or: [{ candidates: { $in: keys } }, { candidates: { $exists: false } }] });
      let changed = 0;
      for await (const doc of cursor) {
        const sent = unpack<SentMessage[]>(doc.messages);
        const kept = eraseFromMessages(sent, { jobcentre, refs });
        if (!kept) continue;
        if (kept.length === 0) await feedRecords.deleteOne({ _id: doc._id });
        else
          await feedRecords.updateOne(
            { _id: doc._id },
            {
              $set: {
                messages: pack(kept),
                jobcentres: [...new Set(kept.map((s) => s.jobcentre))],
                candidates: ((doc.candidates ?? []) as string[]).filter((k) => !keys.includes(k)),
              },
            },
          );
        changed++;
      }
      return changed;
    },
  };
}
