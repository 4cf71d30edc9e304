import { EXCHANGES, type Envelope } from '@rs/contracts';
import { type OutboxEntry, pack, unpack } from '@rs/db';
import { type Connection, Schema } from 'mongoose';

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
    messages: { type: Schema.Types.Buffer, required: true },
  },
  { collection: 'jobcentre_messages', versionKey: false },
);
jobcentreMessageSchema.index({ jobcentres: 1, key: 1 });
// Records of one message each, as written before 2026-11-30 (readFeed still reads them).
jobcentreMessageSchema.index({ jobcentre: 1, key: 1 }, { sparse: true });

export function jobcentreMessageModel(connection: Connection) {
  return connection.model('JobcentreMessage', jobcentreMessageSchema);
}
export type JobcentreMessageModel = ReturnType<typeof jobcentreMessageModel>;

interface Sent {
  jobcentre: number;
  envelope: Envelope;
}

/** Stores the jobcentre-bound entries of a relayed change before they are published (once per change). */
export async function recordJobcentreMessages(model: JobcentreMessageModel, entries: OutboxEntry[]): Promise<void> {
  const sent: Sent[] = entries.flatMap((e) =>
    e.kind === 'publish' && e.exchange === EXCHANGES.jobcentres
      ? [{ jobcentre: Number(e.routingKey.split('.')[1]), envelope: e.envelope }]
      : [],
  );
  const first = sent[0];
  if (!first) return;
  try {
    await model.collection.insertOne({
      _id: first.envelope.id,
      key: `${sent.reduce((latest, s) => (s.envelope.time > latest ? s.envelope.time : latest), first.envelope.time)}|${first.envelope.id}`,
      jobcentres: [...new Set(sent.map((s) => s.jobcentre))],
      messages: pack(sent),
    } as never);
  } catch (error) {
    // A re-relayed change meets its own earlier record.
    if ((error as { code?: number }).code !== 11000) throw error;
  }
}

/**
 * A page of at least `limit` messages (a record is never split, so a page may hold a few more),
 * oldest first. Records of one message per document (`jobcentre`, `envelope`), as versions
 * before 2026-11-30 wrote them, are read too.
 */
export async function readFeed(model: JobcentreMessageModel, jobcentre: number, after: string, limit: number) {
  const docs = await model.collection
    .find({ $or: [{ jobcentres: jobcentre }, { jobcentre }], key: { $gt: after } })
    .sort({ key: 1 })
    .limit(limit)
    .toArray();
  const messages: Envelope[] = [];
  let last: string | undefined;
  for (const doc of docs) {
    if (messages.length >= limit) break;
    const sent = doc.messages ? unpack<Sent[]>(doc.messages) : [{ jobcentre: doc.jobcentre as number, envelope: doc.envelope as Envelope }];
    for (const s of sent) if (s.jobcentre === jobcentre) messages.push(s.envelope);
    last = String(doc.key);
  }
  const more = docs.length === limit || last !== docs[docs.length - 1]?.key;
  return { messages, next: more && last !== undefined ? last : null };
}

const DAY_MS = 86_400_000;

/** The oldest instant the feed still holds messages from, keeping them `days` days. */
export function retainedFrom(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** Deletes the records older than the retention allows. Returns how many. */
export async function pruneFeed(model: JobcentreMessageModel, now: Date, days: number): Promise<number> {
  // `key` starts with the envelope's ISO time, so a string comparison is a time comparison.
  const { deletedCount } = await model.collection.deleteMany({ key: { $lt: retainedFrom(now, days).toISOString() } });
  return deletedCount;
}
