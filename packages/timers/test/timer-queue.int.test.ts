import { TIMER_QUEUES } from '@rs/contracts';
import { createTestWorld, type TestWorld } from '@rs/testkit';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { connectRedis, createTimerQueue, createTimerWorker, ensureScheduled, scheduleAll, scheduleAt, type TimerData } from '@rs/timers';
import { waitFor } from '@rs/testkit';

/**
 * Scheduling is idempotent by job id, one at a time and in bulk: the relay re-dispatches an
 * outbox after a crash and reconciliation re-adds timers after a Redis loss, and neither may
 * create a second job or overwrite the first one's time or data.
 */
describe('timer queue on real Redis', () => {
  let world: TestWorld;
  let redis: Redis;
  let queue: Queue<TimerData>;
  const now = new Date();
  const inAnHour = new Date(now.getTime() + 3_600_000);

  beforeAll(async () => {
    world = await createTestWorld();
    redis = connectRedis(world.redisUrl);
    queue = createTimerQueue({ name: TIMER_QUEUES.replyDeadlines, prefix: world.timerPrefix, connection: redis });
  });
  afterAll(async () => {
    await queue?.close();
    redis?.disconnect();
    await world?.dispose();
  });

  it('scheduleAll adds every timer once, delayed to its time, and a repeat changes nothing', async () => {
    const timers = Array.from({ length: 95 }, (_, i) => ({
      jobId: `reply-deadline-r1-${100 + i}`,
      runAt: new Date(inAnHour.getTime() + i * 1000),
      data: { roundId: 'r1', recipient: 100 + i },
    }));
    await scheduleAll(queue, timers, now);
    await scheduleAll(
      queue,
      timers.map((t) => ({ ...t, runAt: new Date(t.runAt.getTime() + 60_000), data: { ...t.data, roundId: 'overwritten' } })),
      now,
    );
    expect(await queue.getDelayedCount()).toBe(95);
    const job = await queue.getJob('reply-deadline-r1-147');
    expect(job?.data).toEqual({ roundId: 'r1', recipient: 147 });
    expect(job!.delay).toBe(inAnHour.getTime() + 47_000 - now.getTime());
  });

  it('scheduleAt skips an id that scheduleAll added, and the other way round', async () => {
    const before = await queue.getDelayedCount();
    await scheduleAt(queue, 'reply-deadline-r2-101', inAnHour, { roundId: 'r2', recipient: 101 }, now);
    await scheduleAll(
      queue,
      [
        { jobId: 'reply-deadline-r2-101', runAt: inAnHour, data: { roundId: 'other', recipient: 101 } },
        { jobId: 'reply-deadline-r2-102', runAt: inAnHour, data: { roundId: 'r2', recipient: 102 } },
      ],
      now,
    );
    await scheduleAt(queue, 'reply-deadline-r2-102', inAnHour, { roundId: 'other', recipient: 102 }, now);
    expect((await queue.getJob('reply-deadline-r2-101'))?.data.roundId).toBe('r2');
    expect((await queue.getJob('reply-deadline-r2-102'))?.data.roundId).toBe('r2');
    expect((await queue.getDelayedCount()) - before).toBe(2);
  });

  it('ensureScheduled replaces a job that failed for good under the same id, keeps a pending one and adds a missing one', async () => {
    const name = 'ensure-test';
    const failing = createTimerQueue({ name, prefix: world.timerPrefix, connection: redis, retry: { attempts: 2, backoffMs: 10 } });
    const runs: string[] = [];
    const workerConnection = redis.duplicate();
    const worker = createTimerWorker({
      name,
      prefix: world.timerPrefix,
      connection: workerConnection,
      logger: { warn: () => {} },
      handle: async (data, job) => {
        runs.push(String(job.id));
        if (data.fail === 1) throw new Error('database unavailable');
      },
    });
    try {
      await scheduleAt(failing, 'r3-deadline', now, { fail: 1 }, now);
      await waitFor(async () => (await failing.getJobState('r3-deadline')) === 'failed', { what: 'the job to fail for good' });
      expect(runs).toEqual(['r3-deadline', 'r3-deadline']);
      // A plain add under the id of a failed job is a no-op: this is what ensureScheduled is for.
      await scheduleAt(failing, 'r3-deadline', now, { fail: 0 }, new Date());
      expect(await failing.getJobState('r3-deadline')).toBe('failed');

      await scheduleAt(failing, 'r4-deadline', inAnHour, { fail: 0 }, now);
      const result = await ensureScheduled(
        failing,
        [
          { jobId: 'r3-deadline', runAt: now, data: { fail: 0 } },
          { jobId: 'r4-deadline', runAt: new Date(inAnHour.getTime() + 60_000), data: { fail: 1 } },
          { jobId: 'r5-deadline', runAt: inAnHour, data: { fail: 0 } },
        ],
        new Date(),
      );
      expect(result).toEqual({ added: 2, replaced: 1, kept: 1 });
      await waitFor(() => runs.length === 3, { what: 'the re-created job to run' });
      await waitFor(async () => (await failing.getJobState('r3-deadline')) === 'unknown', { what: 'it to complete (and be removed)' });
      expect((await failing.getJob('r4-deadline'))?.data).toEqual({ fail: 0 });
      expect(await failing.getJobState('r5-deadline')).toBe('delayed');
      // Repeating it changes nothing: pending jobs are kept.
      expect(await ensureScheduled(failing, [{ jobId: 'r5-deadline', runAt: now, data: {} }], new Date())).toEqual({
        added: 0,
        replaced: 0,
        kept: 1,
      });
    } finally {
      await worker.close();
      await failing.close();
      workerConnection.disconnect();
    }
  });
});
