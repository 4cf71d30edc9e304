import type { ScheduleEntry } from '@rs/db';
import type { BroadcastDeps } from './deps';
import { recipientTimers } from './outgoing';

/**
 * Re-adds the timers (deadline and future reminders) of every pending recipient of every open
 * round. Run at start and after Redis lost data: ids are deterministic, so timers that exist are
 * not duplicated.
 */
export async function reconcileTimers(deps: BroadcastDeps, schedule: (entry: ScheduleEntry) => Promise<void>): Promise<number> {
  let count = 0;
  const now = deps.now().getTime();
  for await (const id of deps.rounds.idsWithStatus('open')) {
    const loaded = await deps.rounds.load(id);
    if (!loaded) continue;
    for (const r of loaded.state.recipients) {
      if (r.status !== 'pending') continue;
      for (const timer of recipientTimers(deps, loaded.state, r.jobcentre)) {
        // A reminder whose time has passed is not worth sending late; a deadline always is.
        if (timer.jobId.startsWith('reply-reminder') && Date.parse(timer.runAt) < now) continue;
        await schedule(timer);
        count++;
      }
    }
  }
  return count;
}
