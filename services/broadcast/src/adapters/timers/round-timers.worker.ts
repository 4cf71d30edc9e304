import { TIMER_QUEUES } from '@rs/contracts';
import { createTimerWorker } from '@rs/timers';
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { BroadcastDeps } from '../../app/deps';
import { deadlineReached } from '../../app/deadline-reached';
import { sendReminder } from '../../app/send-reminder';

/**
 * Job data is validated like any outside input: Redis is not trusted to hold what we wrote.
 * `recipient` appears only in jobs of the per-recipient scheme (before 2026-12-01) that were
 * still in Redis at the upgrade; `offset` only in the round's reminder jobs.
 */
const TimerJob = z.object({
  roundId: z.string().min(1),
  recipient: z.coerce.number().int().optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

/** The old reminder ids ended in the offset: `reply-reminder-<roundId>-<jobcentre>-<seconds>`. */
function legacyOffset(job: Job): number {
  const offset = /-(\d+)$/.exec(job.id ?? '')?.[1];
  if (offset === undefined) throw new Error(`reminder job ${job.id} names no offset`);
  return Number(offset);
}

/**
 * One worker per timer queue of a round. The jobs carry ids only and decide nothing: the use
 * case re-reads the round and the domain decides.
 *
 * Upgrade from per-recipient timers: an old deadline job is the round's deadline (the first of a
 * round's old jobs marks everyone pending overdue, the others find nothing); an old reminder job
 * reminds only its own recipient, under the same envelope id as the round's reminder for that
 * offset, so the two schemes overlapping during the upgrade remind each recipient once in effect.
 * Remove this once no job from before 2026-12-01 can be left (their rounds are closed or their
 * deadlines past and a week gone).
 */
export function startRoundTimerWorkers(
  deps: BroadcastDeps,
  connection: Redis,
  prefix: string,
  logger: { warn(o: object, m?: string): void },
) {
  const handlers: Record<string, (job: z.infer<typeof TimerJob>, raw: Job) => Promise<unknown>> = {
    [TIMER_QUEUES.replyDeadlines]: (job) => deadlineReached(deps, job.roundId),
    [TIMER_QUEUES.replyReminders]: (job, raw) =>
      job.offset !== undefined
        ? sendReminder(deps, job.roundId, job.offset)
        : sendReminder(deps, job.roundId, legacyOffset(raw), job.recipient),
  };
  return Object.entries(handlers).map(([name, handle]) =>
    createTimerWorker({
      name,
      prefix,
      connection: connection.duplicate(),
      logger,
      handle: async (data, raw) => {
        await handle(TimerJob.parse(data), raw);
      },
    }),
  );
}
