import { TIMER_QUEUES } from '@rs/contracts';
import { cooperation } from '@rs/reference-data';
import { createTestWorld, type PrivateRedis, privateRedis, type RunningService, startService, type TestWorld, waitFor } from '@rs/testkit';
import {
  delayedTimers,
  type Listener,
  listenToEvents,
  notAllOverdue,
  planOrders,
  publishOrders,
  roundsOf,
  unfinishedTimers,
} from './load-kit';

/**
 * Issue 3 (R3): Redis restarted with its data, and Redis flushed, while 1,000 reply deadlines
 * are pending: every deadline still fires exactly once in effect. Each scenario runs on a
 * private redis-server (the shared one is not ours to stop or flush). Since issue 14 a round has
 * one deadline job, not one per recipient: the 1,000 deadlines are 65 jobs.
 */
const WINDOW_SECONDS = 15;
const HRS = cooperation('HRS')!.members;
const JRS = cooperation('JRS')!.members;
// 40 HRS leads × 15 recipients + 25 JRS leads × 16 recipients = 1,000 deadlines.
const LEADS = [
  ...Array.from({ length: 40 }, (_, i) => HRS[i % HRS.length]!),
  ...Array.from({ length: 25 }, (_, i) => JRS[i % JRS.length]!),
];
const DEADLINES = 1_000;
const DEADLINE_JOBS = LEADS.length;
const OVERDUE = 'round.recipient-overdue';

interface Scenario {
  world: TestWorld;
  redis: PrivateRedis;
  broadcast: RunningService;
  events: Listener;
  rounds: Awaited<ReturnType<typeof roundsOf>>;
  env: Record<string, string>;
}

async function setUp(): Promise<Scenario> {
  const world = await createTestWorld();
  const redis = await privateRedis();
  // REDIS_URL overrides the world's shared Redis (extra env is spread last).
  const env = {
    REDIS_URL: redis.url,
    REPLY_WINDOW_SECONDS: String(WINDOW_SECONDS),
    REPLY_WINDOW_MODE: 'clock',
    REMINDER_OFFSETS_SECONDS: 'none',
  };
  const broadcast = await startService(world, 'broadcast', env);
  // Bound before any round opens, or overdue events would be missed.
  const events = await listenToEvents(world, [OVERDUE]);
  const rounds = await roundsOf(world);
  return { world, redis, broadcast, events, rounds, env };
}

async function tearDown(s: Scenario | undefined): Promise<void> {
  if (!s) return;
  await s.events.close();
  await s.broadcast.stop();
  await s.rounds.close();
  await s.redis.dispose();
  await s.world.dispose();
}

/** Opens the rounds and waits until all their deadlines wait in Redis, well before the first one is due. */
async function openRoundsWithPendingDeadlines(s: Scenario) {
  const orders = planOrders(s.world, LEADS);
  expect(orders.flatMap((o) => o.recipients)).toHaveLength(DEADLINES);
  const started = Date.now();
  await publishOrders(s.world, orders);
  await waitFor(
    async () =>
      (await s.rounds.count()) === orders.length &&
      (await delayedTimers(s.redis, s.world.timerPrefix, TIMER_QUEUES.replyDeadlines)) === DEADLINE_JOBS,
    { timeoutMs: 20_000, intervalMs: 250, what: `${orders.length} rounds and ${DEADLINE_JOBS} deadline timers` },
  );
  const elapsed = Date.now() - started;
  // Every round opened after `started`, so no deadline is due before started + window.
  if (elapsed > (WINDOW_SECONDS - 5) * 1000)
    throw new Error(`too slow to test: opening took ${elapsed} ms of a ${WINDOW_SECONDS} s window`);
  expect(s.events.counter.deliveries).toBe(0);
  return { orders, started, openedMs: elapsed };
}

/** Waits until nothing can fire or be relayed any more, then checks every effect happened exactly once. */
async function expectEveryDeadlineOnce(s: Scenario, orders: ReturnType<typeof planOrders>, started: number) {
  const progress = async () =>
    `${await s.rounds.count({ status: 'complete' })} of ${orders.length} rounds complete, ` +
    `${s.events.counter.distinct(OVERDUE)} overdue events, ` +
    `${await unfinishedTimers(s.redis, s.world.timerPrefix, TIMER_QUEUES.replyDeadlines)} timers unfinished, ` +
    `${await s.rounds.unrelayed()} changes unrelayed`;
  // Measured: on FerretDB with 2 cores a burst of 1,000 due deadlines drains at ~12 a second.
  await waitFor(async () => (await s.rounds.count({ status: 'complete' })) === orders.length, {
    timeoutMs: 120_000,
    intervalMs: 500,
    what: 'every round to complete',
  }).catch(async (error: Error) => {
    throw new Error(`${error.message}: ${await progress()}`);
  });
  const completedMs = Date.now() - started;
  await waitFor(
    async () =>
      (await unfinishedTimers(s.redis, s.world.timerPrefix, TIMER_QUEUES.replyDeadlines)) === 0 &&
      (await s.rounds.unrelayed()) === 0 &&
      s.events.counter.distinct(OVERDUE) >= DEADLINES,
    { timeoutMs: 20_000, intervalMs: 250, what: 'timers, outbox and overdue events to settle' },
  ).catch(() => undefined); // the assertions below say precisely what is missing
  expect(s.events.counter.notExactlyOnce(OVERDUE, orders)).toEqual([]);
  expect(notAllOverdue(orders, await s.rounds.all())).toEqual([]);
  return { completedMs, repeats: s.events.counter.repeats, deliveries: s.events.counter.deliveries };
}

describe('1,000 pending deadlines while Redis restarts with its data (AOF)', () => {
  let s: Scenario | undefined;
  beforeAll(async () => {
    s = await setUp();
  }, 60_000);
  afterAll(() => tearDown(s), 30_000);

  it('keeps every timer across the restart; the same broadcast process reconnects and fires each deadline once', async () => {
    const scenario = s!;
    const { orders, started, openedMs } = await openRoundsWithPendingDeadlines(scenario);

    await scenario.redis.shutdown();
    await scenario.redis.start();
    expect(await delayedTimers(scenario.redis, scenario.world.timerPrefix, TIMER_QUEUES.replyDeadlines)).toBe(DEADLINE_JOBS);
    await waitFor(async () => (await fetch(`${scenario.broadcast.url}/readyz`)).status === 200, {
      timeoutMs: 15_000,
      what: 'broadcast to be ready again',
    });
    // Not rebuilt by a restart of the service: the timers came back from Redis's AOF.
    expect(scenario.broadcast.process.exitCode).toBeNull();

    const result = await expectEveryDeadlineOnce(scenario, orders, started);
    console.log(`redis restart: opened in ${openedMs} ms, all complete after ${result.completedMs} ms, ${JSON.stringify(result)}`);
  }, 160_000);
});

describe('1,000 pending deadlines while Redis loses everything (FLUSHALL)', () => {
  let s: Scenario | undefined;
  beforeAll(async () => {
    s = await setUp();
  }, 60_000);
  afterAll(() => tearDown(s), 30_000);

  it('rebuilds the timers from the database when broadcast restarts, and fires each deadline once', async () => {
    const scenario = s!;
    const { orders, started, openedMs } = await openRoundsWithPendingDeadlines(scenario);

    expect(await scenario.redis.cli('flushall')).toBe('OK');
    expect(await delayedTimers(scenario.redis, scenario.world.timerPrefix, TIMER_QUEUES.replyDeadlines)).toBe(0);
    expect(await scenario.broadcast.stop()).toBe(0);
    scenario.broadcast = await startService(scenario.world, 'broadcast', scenario.env);
    const reconciled = scenario.broadcast
      .output()
      .split('\n')
      .find((line) => line.includes('timers reconciled'));
    expect(JSON.parse(reconciled ?? '{}')).toMatchObject({ rounds: orders.length, added: DEADLINE_JOBS });

    const result = await expectEveryDeadlineOnce(scenario, orders, started);
    console.log(`redis flush: opened in ${openedMs} ms, all complete after ${result.completedMs} ms, ${JSON.stringify(result)}`);
  }, 160_000);
});
