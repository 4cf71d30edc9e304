import { TIMER_QUEUES } from '@rs/contracts';
import type { ScheduleEntry } from '@rs/db';
import type { BroadcastDeps } from './deps';
import { roundTimers } from './outgoing';

/** What making timers pending did (see `ensureScheduled` in @rs/timers). */
export interface EnsureResult {
  added: number;
  replaced: number;
  kept: number;
}

export interface ReconcileResult extends EnsureResult {
  rounds: number;
}

/** Open rounds per call of `ensure`: one state look-up per timer id, sent together, then one addBulk. */
const BATCH_ROUNDS = 200;

/**
 * Makes the timers (deadline and future reminders) of every open round pending. Run at start and
 * then periodically (TIMER_RECONCILE_SECONDS): it recovers timers that Redis lost, and timers whose
 * job failed for good (e.g. the database was down past its attempts) — `ensure` replaces a failed
 * or completed job under the deterministic id, and keeps one that is pending or running, so
 * reconciling often is harmless. Only the three fields a round's timers follow from are read.
 */
export async function reconcileTimers(
  deps: BroadcastDeps,
  ensure: (timers: ScheduleEntry[]) => Promise<EnsureResult>,
): Promise<ReconcileResult> {
  const total: ReconcileResult = { rounds: 0, added: 0, replaced: 0, kept: 0 };
  const now = deps.now().getTime();
  let batch: ScheduleEntry[] = [];
  const flush = async () => {
    const result = await ensure(batch);
    total.added += result.added;
    total.replaced += result.replaced;
    total.kept += result.kept;
    batch = [];
  };
  for await (const round of deps.rounds.timesOfOpen()) {
    // A reminder whose time has passed is not worth sending late; a deadline always is.
    batch.push(...roundTimers(deps, round).filter((t) => t.queue === TIMER_QUEUES.replyDeadlines || Date.parse(t.runAt) >= now));
    if (++total.rounds % BATCH_ROUNDS === 0) await flush();
  }
  if (batch.length > 0) await flush();
  return total;
}
