import { TIMER_QUEUES } from '@rs/contracts';
import { createTimerWorker } from '@rs/timers';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { BroadcastDeps } from '../../app/deps';
import { deadlineReached } from '../../app/deadline-reached';
import { sendReminder } from '../../app/send-reminder';

/** Job data is validated like any outside input: Redis is not trusted to hold what we wrote. */
const RecipientJob = z.object({ roundId: z.string().min(1), recipient: z.coerce.number().int() });

const USE_CASES = {
  [TIMER_QUEUES.replyDeadlines]: deadlineReached,
  [TIMER_QUEUES.replyReminders]: sendReminder,
} as const;

/**
 * One worker per timer queue of a round. The jobs carry ids only and decide nothing: the use
 * case re-reads the round and the domain decides.
 */
export function startRoundTimerWorkers(
  deps: BroadcastDeps,
  connection: Redis,
  prefix: string,
  logger: { warn(o: object, m?: string): void },
) {
  return Object.entries(USE_CASES).map(([name, useCase]) =>
    createTimerWorker({
      name,
      prefix,
      connection: connection.duplicate(),
      logger,
      handle: async (data) => {
        const job = RecipientJob.parse(data);
        await useCase(deps, job.roundId, job.recipient);
      },
    }),
  );
}
