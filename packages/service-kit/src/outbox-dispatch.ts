import type { Bus } from '@rs/bus';
import type { OutboxEntry, ScheduleEntry } from '@rs/db';
import { scheduleAll, type TimerData } from '@rs/timers';
import type { Queue } from 'bullmq';

/**
 * Performs relayed outbox entries: publishes (all at once, each awaiting its confirm) and adds
 * timer jobs (idempotent by job id, one round trip per timer queue). Rejects if any failed, so
 * the relay keeps the entries.
 */
export function outboxDispatcher(bus: Bus, timerQueues: Record<string, Queue<TimerData>>, now: () => Date) {
  return async (entries: OutboxEntry[]): Promise<void> => {
    const timers = new Map<Queue<TimerData>, ScheduleEntry[]>();
    for (const entry of entries) {
      if (entry.kind !== 'schedule') continue;
      const queue = timerQueues[entry.queue];
      if (!queue) throw new Error(`no timer queue named ${entry.queue}`);
      const scheduled = timers.get(queue);
      if (scheduled) scheduled.push(entry);
      else timers.set(queue, [entry]);
    }
    await Promise.all([
      ...entries.flatMap((e) => (e.kind === 'publish' ? [bus.publish(e.exchange, e.routingKey, e.envelope)] : [])),
      ...[...timers].map(([queue, scheduled]) =>
        scheduleAll(
          queue,
          scheduled.map((e) => ({ jobId: e.jobId, runAt: new Date(e.runAt), data: e.data })),
          now(),
        ),
      ),
    ]);
  };
}
