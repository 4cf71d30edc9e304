import type { Model } from 'mongoose';
import { changesOf, recoverChanges } from './aggregate-store';
import { decodeEntry, type OutboxEntry } from './outbox';

export interface RelayOptions {
  models: Model<any>[];
  /** Performs the entries: publish with confirms, add timer jobs. Must throw if any failed. */
  dispatch: (entries: OutboxEntry[]) => Promise<void>;
  /** Identifies this replica in leases. */
  owner: string;
  pollMs: number;
  /** How long a replica may hold a change before another may relay it. Default 10000. */
  leaseMs?: number;
  logger: { warn(o: object, m?: string): void; error(o: object, m?: string): void };
  /** Fault injection for tests: called after dispatch, before the change is removed. */
  afterDispatch?: (entries: OutboxEntry[]) => void;
  now?: () => Date;
}

export interface Relay {
  /** Relays now instead of at the next poll (call after a local write). */
  kick(): void;
  stop(): Promise<void>;
}

/**
 * Moves the outbox entries of applied changes to the broker and to Redis, then deletes the
 * change. A change is leased first so replicas rarely relay the same one; a crash between
 * dispatch and delete dispatches it again with the same ids, which consumers (inbox) and BullMQ
 * (job id) absorb. (FerretDB's findOneAndUpdate is not atomic, so there two replicas can both
 * win a lease: the same duplicates, absorbed the same way.)
 */
export function startRelay(options: RelayOptions): Relay {
  const leaseMs = options.leaseMs ?? 10_000;
  const now = options.now ?? (() => new Date());
  let stopped = false;
  let running: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;

  async function relayOne(model: Model<any>): Promise<boolean> {
    const t = now();
    const changes = changesOf(model);
    const leased = await changes.findOneAndUpdate(
      { applied: true, leaseUntil: { $lt: t } },
      { $set: { leaseUntil: new Date(t.getTime() + leaseMs), leaseOwner: options.owner } },
      { returnDocument: 'after' },
    );
    if (!leased) return false;
    const entries = leased.outbox.map(decodeEntry);
    await options.dispatch(entries);
    options.afterDispatch?.(entries);
    await changes.deleteOne({ _id: leased._id });
    return true;
  }

  async function drain(): Promise<void> {
    do {
      again = false;
      for (const model of options.models) {
        try {
          // A writer that died between its change and the aggregate update left the new state
          // (and its messages) only in the change: apply it first.
          await recoverChanges(model, now());
          while (!stopped && (await relayOne(model))) {}
        } catch (error) {
          options.logger.warn({ err: (error as Error).message, collection: model.collection.name }, 'outbox relay failed; will retry');
        }
      }
    } while (again && !stopped);
  }

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drain().finally(() => {
      running = undefined;
      schedule();
    });
  }

  function schedule(): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, options.pollMs);
  }

  run();
  return {
    kick: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
