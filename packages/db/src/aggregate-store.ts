import { randomUUID } from 'node:crypto';
import type { Binary, Collection } from 'mongodb';
import type { Model } from 'mongoose';
import { type OutboxEntry, packOutbox } from './outbox';
import { packDocument, unpackDocument } from './packed';

/**
 * Every write to an aggregate is first inserted as a CHANGE under the unique key
 * `<aggregate id>@<new version>`, carrying the new state, the outgoing messages (the outbox) and
 * the aggregate's inbox after the write; only then is the aggregate document updated.
 *
 * Why not a guarded update of the document alone (STYLE.md's first shape): FerretDB 1.24
 * updates a document by reading it and writing it back whole, so concurrent updates of one
 * document — two writers of the same version, or a writer and an outbox relay — lose each
 * other's changes (measured: 29 of 30 races of ten guarded updateOne calls had several
 * winners). A unique-key insert is atomic on every MongoDB-wire server, so the change elects
 * exactly one writer per version, and nothing but that writer ever updates the aggregate
 * document: the relay works on the change documents instead. A change left half-done by a crash
 * is rolled forward by the next writer that meets it, or by the relay's recovery scan. The
 * lifecycle, with its crash paths, is drawn in docs/architecture.md ("Storage: the change log").
 */
export interface Change {
  _id: string;
  /**
   * Unique per change (the key `<id>@<version>` is reused by a later loser once this change is
   * deleted). The aggregate update records it in `changeTokens`, so recovery can tell "applied,
   * then the writer died" from "lost the race". Every later write or delete of the change names
   * it too: whoever still holds this change (its writer resuming after a roll-forward relayed it,
   * a roll-forward that read it before its writer finished) would otherwise mark the loser's
   * change under the same key applied, and the relay would send the loser's messages.
   */
  token: string;
  aggregateId: string;
  fromVersion: number;
  /**
   * What the aggregate update sets, packed (see pack): the new state and the aggregate's bounded
   * `processed` and `changeTokens` arrays after this write (whole arrays, see Bounds).
   */
  set: Binary;
  /** The entries to relay, packed; absent when there are none. */
  outbox?: Binary;
  /** How many entries `outbox` holds (it is opaque to the database). */
  entryCount: number;
  /**
   * The applied change whose token this write drops from the aggregate's `changeTokens`: marked
   * applied before the token goes, so recovery never has to ask the aggregate about it (Bounds).
   */
  retires?: { changeId: string; token: string }[];
  at: Date;
  applied: boolean;
  leaseUntil: Date;
  leaseOwner: string;
}

export function changesOf(model: Model<any>): Collection<Change> {
  const db = model.db.db;
  if (!db) throw new Error('database not connected');
  return db.collection<Change>(`${model.collection.name}_changes`);
}

/** Changes not applied after this long are assumed abandoned by a crashed writer and rolled forward. */
export const CHANGE_STALE_MS = 5_000;

/**
 * A new change is born leased for this long: its writer relays it itself (Relay.handoff), and
 * pollers only take it if the writer did not finish by then.
 */
export const HANDOFF_LEASE_MS = 2_000;

/**
 * How much of its history an aggregate keeps. Any values ≥ 1 are safe; replicas may even differ.
 *
 * - `processed` (the inbox) keeps the ids of the last `inbox` messages applied to the aggregate.
 *   Redeliveries come within seconds to minutes of the first delivery (a consumer that died before
 *   its ack, a connector re-sending what was not confirmed). One that comes after `inbox` later
 *   messages to the same aggregate is applied again and absorbed by the domain's own idempotence:
 *   a round records the same reply, deadline, closing or withdrawal once (no events the second
 *   time), an order's view of its rounds is built from set operations. Only a stale reply
 *   redelivered after the same recipient amended it would count as a second amendment, and that
 *   needs 256 other messages to one round in between (a national round has 95 recipients).
 * - `changeTokens` keeps the tokens of the last `changeTokens` versions (one per version, so the
 *   j-th from the end is version − j). A change applied to the aggregate may still be unmarked
 *   (a hand-off in flight, or its writer died): recovery then asks the aggregate for its token, at
 *   any distance behind, since later writers move the aggregate on without waiting. So a token
 *   is never dropped silently: the write that drops it first marks that change applied (found by
 *   its key `<id>@<version>` and token; one update that usually matches nothing, as the change
 *   was relayed and deleted long ago), and a change marked applied is never asked about again.
 */
export interface Bounds {
  inbox: number;
  changeTokens: number;
}
export const DEFAULT_BOUNDS: Bounds = Object.freeze({ inbox: 256, changeTokens: 64 });

/** Fields that are the store's bookkeeping, not the aggregate's state. */
const BOOKKEEPING = ['version', 'processed', 'changeTokens'] as const;

/** What a loaded aggregate's next write must name: its version and the arrays it carries on. */
export interface Revision {
  version: number;
  /** Ids of the incoming messages applied lately: the inbox (bounded, see Bounds). */
  processed: readonly string[];
  /** Tokens of the latest changes applied (see Change.token). */
  changeTokens: readonly string[];
}

/** The revision an aggregate has before it exists: what an insert writes over. */
export const NEW_AGGREGATE: Revision = Object.freeze({ version: 0, processed: [], changeTokens: [] });

/** A load that projects fields must include these, or the next write cannot carry the arrays on. */
export const REVISION_FIELDS = Object.freeze({ version: 1, processed: 1, changeTokens: 1 });

/** Splits a loaded aggregate document into its state and its revision. */
export function splitRevision(doc: Record<string, unknown>): { state: Record<string, unknown>; revision: Revision } {
  const state = { ...doc };
  for (const field of BOOKKEEPING) delete state[field];
  return {
    state,
    revision: {
      version: Number(doc.version),
      processed: Array.isArray(doc.processed) ? (doc.processed as string[]) : [],
      changeTokens: Array.isArray(doc.changeTokens) ? (doc.changeTokens as string[]) : [],
    },
  };
}

/**
 * Fault injection for tests: awaited just before a change is settled, by its own writer or by
 * someone rolling it forward, so a test can stall either party the way a loaded server does.
 */
export const storeHooks: { beforeSettle?: (change: Change, by: 'writer' | 'roll-forward') => Promise<void> } = {};

/** The fields every aggregate document carries; spread into its mongoose schema. */
export const aggregateFields = {
  version: { type: Number, required: true },
  /** Ids of incoming messages applied lately: the inbox (bounded, see Bounds). */
  processed: { type: [String], default: [] },
  /** Tokens of the latest changes applied to this document (see Change.token). */
  changeTokens: { type: [String], default: [] },
};

/** One write: the new state over a loaded revision, its outgoing messages and its inbox mark. */
export interface ChangeInput {
  id: string;
  /** The revision that was loaded; the write succeeds only if nobody wrote since. */
  revision: Revision;
  set: Record<string, unknown>;
  outbox: OutboxEntry[];
  /** The incoming message id this write applies (the inbox mark). */
  processedId?: string;
}

export interface CommitOptions {
  /**
   * The caller passes the result to a relay's handoff (createStore does). The change is then not
   * marked applied (one update of a possibly large document less, ~25 ms on FerretDB): the
   * hand-off deletes it after dispatching, or marks it if dispatching fails, and a writer that
   * dies in between leaves it unapplied for recovery, which finds it applied (its token) and
   * marks it for the poller. Without it the change is marked applied for the pollers.
   */
  handoff?: boolean;
  bounds?: Bounds;
  now?: Date;
}

/** What a successful write hands to the relay: its change and the entries to dispatch. */
export interface Committed {
  model: Model<any>;
  changeId: string;
  /** The change's token: the hand-off deletes this change, not a loser's that reused the key. */
  token: string;
  entries: OutboxEntry[];
}

/**
 * The store's one primitive: new state, outgoing messages and inbox mark together or not at all
 * (no multi-document transactions needed). An insert is a write over NEW_AGGREGATE. Returns false
 * when someone else wrote this version first (or the aggregate exists): reload and decide again.
 * Services write through createStore, which also hands the change to the relay.
 */
export async function commitChange(model: Model<any>, input: ChangeInput, options: CommitOptions = {}): Promise<Committed | false> {
  const now = options.now ?? new Date();
  const next = change(input, options.bounds ?? DEFAULT_BOUNDS, now);
  const changes = changesOf(model);
  try {
    await changes.insertOne(next);
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
    const existing = await changes.findOne({ _id: next._id });
    if (existing && !existing.applied && now.getTime() - existing.at.getTime() > CHANGE_STALE_MS)
      await settle(model, existing, 'roll-forward');
    return false;
  }
  return (await settle(model, next, options.handoff ? 'handing-off writer' : 'writer'))
    ? { model, changeId: next._id, token: next.token, entries: input.outbox }
    : false;
}

function change({ id, revision, set, outbox, processedId }: ChangeInput, bounds: Bounds, now: Date): Change {
  const token = randomUUID();
  const version = revision.version;
  const tokens = revision.changeTokens;
  // At most two dropped per write: a list longer than the bound (written before it) shrinks by one per write.
  const drop = Math.min(2, Math.max(0, tokens.length + 1 - Math.max(1, bounds.changeTokens)));
  const retires = tokens.slice(0, drop).map((t, i) => ({ changeId: `${id}@${version - tokens.length + 1 + i}`, token: t }));
  const processed = processedId ? [...revision.processed, processedId] : [...revision.processed];
  return {
    _id: `${id}@${version + 1}`,
    token,
    aggregateId: id,
    fromVersion: version,
    set: packDocument({
      ...set,
      processed: processed.slice(-Math.max(1, bounds.inbox)),
      changeTokens: [...tokens.slice(drop), token],
    }),
    ...(outbox.length > 0 ? { outbox: packOutbox(outbox) } : {}),
    entryCount: outbox.length,
    ...(retires.length > 0 ? { retires } : {}),
    at: now,
    applied: false,
    leaseUntil: new Date(now.getTime() + HANDOFF_LEASE_MS),
    leaseOwner: 'writer',
  };
}

/** The state a change sets (with the aggregate's arrays after it). */
export function setOf(c: Change): Record<string, unknown> {
  return unpackDocument(c.set);
}

/**
 * Applies a change to its aggregate if the aggregate is still at the version the change was
 * made from, then hands its messages to the relay (or drops it when it has none). Safe to run
 * twice: the second run finds the aggregate moved on and writes nothing.
 */
async function settle(model: Model<any>, c: Change, by: SettledBy): Promise<boolean> {
  await storeHooks.beforeSettle?.(c, by === 'roll-forward' ? 'roll-forward' : 'writer');
  let applied: boolean;
  const set = setOf(c);
  if (c.fromVersion === 0) {
    try {
      await model.collection.insertOne({ _id: c.aggregateId, ...set, version: 1 } as never);
      applied = true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      applied = await wasApplied(model, c);
    }
  } else {
    // Before the tokens go: harmless if this change then loses (those changes were applied anyway).
    for (const retired of c.retires ?? []) await markApplied(model, retired.changeId, retired.token, { onlyUnapplied: true });
    // $set of the version and of whole arrays, not $inc/$push: rolling the same change forward
    // twice lands on the same state, and FerretDB cannot trim an array in an update (RELIABILITY.md).
    const result = await model.collection.updateOne(
      { _id: c.aggregateId, version: c.fromVersion } as never,
      {
        $set: { ...set, version: c.fromVersion + 1 },
      } as never,
    );
    // No match: someone else won this version, unless it was this very change, applied by a
    // writer that died before it could mark it (its messages must still go out).
    applied = result.matchedCount === 1 || (await wasApplied(model, c));
  }
  const changes = changesOf(model);
  if (applied && c.entryCount > 0) {
    if (by !== 'handing-off writer') await markApplied(model, c._id, c.token);
  } else await changes.deleteOne({ _id: c._id, token: c.token });
  return applied;
}

type SettledBy = 'writer' | 'handing-off writer' | 'roll-forward';

/** Hands an applied change to the pollers. Named by its token: the key may hold a loser's change by now. */
export async function markApplied(model: Model<any>, changeId: string, token: string, options: { onlyUnapplied?: boolean } = {}) {
  // onlyUnapplied: a change a poller holds is not written again (its lease would be lost on FerretDB).
  await changesOf(model).updateOne(
    { _id: changeId, token, ...(options.onlyUnapplied ? { applied: false } : {}) },
    { $set: { applied: true } },
  );
}

async function wasApplied(model: Model<any>, c: Change): Promise<boolean> {
  return (await model.collection.countDocuments({ _id: c.aggregateId, changeTokens: c.token } as never)) > 0;
}

/** Rolls forward every change a crashed writer left unapplied. Returns how many were settled. */
export async function recoverChanges(model: Model<any>, now = new Date()): Promise<number> {
  const stale = await changesOf(model)
    .find({ applied: false, at: { $lt: new Date(now.getTime() - CHANGE_STALE_MS) } })
    .limit(100)
    .toArray();
  for (const c of stale) await settle(model, c, 'roll-forward');
  return stale.length;
}

export function isDuplicateKey(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: number }).code === 11000;
}

/** A short random pause after losing a write race, so contenders do not collide again in step. */
export function backOff(attempt: number): Promise<void> {
  const ms = Math.random() * Math.min(5 * 2 ** attempt, 200);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
