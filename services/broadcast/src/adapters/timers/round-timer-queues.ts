import { TIMER_QUEUES } from '@rs/contracts';
import type { ScheduleEntry } from '@rs/db';
import { cancelTimer, ensureScheduled, type TimerData } from '@rs/timers';
import type { Queue } from 'bullmq';
import { deadlineTimerId, reminderTimerId } from '../../app/outgoing';
import type { EnsureResult } from '../../app/reconcile-timers';

/** What the use cases do with broadcast's two timer queues (given by name, as outbox schedule entries name them). */
export function roundTimerQueues(queues: Record<string, Queue<TimerData>>, reminderOffsets: number[]) {
  const queue = (name: string) => {
    const found = queues[name];
    if (!found) throw new Error(`no timer queue named ${name}`);
    return found;
  };
  const deadlines = queue(TIMER_QUEUES.replyDeadlines);
  const reminders = queue(TIMER_QUEUES.replyReminders);
  return {
    /** ensureScheduled per queue (failed or completed jobs under a wanted id are replaced). */
    async ensure(entries: ScheduleEntry[], now: Date): Promise<EnsureResult> {
      const results = await Promise.all(
        [deadlines, reminders].map((q) =>
          ensureScheduled(
            q,
            entries.filter((e) => e.queue === q.name).map((e) => ({ jobId: e.jobId, runAt: new Date(e.runAt), data: e.data })),
            now,
          ),
        ),
      );
      return results.reduce((sum, r) => ({ added: sum.added + r.added, replaced: sum.replaced + r.replaced, kept: sum.kept + r.kept }));
    },
    /** The round's deadline and reminder jobs, if still delayed. */
    async cancel(roundId: string): Promise<void> {
      await Promise.all([
        cancelTimer(deadlines, deadlineTimerId(roundId)),
        ...reminderOffsets.map((offset) => cancelTimer(reminders, reminderTimerId(roundId, offset))),
      ]);
    },
  };
}
