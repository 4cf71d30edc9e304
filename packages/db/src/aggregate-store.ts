import { randomUUID } from 'node:crypto';
import { Binary, type Collection } from 'mongodb';
import type { Model } from 'mongoose';
import { type OutboxEntry, packOutbox, type StoredOutbox, unpackOutbox } from './outbox';
import { packDocument, unpackDocument } from './packed';

/**
 * Every write to an aggregate is first inserted as a CHANGE under the unique key
 * `<aggregate id>@<new version>`, carrying the new state, the outgoing messages (the outbox) and
 * the incoming message id (the inbox mark); only then is the aggregate document updated.
 *
 * Why not a guarded update of the document alone (STYLE.md's first shape): FerretDB 1.24
 * updates a document by reading it and writing it back whole, so concurrent updates of one
 * document — two writers of the same version, or a writer and an outbox relay — lose each
 * other's changes (measured: 29 of 30 races of ten guarded updateOne calls had several
 * winners). A unique-key insert is atomic on every MongoDB-wire server, so the change elects
 * exactly one writer per version, and nothing but that writer ever updates the aggregate
 * document: the relay works on the change documents instead. A change left half-done by a crash
 * is rolled forward by the next writer that meets it, or by the relay's recovery scan.
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
  /** The new state, packed (see pack); a plain document in changes written before 2026-11-30. */
  set: Binary | Record<string, unknown>;
  outbox: StoredOutbox;
  /** How many entries `outbox` holds (it is opaque to the database). Absent in the older list form. */
  entryCount?: number;
  processedId?: string;
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
 * Fault injection for tests: awaited just before a change is settled, by its own writer or by
 * someone rolling it forward, so a test can stall either party the way a loaded server does.
 */
export const storeHooks: { beforeSettle?: (change: Change, by: 'writer' | 'roll-forward') => Promise<void> } = {};

/** The fields every aggregate document carries; spread into its mongoose schema. */
export const aggregateFields = {
  version: { type: Number, required: true },
  /** Ids of incoming messages already applied: the inbox. */
  processed: { type: [String], default: [] },
  /** Tokens of the changes applied to this document (see Change.token). */
  changeTokens: { type: [String], default: [] },
};

export interface GuardedUpdate {
  id: string;
  /** The version that was loaded; the write succeeds only if nobody wrote since. */
  version: number;
  set: Record<string, unknown>;
  outbox: OutboxEntry[];
  /** The incoming message id this write applies (the inbox mark). */
  processedId?: string;
  /** See WriteOptions.handoff. */
  handoff?: boolean;
}

export interface WriteOptions {
  /**
   * The caller passes the result to Relay.handoff. The change is then not marked applied (one
   * update of a possibly large document less, ~25 ms on FerretDB): the hand-off deletes it after
   * dispatching, or marks it if dispatching fails, and a writer that dies in between leaves it
   * unapplied for recovery, which finds it applied (its token) and marks it for the poller.
   */
  handoff?: boolean;
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
 * One write per command: new state, outgoing messages and inbox mark together or not at all
 * (no multi-document transactions needed). Returns false when someone else wrote this version
 * first: reload and decide again.
 */
export async function saveGuarded(model: Model<any>, update: GuardedUpdate, now = new Date()): Promise<Committed | false> {
  return commit(
    model,
    change(update.id, update.version, update.set, update.outbox, update.processedId, now),
    update.outbox,
    now,
    update.handoff ?? false,
  );
}

/** Inserts a new aggregate (version 1) with its first outgoing messages. False when the id exists already. */
export async function insertWithOutbox(
  model: Model<any>,
  doc: Record<string, unknown> & { _id: string },
  outbox: OutboxEntry[],
  processedId?: string,
  now = new Date(),
  options: WriteOptions = {},
): Promise<Committed | false> {
  const { _id, ...set } = doc;
  return commit(model, change(_id, 0, set, outbox, processedId, now), outbox, now, options.handoff ?? false);
}

function change(
  id: string,
  fromVersion: number,
  set: Record<string, unknown>,
  outbox: OutboxEntry[],
  processedId: string | undefined,
  now: Date,
): Change {
  return {
    _id: `${id}@${fromVersion + 1}`,
    token: randomUUID(),
    aggregateId: id,
    fromVersion,
    set: packDocument(set),
    outbox: packOutbox(outbox),
    entryCount: outbox.length,
    ...(processedId ? { processedId } : {}),
    at: now,
    applied: false,
    leaseUntil: new Date(now.getTime() + HANDOFF_LEASE_MS),
    leaseOwner: 'writer',
  };
}

/** The state a change sets. */
export function setOf(c: Change): Record<string, unknown> {
  return c.set instanceof Binary ? unpackDocument(c.set) : c.set;
}

/** The number of entries a change has to relay. */
export function entryCountOf(c: Change): number {
  return Array.isArray(c.outbox) ? c.outbox.length : (c.entryCount ?? unpackOutbox(c.outbox).length);
}

async function commit(model: Model<any>, next: Change, outbox: OutboxEntry[], now: Date, handoff: boolean): Promise<Committed | false> {
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
  return (await settle(model, next, handoff ? 'handing-off writer' : 'writer'))
    ? { model, changeId: next._id, token: next.token, entries: outbox }
    : false;
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
      await model.collection.insertOne({
        _id: c.aggregateId,
        ...set,
        version: 1,
        processed: c.processedId ? [c.processedId] : [],
        changeTokens: [c.token],
      } as never);
      applied = true;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      applied = await wasApplied(model, c);
    }
  } else {
    const result = await model.collection.updateOne(
      { _id: c.aggregateId, version: c.fromVersion } as never,
      {
        // $set of the version, not $inc: rolling the same change forward twice lands on the same state.
        $set: { ...set, version: c.fromVersion + 1 },
        $push: { changeTokens: c.token, ...(c.processedId ? { processed: c.processedId } : {}) },
      } as never,
    );
    // No match: someone else won this version, unless it was this very change, applied by a
    // writer that died before it could mark it (its messages must still go out).
    applied = result.matchedCount === 1 || (await wasApplied(model, c));
  }
  const changes = changesOf(model);
  const mine = { _id: c._id, token: c.token };
  if (applied && entryCountOf(c) > 0) {
    if (by !== 'handing-off writer') await markApplied(model, c._id, c.token);
  } else await changes.deleteOne(mine);
  return applied;
}

type SettledBy = 'writer' | 'handing-off writer' | 'roll-forward';

/** Hands an applied change to the pollers. Named by its token: the key may hold a loser's change by now. */
export async function markApplied(model: Model<any>, changeId: string, token: string): Promise<void> {
  await changesOf(model).updateOne({ _id: changeId, token }, { $set: { applied: true } });
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
