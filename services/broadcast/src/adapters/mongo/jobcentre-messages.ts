import { EXCHANGES, type Envelope } from '@rs/contracts';
import type { OutboxEntry } from '@rs/db';
import { type Connection, Schema } from 'mongoose';

/**
 * Every message sent to a jobcentre's queue, kept for the catch-up feed: a connector that was
 * offline longer than its queue keeps messages, or that joined late, reads what it missed over
 * HTTP with the same envelope ids, so handling it once is the same rule as for redeliveries.
 * `key` = `<time>|<id>` orders the feed and makes a stable cursor.
 */
const jobcentreMessageSchema = new Schema(
  {
    _id: { type: String, required: true },
    jobcentre: { type: Number, required: true },
    key: { type: String, required: true },
    type: { type: String, required: true },
    envelope: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'jobcentre_messages', versionKey: false },
);
jobcentreMessageSchema.index({ jobcentre: 1, key: 1 });

export function jobcentreMessageModel(connection: Connection) {
  return connection.model('JobcentreMessage', jobcentreMessageSchema);
}
export type JobcentreMessageModel = ReturnType<typeof jobcentreMessageModel>;

/** Stores the jobcentre-bound entries of a relayed change before they are published (duplicates ignored). */
export async function recordJobcentreMessages(model: JobcentreMessageModel, entries: OutboxEntry[]): Promise<void> {
  const docs = entries.flatMap((e) =>
    e.kind === 'publish' && e.exchange === EXCHANGES.jobcentres
      ? [
          {
            _id: e.id,
            jobcentre: Number(e.routingKey.split('.')[1]),
            key: `${e.envelope.time}|${e.id}`,
            type: e.envelope.type,
            envelope: e.envelope,
          },
        ]
      : [],
  );
  if (docs.length === 0) return;
  try {
    await model.collection.insertMany(docs as never[], { ordered: false });
  } catch (error) {
    // A re-relayed change meets its own earlier inserts: only duplicate keys are fine.
    const writeErrors = (error as { writeErrors?: Array<{ code?: number }> }).writeErrors;
    if (!writeErrors || writeErrors.some((w) => w.code !== 11000)) throw error;
  }
}

export async function readFeed(model: JobcentreMessageModel, jobcentre: number, after: string, limit: number) {
  const docs = await model.collection
    .find({ jobcentre, key: { $gt: after } })
    .sort({ key: 1 })
    .limit(limit)
    .toArray();
  return { messages: docs.map((d) => d.envelope as Envelope), next: docs.length === limit ? String(docs[docs.length - 1]!.key) : null };
}
