// timers.schedule.rate, timers.redis.bytes, timers.lateness.p99: the project's own scheduleAt
// (packages/timers) adding deadline jobs in a private key prefix on the shared Redis, then every
// key under that prefix deleted again.
const { randomBytes, randomUUID } = require('node:crypto');
const { TIMER_QUEUES } = require('../../packages/contracts/dist');
const { connectRedis, createTimerQueue, createTimerWorker, scheduleAt, timerId } = require('../../packages/timers/dist');
const { nowMs, onCleanup, percentile, requireFrom, sleep, waitUntil } = require('./lib');

const { Redis } = requireFrom('packages/timers', 'ioredis');
const IN_FLIGHT = 100; // broadcast's dispatcher adds one round's timers (95) at once

async function usedMemory(redis) {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)[1]);
}

async function deletePrefix(redis, prefix) {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== '0');
  return deleted;
}

async function countPrefix(redis, prefix) {
  let cursor = '0';
  let n = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
    cursor = next;
    n += keys.length;
  } while (cursor !== '0');
  return n;
}

async function timers({ jobs, latenessJobs }) {
  const url = process.env.REDIS_URL;
  const prefix = `bench-${randomBytes(5).toString('hex')}`;
  const admin = new Redis(url);
  const connection = connectRedis(url);
  const workerConnection = connectRedis(url);
  const queue = createTimerQueue({ name: TIMER_QUEUES.replyDeadlines, prefix, connection });
  let worker;
  const cleanup = async () => {
    if (worker) await worker.close().catch(() => {});
    await queue.close().catch(() => {});
    connection.disconnect();
    workerConnection.disconnect();
    await deletePrefix(admin, prefix);
    admin.disconnect();
  };
  const forget = onCleanup(cleanup);
  try {
    await queue.waitUntilReady();

    // 0. baseline: one plain HSET per job (same ids, same data, same concurrency, same Redis):
    //    the round-trip floor under BullMQ's add script. Its keys are deleted before measuring.
    const raw = new Redis(url);
    let rawNext = 0;
    const rawStarted = nowMs();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (rawNext < jobs) {
          const i = rawNext++;
          await raw.hset(`${prefix}:raw:${i}`, 'roundId', `${i}-1`, 'recipient', String(100 + (i % 95) * 9));
        }
      }),
    );
    const rawSeconds = (nowMs() - rawStarted) / 1000;
    raw.disconnect();
    await deletePrefix(admin, `${prefix}:raw`);
    const memBefore = await usedMemory(admin);

    // 1. schedule `jobs` deadlines one hour ahead, ids and data shaped like broadcast's
    const roundIds = Array.from({ length: Math.ceil(jobs / 95) }, () => `${randomUUID()}-1`);
    const runAt = new Date(Date.now() + 3_600_000);
    let next = 0;
    const started = nowMs();
    const lane = async () => {
      while (next < jobs) {
        const i = next++;
        const roundId = roundIds[Math.floor(i / 95)];
        const recipient = 100 + (i % 95) * 9;
        await scheduleAt(queue, timerId('reply-deadline', roundId, recipient), runAt, { roundId, recipient }, new Date());
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
    const seconds = (nowMs() - started) / 1000;
    await sleep(200);
    const memAfter = await usedMemory(admin);
    const pending = await queue.getDelayedCount();

    // 2. with those pending, `latenessJobs` timers due 2–5 s from now and a worker (the
    //    project's createTimerWorker, concurrency 10): lateness = handler start − due time
    const lateness = [];
    const base = Date.now() + 2_000;
    for (let i = 0; i < latenessJobs; i++) {
      const due = base + Math.floor((i * 3_000) / latenessJobs);
      await scheduleAt(queue, timerId('bench-lateness', i), new Date(due), { due }, new Date());
    }
    worker = createTimerWorker({
      name: TIMER_QUEUES.replyDeadlines,
      prefix,
      connection: workerConnection,
      logger: { warn: (o, m) => console.error('[bench] timer worker:', m, JSON.stringify(o)) },
      handle: async (data) => {
        if (data.due !== undefined) lateness.push(Date.now() - Number(data.due));
      },
    });
    const allFired = await waitUntil(() => lateness.length >= latenessJobs, { timeoutMs: 20_000, intervalMs: 50 });

    forget();
    await cleanup();
    const check = new Redis(url);
    const left = await countPrefix(check, prefix);
    check.disconnect();
    return {
      rate: jobs / seconds,
      seconds,
      baselineRate: jobs / rawSeconds,
      pending,
      bytesPerJob: (memAfter - memBefore) / jobs,
      lateness: {
        n: lateness.length,
        expected: latenessJobs,
        complete: allFired,
        p50: percentile(lateness, 50),
        p99: percentile(lateness, 99),
        max: Math.max(...lateness),
      },
      keysLeft: left,
    };
  } catch (error) {
    forget();
    await cleanup();
    throw error;
  }
}

module.exports = { timers };
