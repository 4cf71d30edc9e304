import type { Bus } from '@rs/bus';
import type { OutboxEntry } from '@rs/db';
import { scheduleAt, type TimerData } from '@rs/timers';
import type { Queue } from 'bullmq';

/**
 * Performs relayed outbox entries: publishes (all at once, each awaiting its confirm) and adds
 * timer jobs (idempotent by job id). Rejects if any failed, so the relay keeps the entries.
 */
export function outboxDispatcher(bus: Bus, timerQueues: Record<string, Queue<TimerData>>, now: () => Date) {
  return async (entries: OutboxEntry[]): Promise<void> => {
    await Promise.all(
      entries.map((entry) => {
        if (entry.kind === 'publish') return bus.publish(entry.exchange, entry.routingKey, entry.envelope);
        const queue = timerQueues[entry.queue];
        if (!queue) throw new Error(`no timer queue named ${entry.queue}`);
        return scheduleAt(queue, entry.jobId, new Date(entry.runAt), entry.data, now());
      }),
    );
  };
}
