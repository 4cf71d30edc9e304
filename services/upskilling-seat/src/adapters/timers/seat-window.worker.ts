import { TIMER_QUEUES } from '@rs/contracts';
import type { ScheduleEntry } from '@rs/db';
import { createTimerWorker, ensureScheduled, type TimerData } from '@rs/timers';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { UpskillingDeps } from '../../app/deps';
import type { EnsureResult } from '../../app/reconcile-timers';
import { windowClosed } from '../../app/window-closed';

/** Job data is validated like any outside input: Redis is not trusted to hold what we wrote. */
const WindowJob = z.object({ courseId: z.string().min(1).max(100) });

/** The worker of the seat-windows queue: ids only in the job, the course decides. */
export function startSeatWindowWorker(
  deps: UpskillingDeps,
  connection: Redis,
  prefix: string,
  logger: { warn(o: object, m?: string): void },
) {
  return createTimerWorker({
    name: TIMER_QUEUES.seatWindows,
    prefix,
    connection: connection.duplicate(),
    logger,
    handle: async (data) => {
      await windowClosed(deps, WindowJob.parse(data).courseId);
    },
  });
}

/** ensureScheduled on the seat-windows queue (a failed or completed job under a wanted id is replaced). */
export function ensureWindowTimers(queues: Record<string, Queue<TimerData>>, now: () => Date) {
  const queue = queues[TIMER_QUEUES.seatWindows];
  if (!queue) throw new Error(`no timer queue named ${TIMER_QUEUES.seatWindows}`);
  return (entries: ScheduleEntry[]): Promise<EnsureResult> =>
    ensureScheduled(
      queue,
      entries.map((e) => ({ jobId: e.jobId, runAt: new Date(e.runAt), data: e.data })),
      now(),
    );
}
