import type { Model } from 'mongoose';
import {
  type Bounds,
  type Committed,
  commitChange,
  DEFAULT_BOUNDS,
  NEW_AGGREGATE,
  type Revision,
  REVISION_FIELDS,
  splitRevision,
} from './aggregate-store';
import type { OutboxEntry } from './outbox';

/** Whoever relays what a write committed (a Relay). */
export interface Handoff {
  handoff(committed: Committed): void;
}

/** A write over a loaded revision. */
export interface StoreWrite {
  revision: Revision;
  set: Record<string, unknown>;
  outbox: OutboxEntry[];
  /** The incoming message id this write applies (the inbox mark). */
  processedId?: string;
}

/** A loaded aggregate: its document without the store's bookkeeping, and its revision. */
export interface LoadedDocument {
  doc: Record<string, unknown> & { _id: string };
  revision: Revision;
}

/**
 * The change log as one component: every write commits its change and hands the change's messages
 * to the relay, in one call. Repositories (services/<name>/src/adapters/mongo/*.repository.ts)
 * are built on it; nothing else writes aggregates.
 */
export interface AggregateStore {
  readonly model: Model<any>;
  /** The aggregate, or undefined. A projection is widened by the revision's fields. */
  load(id: string, projection?: Record<string, 1>): Promise<LoadedDocument | undefined>;
  /** False when someone else wrote after `revision` was loaded: reload and decide again. */
  save(id: string, write: StoreWrite): Promise<boolean>;
  /** Inserts a new aggregate (version 1) with its first messages. False when the id exists already. */
  insert(doc: Record<string, unknown> & { _id: string }, outbox: OutboxEntry[], processedId?: string): Promise<boolean>;
}

export interface StoreOptions {
  bounds?: Bounds;
}

/**
 * A store over one aggregate collection. With a relay, each committed change is handed off at
 * once (dispatched from memory, then deleted); without one (tests, tools), it is marked applied
 * for a poller.
 */
export function createStore(model: Model<any>, relay?: Handoff, options: StoreOptions = {}): AggregateStore {
  const bounds = options.bounds ?? DEFAULT_BOUNDS;
  const commit = async (id: string, write: StoreWrite) => {
    const committed = await commitChange(model, { id, ...write }, { handoff: relay !== undefined, bounds });
    if (committed && relay) relay.handoff(committed);
    return committed !== false;
  };
  return {
    model,
    async load(id, projection) {
      const doc = await model.collection.findOne(
        { _id: id as never },
        projection ? { projection: { ...projection, ...REVISION_FIELDS } } : {},
      );
      if (!doc) return undefined;
      const { state, revision } = splitRevision(doc as Record<string, unknown>);
      return { doc: state as LoadedDocument['doc'], revision };
    },
    save: commit,
    insert({ _id, ...set }, outbox, processedId) {
      return commit(_id, { revision: NEW_AGGREGATE, set, outbox, ...(processedId ? { processedId } : {}) });
    },
  };
}
