import { ServiceGoalAlertKind, ServiceGoalId, TIMER_QUEUES } from '@rs/contracts';
import type { ScheduleEntry } from '@rs/db';
import { cancelTimer, createTimerWorker, ensureScheduled, type TimerData } from '@rs/timers';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { goalTimerDue } from '../../app/goal-timer-due';
import type { EnsureResult } from '../../app/reconcile-goal-timers';
import type { ServiceGoalDeps } from '../../app/service-goal-deps';
import { GOAL_IDS } from '../../domain/service-goals';
import { goalTimerId } from '../../app/service-goal-outgoing';

/** Job data is validated like any outside input: Redis is not trusted to hold what we wrote. */
const GoalTimerJob = z.object({
  orderId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
  goal: ServiceGoalId,
  kind: ServiceGoalAlertKind,
});

function goalQueue(queues: Record<string, Queue<TimerData>>): Queue<TimerData> {
  const queue = queues[TIMER_QUEUES.serviceGoals];
  if (!queue) throw new Error(`no timer queue named ${TIMER_QUEUES.serviceGoals}`);
  return queue;
}

/** What the use cases do with the goal timer queue. */
export function serviceGoalTimerQueue(queues: Record<string, Queue<TimerData>>) {
  const queue = goalQueue(queues);
  return {
    /** ensureScheduled: failed or completed jobs under a wanted id are replaced, pending ones kept. */
    ensure(entries: ScheduleEntry[], now: Date): Promise<EnsureResult> {
      return ensureScheduled(
        queue,
        entries.map((e) => ({ jobId: e.jobId, runAt: new Date(e.runAt), data: e.data })),
        now,
      );
    },
    async cancel(orderId: string): Promise<void> {
      await Promise.all(
        GOAL_IDS.flatMap((goal) => (['warning', 'breach'] as const).map((kind) => cancelTimer(queue, goalTimerId(orderId, goal, kind)))),
      );
    },
  };
}

/** The worker of the goal timers: the job names the order, goal and kind; the use case decides. */
export function startServiceGoalWorker(
  deps: ServiceGoalDeps,
  connection: Redis,
  prefix: string,
  logger: { warn(o: object, m?: string): void },
) {
  return createTimerWorker({
    name: TIMER_QUEUES.serviceGoals,
    prefix,
    connection: connection.duplicate(),
    logger,
    handle: async (data) => {
      const job = GoalTimerJob.parse(data);
      await goalTimerDue(deps, job.orderId, job.goal, job.kind);
    },
  });
}
