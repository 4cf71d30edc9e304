import type { ScheduleEntry } from '@rs/db';
import type { UpskillingDeps } from './deps';
import { windowTimer } from './outgoing';

export interface EnsureResult {
  added: number;
  replaced: number;
  kept: number;
}

/**
 * Makes the window timer of every open course pending, at start and every
 * TIMER_RECONCILE_SECONDS: a timer Redis lost (a flush, a restart without AOF) or whose job
 * failed for good is re-created under its deterministic id; a pending one is kept. A window that
 * closed while the service was down gets its timer at once (runAt in the past: due now).
 */
export async function reconcileTimers(
  deps: Pick<UpskillingDeps, 'courses' | 'requestSkewMs'>,
  ensure: (timers: ScheduleEntry[]) => Promise<EnsureResult>,
): Promise<EnsureResult & { courses: number }> {
  const timers: ScheduleEntry[] = [];
  for await (const course of deps.courses.windowsOfOpen()) timers.push(windowTimer(course, deps.requestSkewMs));
  const result = timers.length > 0 ? await ensure(timers) : { added: 0, replaced: 0, kept: 0 };
  return { ...result, courses: timers.length };
}
