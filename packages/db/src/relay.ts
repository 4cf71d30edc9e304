import type { Model } from 'mongoose';
import { changesOf, type Committed, markApplied, recoverChanges } from './aggregate-store';
import { type OutboxEntry, unpackOutbox } from './outbox';

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

const BATCH = 50;
const RECOVERY_INTERVAL_MS = 2_000;

export interface Relay {
  /**
   * Dispatches a change this process just committed, straight from memory, then deletes it —
   * the common path, costing no query. If it fails the poller relays the change later. Called by
   * the store (createStore), never by use cases.
   */
  handoff(committed: Committed): void;
  /** Relays now instead of at the next poll. */
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
  let lastRecovery = 0;

  /**
   * Relays up to one batch of applied changes. Candidates are found with one query and then
   * leased one by one by _id: on FerretDB (SQLite) a filtered query reads every change document,
   * a lookup by _id does not, so a backlog must not cost one full scan per change.
   */
  async function relayBatch(model: Model<any>): Promise<number> {
    const changes = changesOf(model);
    const candidates = await changes
      .find({ applied: true, leaseUntil: { $lt: now() } }, { projection: { _id: 1 } })
      .limit(BATCH)
      .toArray();
    let relayed = 0;
    for (const { _id } of candidates) {
      if (stopped) break;
      const t = now();
      // `applied` again, not only in the listing: since then the change may have been relayed and
      // deleted, and a loser may have inserted its own (unapplied) change under the same key.
      const leased = await changes.findOneAndUpdate(
        { _id, applied: true, leaseUntil: { $lt: t } },
        { $set: { leaseUntil: new Date(t.getTime() + leaseMs), leaseOwner: options.owner } },
        { returnDocument: 'after' },
      );
      if (!leased) continue;
      const entries = unpackOutbox(leased.outbox);
      await options.dispatch(entries);
      options.afterDispatch?.(entries);
      await changes.deleteOne({ _id: leased._id, token: leased.token });
      relayed++;
    }
    return candidates.length === BATCH ? Math.max(relayed, 1) : relayed;
  }

  /** Whether the last drain relayed anything: while idle, polls slow down (see schedule). */
  let busy = true;

  async function drain(): Promise<void> {
    busy = false;
    do {
      again = false;
      // A writer that died between its change and the aggregate update left the new state (and
      // its messages) only in the change. Looking for such changes is a full scan, so not on
      // every kick: at most every RECOVERY_INTERVAL_MS.
      const recover = now().getTime() - lastRecovery >= RECOVERY_INTERVAL_MS;
      if (recover) lastRecovery = now().getTime();
      for (const model of options.models) {
        try {
          if (recover) await recoverChanges(model, now());
          while (!stopped && (await relayBatch(model)) > 0) busy = true;
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

  /**
   * While writers hand their changes off, the poller finds nothing: it is only the safety net for
   * hand-offs that failed (their lease runs HANDOFF_LEASE_MS). Its query scans every pending
   * change on FerretDB, so an idle poller waits up to RECOVERY_INTERVAL_MS, not pollMs: at a
   * burst of writes, three replicas polling every 200 ms were a large share of the database's time.
   */
  function schedule(): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, busy ? options.pollMs : Math.max(options.pollMs, RECOVERY_INTERVAL_MS));
  }

  const handoffs = new Set<Promise<void>>();
  function handoff(committed: Committed): void {
    if (stopped || committed.entries.length === 0) return;
    const work = (async () => {
      try {
        await options.dispatch(committed.entries);
        options.afterDispatch?.(committed.entries);
        // By _id alone, which FerretDB finds directly (another field makes it 1.3–2.3× slower
        // under load). Should the key hold a loser's change by now, deleting it is harmless: a
        // change under an applied version's key can never apply.
        await changesOf(committed.model).deleteOne({ _id: committed.changeId });
      } catch (error) {
        options.logger.warn({ err: (error as Error).message, change: committed.changeId }, 'handoff failed; the poller will relay it');
        // A change written for hand-off is not marked applied yet: mark it, or no poller takes it.
        await markApplied(committed.model, committed.changeId, committed.token).catch(() => {});
      }
    })().finally(() => handoffs.delete(work));
    handoffs.add(work);
  }

  run();
  return {
    handoff,
    kick: run,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await Promise.allSettled([running, ...handoffs]);
    },
  };
}
