import type { ScheduleEntry } from '@rs/db';
import { loadRound } from '../adapters/mongo/round.repository';
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
  const cursor = deps.models.rounds.collection.find({ status: 'open' }, { projection: { _id: 1 } });
  for await (const doc of cursor) {
    const stored = await loadRound(deps.models, String(doc._id));
    if (!stored) continue;
    for (const r of stored.round.recipients) {
      if (r.status !== 'pending') continue;
      for (const timer of recipientTimers(deps, stored.round, r.jobcentre)) {
        // A reminder whose time has passed is not worth sending late; a deadline always is.
        if (timer.jobId.startsWith('reply-reminder') && Date.parse(timer.runAt) < now) continue;
        await schedule(timer);
        count++;
      }
    }
  }
  return count;
}
