import type { OutboxEntry, ScheduleEntry } from '@rs/db';
import { pendingTimers } from '../domain/service-goals';
import type { ServiceGoalDeps } from './service-goal-deps';
import { timerEntries } from './service-goal-outgoing';

export interface EnsureResult {
  added: number;
  replaced: number;
  kept: number;
}

const BATCH = 200;

/**
 * Makes the timers of every running goal pending: run periodically (TIMER_RECONCILE_SECONDS) and
 * at once at start. It re-creates what Redis lost (a flush, a restart without AOF) and jobs that
 * failed for good (the database was down past their attempts); `ensure` keeps what is pending.
 * A warning whose time has passed is still given (late, once): the lead should know.
 */
export async function reconcileGoalTimers(
  deps: ServiceGoalDeps,
  ensure: (timers: ScheduleEntry[]) => Promise<EnsureResult>,
): Promise<EnsureResult & { orders: number }> {
  const total = { orders: 0, added: 0, replaced: 0, kept: 0 };
  let batch: ScheduleEntry[] = [];
  const flush = async () => {
    const r = await ensure(batch);
    total.added += r.added;
    total.replaced += r.replaced;
    total.kept += r.kept;
    batch = [];
  };
  for await (const state of deps.goals.running()) {
    batch.push(...timerEntries(state.orderId, pendingTimers(state)).filter((e: OutboxEntry): e is ScheduleEntry => e.kind === 'schedule'));
    if (++total.orders % BATCH === 0) await flush();
  }
  if (batch.length > 0) await flush();
  return total;
}
