import { TIMER_QUEUES } from '@rs/contracts';
import { createTimerWorker } from '@rs/timers';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { BroadcastDeps } from '../../app/deps';
import { deadlineReached } from '../../app/deadline-reached';
import { sendReminder } from '../../app/send-reminder';

const DeadlineJob = z.object({ roundId: z.string().min(1), recipient: z.coerce.number().int() });

/** Reminders before the deadline; they decide nothing, the round does. */
export function startReminderWorker(deps: BroadcastDeps, connection: Redis, prefix: string, logger: { warn(o: object, m?: string): void }) {
  return createTimerWorker({
    name: TIMER_QUEUES.replyReminders,
    prefix,
    connection,
    logger,
    handle: async (data) => {
      const job = DeadlineJob.parse(data);
      await sendReminder(deps, job.roundId, job.recipient);
    },
  });
}

export function startDeadlineWorker(deps: BroadcastDeps, connection: Redis, prefix: string, logger: { warn(o: object, m?: string): void }) {
  return createTimerWorker({
    name: TIMER_QUEUES.replyDeadlines,
    prefix,
    connection,
    logger,
    handle: async (data) => {
      const job = DeadlineJob.parse(data);
      await deadlineReached(deps, job.roundId, job.recipient);
    },
  });
}
