import { TIMER_QUEUES } from '@rs/contracts';
import { createTestWorld, type TestWorld } from '@rs/testkit';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { connectRedis, createTimerQueue, scheduleAll, scheduleAt, type TimerData } from '@rs/timers';

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
});
