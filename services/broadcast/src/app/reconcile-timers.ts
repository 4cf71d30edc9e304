import { TIMER_QUEUES } from '@rs/contracts';
import type { ScheduleEntry } from '@rs/db';
import type { BroadcastDeps } from './deps';
import { deadlineTimer } from './outgoing';
import { loadRound } from '../adapters/mongo/round.repository';

/**
 * Re-adds the deadline timer of every pending recipient of every open round. Run at start and
 * after Redis lost data: ids are deterministic, so timers that exist are not duplicated.
 */
export async function reconcileTimers(deps: BroadcastDeps, schedule: (entry: ScheduleEntry) => Promise<void>): Promise<number> {
  let count = 0;
  const cursor = deps.models.rounds.collection.find({ status: 'open' }, { projection: { _id: 1 } });
  for await (const doc of cursor) {
    const stored = await loadRound(deps.models, String(doc._id));
    if (!stored) continue;
    for (const r of stored.round.recipients) {
      if (r.status !== 'pending') continue;
      const entry = deadlineTimer(stored.round, r.jobcentre);
      if (entry.queue !== TIMER_QUEUES.replyDeadlines) continue;
      await schedule(entry);
      count++;
    }
  }
  return count;
}
