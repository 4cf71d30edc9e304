import { backOff, type Revision } from './aggregate-store';
import type { OutboxEntry } from './outbox';

/** An aggregate as a use case sees it: its state, and the revision its next write must name. */
export interface Loaded<S> {
  state: S;
  revision: Revision;
}

/** A write of `state` over a loaded revision, with its messages and inbox mark. */
export interface Write<S> {
  revision: Revision;
  state: S;
  outbox: OutboxEntry[];
  processedId?: string;
}

/** What a port over the change log offers for writing: false when someone else wrote first. */
export interface Saves<S> {
  save(id: string, write: Write<S>): Promise<boolean>;
}

/** What a decision makes of the loaded aggregate: a result, and what to write (nothing: no write). */
export interface Decision<W, R> {
  result: R;
  write?: { state: W; outbox?: OutboxEntry[] };
}

export interface DecideOptions<S, R> {
  /**
   * The incoming message this write applies: saved as the inbox mark, and a message found in the
   * loaded inbox is not decided again: `duplicate` says what to answer instead.
   */
  inbox?: { messageId: string; duplicate: (loaded: Loaded<S>) => R };
  /** Default 50. After that the caller's message or request fails as transient and is retried later. */
  maxAttempts?: number;
}

export class TooMuchContention extends Error {}

/**
 * The one load → decide → save loop: retried with a short random back-off when another writer
 * came first, so the decision is always made on the state it is written over. `decide` is pure
 * (it runs again on every attempt) and is also called when nothing was found (undefined), so the
 * caller says what a missing aggregate means.
 */
export async function decideAndSave<S, W, R>(
  store: Saves<W>,
  id: string,
  load: (id: string) => Promise<Loaded<S> | undefined>,
  decide: (loaded: Loaded<S> | undefined) => Decision<W, R>,
  options: DecideOptions<S, R> = {},
): Promise<R> {
  const maxAttempts = options.maxAttempts ?? 50;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const loaded = await load(id);
    if (loaded && options.inbox && loaded.revision.processed.includes(options.inbox.messageId)) return options.inbox.duplicate(loaded);
    const { result, write } = decide(loaded);
    if (!write) return result;
    if (!loaded) throw new Error(`${id}: a decision to write over nothing (insert new aggregates instead)`);
    const saved = await store.save(id, {
      revision: loaded.revision,
      state: write.state,
      outbox: write.outbox ?? [],
      ...(options.inbox ? { processedId: options.inbox.messageId } : {}),
    });
    if (saved) return result;
    await backOff(attempt);
  }
  throw new TooMuchContention(`${id}: too much contention, will retry`);
}
