import { EXCHANGES, type Envelope } from '@rs/contracts';
import { isDuplicateKey, type OutboxEntry, pack, unpack } from '@rs/db';
import { type Connection, Schema } from 'mongoose';
import type { FeedStore } from '../../app/ports';
import { candidateKeysOf } from '../../domain/erasure';

/**
 * Every message sent to a jobcentre's queue, kept for the catch-up feed: a connector that was
 * offline longer than its queue keeps messages, or that joined late, reads what it missed over
 * HTTP with the same envelope ids, so handling it once is the same rule as for redeliveries.
 *
 * One record per relayed change, not per message: a national round's opening sends 95, and 95
 * documents cost FerretDB more than all the round's other writes together (measured: the round
 * writes went from 32 to 80 rounds/s without them). The envelopes are packed (see pack) beside
 * `jobcentres`, the recipients the feed query looks for. `key` = `<time>|<id>` orders the feed and
 * makes a stable cursor: the latest envelope time of the change (its envelopes are stamped one by
 * one, so a `since` between two of them must still find the record) and the first envelope's id,
 * which is also `_id`, so a change relayed twice records once.
 */
const jobcentreMessageSchema = new Schema(
  {
    _id: { type: String, required: true },
    key: { type: String, required: true },
    jobcentres: { type: [Number], required: true },
    candidates: { type: [String] },
    messages: { type: Schema.Types.Buffer, required: true },
  },
  { collection: 'jobcentre_messages', versionKey: false },
);
jobcentreMessageSchema.index({ jobcentres: 1, key: 1 });

export function jobcentreMessageModel(connection: Connection) {
  return connection.model('JobcentreMessage', jobcentreMessageSchema);
}
export type JobcentreMessageModel = ReturnType<typeof jobcentreMessageModel>;

interface Sent {
  jobcentre: number;
  envelope: Envelope;
}

export function feedRepository(model: JobcentreMessageModel): FeedStore {
  const collection = model.collection;
  return {
    async record(entries) {
      const sent: Sent[] = entries.flatMap((e) =>
        e.kind === 'publish' && e.exchange === EXCHANGES.jobcentres
          ? [{ jobcentre: Number(e.routingKey.split('.')[1]), envelope: e.envelope }]
          : [],
      );
      const first = sent[0];
      if (!first) return;
      try {
        await collection.insertOne(record(first.envelope.id, sent) as never);
      } catch (error) {
        // A re-relayed change meets its own earlier record.
        if (!isDuplicateKey(error)) throw error;
      }
    },

    // A record is never split, so a page may hold a few more than `limit`.
    async read(jobcentre, after, limit) {
      const docs = await collection
        .find({ jobcentres: jobcentre, key: { $gt: after } })
        .sort({ key: 1 })
        .limit(limit)
        .toArray();
      const messages: Envelope[] = [];
      let last: string | undefined;
      for (const doc of docs) {
        if (messages.length >= limit) break;
        for (const s of unpack<Sent[]>(doc.messages)) if (s.jobcentre === jobcentre) messages.push(s.envelope);
        last = String(doc.key);
      }
      const more = docs.length === limit || last !== docs[docs.length - 1]?.key;
      return { messages, next: more && last !== undefined ? last : null };
    },

    async prune(before) {
      // `key` starts with the envelope's ISO time, so a string comparison is a time comparison.
      const { deletedCount } = await collection.deleteMany({ key: { $lt: before.toISOString() } });
      return deletedCount;
    },
  };
}

function record(id: string, sent: Sent[]) {
  const first = sent[0]!;
  return {
    _id: id,
    key: `${sent.reduce((latest, s) => (s.envelope.time > latest ? s.envelope.time : latest), first.envelope.time)}|${id}`,
    jobcentres: [...new Set(sent.map((s) => s.jobcentre))],
    // The candidates the messages name (`<jobcentre>-<ref>`): how erasure finds the record without unpacking the feed.
    candidates: candidateKeysOf(sent),
    messages: pack(sent),
  };
}

/**
 * The one-off migration of the feed records written before 2026-11-30 (one message each:
 * `jobcentre`, `envelope`), which the feed no longer reads: each becomes a record of the current
 * form under the same `_id` and `key`, so cursors connectors hold stay valid. Idempotent; run by
 * `node services/broadcast/dist/migrate-feed.js` (docs/operations.md, "Upgrading").
 */
export async function migrateOneMessageRecords(model: JobcentreMessageModel): Promise<number> {
  const collection = model.collection;
  let migrated = 0;
  for await (const doc of collection.find({ envelope: { $exists: true } })) {
    const sent: Sent[] = [{ jobcentre: Number(doc.jobcentre), envelope: doc.envelope as Envelope }];
    await collection.replaceOne({ _id: doc._id }, {
      key: String(doc.key),
      jobcentres: [Number(doc.jobcentre)],
      messages: pack(sent),
    } as never);
    migrated++;
  }
  return migrated;
}
