// timers.schedule.rate, timers.redis.bytes, timers.lateness.p99: the project's own scheduleAt
// (packages/timers) adding deadline jobs in a private key prefix on the shared Redis, then every
// key under that prefix deleted again. timers.redis.bytes.national_round: a national round's
// timers as broadcast schedules them now (roundTimers) beside the per-recipient shape of before.
const { randomBytes, randomUUID } = require('node:crypto');
const { TIMER_QUEUES } = require('../../packages/contracts/dist');
const { connectRedis, createTimerQueue, createTimerWorker, scheduleAll, scheduleAt, timerId } = require('../../packages/timers/dist');
const { recipientsFor } = require('../../packages/reference-data/dist');
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

/** Bytes Redis holds for every key under a prefix (MEMORY USAGE, exact: SAMPLES 0), unaffected by other users of the server. */
async function prefixBytes(redis, prefix) {
  let cursor = '0';
  let bytes = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 2000);
    cursor = next;
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.memory('USAGE', key, 'SAMPLES', '0');
    for (const [error, used] of await pipeline.exec()) if (!error) bytes += Number(used ?? 0);
  } while (cursor !== '0');
  return bytes;
}

/** Before issue 14: per recipient a deadline and one reminder per offset (ids as broadcast named them). */
function perRecipientTimers(round, recipients, offsets) {
  const timers = [];
  for (const recipient of recipients) {
    const data = { roundId: round.id, recipient };
    timers.push({ queue: TIMER_QUEUES.replyDeadlines, jobId: timerId('reply-deadline', round.id, recipient), runAt: round.deadline, data });
    for (const offset of offsets) {
      const runAt = new Date(Date.parse(round.deadline) - offset * 1000).toISOString();
      timers.push({ queue: TIMER_QUEUES.replyReminders, jobId: timerId('reply-reminder', round.id, recipient, offset), runAt, data });
    }
  }
  return timers;
}

/**
 * `rounds` pending national rounds (95 recipients, 48-hour window, the default reminders 24 h and
 * 4 h before) scheduled twice, each shape in its own prefix and the way the relay adds a change's
 * timers (one addBulk per queue per round): broadcast's roundTimers, and the per-recipient shape
 * of before. Redis bytes under each prefix per round, and the time to schedule them.
 */
async function nationalRound({ rounds }) {
  const { roundTimers } = require('../../services/broadcast/dist/app/outgoing');
  const url = process.env.REDIS_URL;
  const offsets = [86_400, 14_400];
  const recipients = recipientsFor('national', 101);
  const admin = new Redis(url);
  const shapes = {
    perRound: (round) => roundTimers({ reminderOffsets: offsets }, round),
    perRecipient: (round) => perRecipientTimers(round, recipients, offsets),
  };
  const result = {};
  for (const [shape, timersOf] of Object.entries(shapes)) {
    const prefix = `bench-${randomBytes(5).toString('hex')}`;
    const connection = connectRedis(url);
    const queues = Object.fromEntries(Object.values(TIMER_QUEUES).map((name) => [name, createTimerQueue({ name, prefix, connection })]));
    const cleanup = async () => {
      await Promise.all(Object.values(queues).map((q) => q.close().catch(() => {})));
      connection.disconnect();
      await deletePrefix(admin, prefix);
    };
    const forget = onCleanup(cleanup);
    try {
      await Promise.all(Object.values(queues).map((q) => q.waitUntilReady()));
      const openedAt = new Date();
      const deadline = new Date(openedAt.getTime() + 172_800_000).toISOString();
      let jobs = 0;
      const started = nowMs();
      for (let i = 0; i < rounds; i++) {
        const round = { id: `${randomUUID()}-1`, openedAt: openedAt.toISOString(), deadline };
        const timers = timersOf(round);
        jobs += timers.length;
        await Promise.all(
          Object.entries(queues).map(([name, queue]) =>
            scheduleAll(
              queue,
              timers.filter((t) => t.queue === name).map((t) => ({ jobId: t.jobId, runAt: new Date(t.runAt), data: t.data })),
              new Date(),
            ),
          ),
        );
      }
      const ms = nowMs() - started;
      const delayed = (await Promise.all(Object.values(queues).map((q) => q.getDelayedCount()))).reduce((a, b) => a + b, 0);
      result[shape] = {
        jobsPerRound: jobs / rounds,
        delayedPerRound: delayed / rounds,
        bytesPerRound: (await prefixBytes(admin, prefix)) / rounds,
        msPerRound: ms / rounds,
      };
    } finally {
      forget();
      await cleanup();
    }
  }
  admin.disconnect();
  return { rounds, ...result };
}

module.exports = { timers, nationalRound };
