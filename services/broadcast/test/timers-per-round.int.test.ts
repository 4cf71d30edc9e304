import { jobcentreQueue, parseCloudEventType, TIMER_QUEUES } from '@rs/contracts';
import { cooperation } from '@rs/reference-data';
import { connectRedis, createTimerQueue, type TimerData } from '@rs/timers';
import {
  createTestWorld,
  type PrivateFerretDB,
  privateFerretDB,
  type RunningService,
  startService,
  type TestWorld,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import amqplib from 'amqplib';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import mongoose from 'mongoose';
import { deadlineTimerId, reminderEnvelopeId, reminderTimerId } from '../src/app/outgoing';
import { type Listener, listenToEvents, planOrders, publishOrders, roundIdOf } from './load-kit';

/**
 * Issue 14 part 5: a round has one deadline job and one job per reminder offset, whatever the
 * number of recipients; the handlers find who is pending. A deadline job that failed for good
 * (the database was down past its attempts) is re-created by the periodic reconcile; jobs left
 * in Redis by the per-recipient scheme still work after the upgrade; Bull Board shows the timer
 * queues to admins only.
 */
const HRS = cooperation('HRS')!.members;
const LEAD = 101;
const OVERDUE = 'round.recipient-overdue';

interface Delivery {
  id: string;
  name: string;
  roundId: string;
  recipient: number;
  overdue?: boolean;
}

/** Everything delivered to some jobcentre queues (consumed as the world's admin user). */
async function drainJobcentres(world: TestWorld, codes: number[]) {
  const got: Delivery[] = [];
  const conn = await amqplib.connect(world.amqpUrl);
  // Broadcast declares the jobcentre queues once connected; a failed check closes its channel.
  await waitFor(
    async () => {
      const probe = await conn.createChannel();
      probe.on('error', () => {});
      await probe.checkQueue(jobcentreQueue(codes[codes.length - 1]!));
      await probe.close();
      return true;
    },
    { what: 'the jobcentre queues to be declared' },
  );
  const ch = await conn.createChannel();
  for (const code of codes)
    await ch.consume(
      jobcentreQueue(code),
      (msg) => {
        if (!msg) return;
        const envelope = JSON.parse(msg.content.toString()) as { id: string; type: string; data: Omit<Delivery, 'id' | 'name'> };
        got.push({ id: envelope.id, name: parseCloudEventType(envelope.type)?.name ?? envelope.type, ...envelope.data });
      },
      { noAck: true },
    );
  return { got, close: () => conn.close().catch(() => {}) };
}

function timerQueues(world: TestWorld, redis: Redis) {
  const make = (name: string) => createTimerQueue({ name, prefix: world.timerPrefix, connection: redis });
  return { deadlines: make(TIMER_QUEUES.replyDeadlines), reminders: make(TIMER_QUEUES.replyReminders) };
}

/** Ids of a queue's jobs that are still to run or have run and were kept. */
async function jobIds(queue: Queue<TimerData>): Promise<string[]> {
  const jobs = await queue.getJobs(['delayed', 'waiting', 'active', 'failed', 'completed', 'prioritized']);
  return jobs.map((j) => String(j.id)).sort();
}

describe('a deadline job that failed for good while the database was down', () => {
  let world: TestWorld;
  let ferret: PrivateFerretDB;
  let broadcast: RunningService | undefined;
  let events: Listener;
  let redis: Redis;
  let queues: ReturnType<typeof timerQueues>;

  beforeAll(async () => {
    world = await createTestWorld();
    ferret = await privateFerretDB();
    redis = connectRedis(world.redisUrl);
    queues = timerQueues(world, redis);
    broadcast = await startService(world, 'broadcast', {
      MONGO_URL: ferret.url,
      REPLY_WINDOW_SECONDS: '6',
      REPLY_WINDOW_MODE: 'clock',
      REMINDER_OFFSETS_SECONDS: 'none',
      // Two runs 0.5 s apart: with the database down (5 s server selection each) the job fails
      // for good about 11 s after its time instead of the production ~17 minutes.
      TIMER_ATTEMPTS: '2',
      TIMER_BACKOFF_MS: '500',
      TIMER_RECONCILE_SECONDS: '2',
    });
    events = await listenToEvents(world, [OVERDUE]);
  }, 60_000);
  afterAll(async () => {
    await events?.close();
    await broadcast?.stop();
    await Promise.all([queues?.deadlines.close(), queues?.reminders.close()]);
    redis?.disconnect();
    await ferret?.dispose();
    await world?.dispose();
  }, 30_000);

  it('is re-created by the periodic reconcile once the database is back, and the round completes with every silent recipient overdue once', async () => {
    const orders = planOrders(world, [LEAD]);
    const order = orders[0]!;
    const roundId = roundIdOf(order);
    const jobId = deadlineTimerId(roundId);
    await publishOrders(world, orders);
    await waitFor(async () => (await queues.deadlines.getJobState(jobId)) === 'delayed', {
      what: 'the round to open and its deadline job to wait in Redis',
    });
    expect(await jobIds(queues.deadlines)).toEqual([jobId]);

    await ferret.stop();
    const job = await waitFor(
      async () => {
        const state = await queues.deadlines.getJobState(jobId);
        if (state === 'completed' || state === 'unknown') throw new Error(`the deadline job ran (${state}) before the database went down`);
        return state === 'failed' ? queues.deadlines.getJob(jobId) : undefined;
      },
      { timeoutMs: 40_000, intervalMs: 200, what: 'the deadline job to fail for good' },
    );
    expect(job?.attemptsMade).toBe(2);
    expect(job?.failedReason).toMatch(/Server selection|ECONNREFUSED|connect|topology/i);
    // Failed for good: BullMQ itself never runs it again, and add() under its id would be a no-op.
    expect(events.counter.distinct(OVERDUE)).toBe(0);

    await ferret.start();
    const conn = await mongoose.createConnection(ferret.url).asPromise();
    try {
      const rounds = conn.useDb(`${world.id}_broadcast`).collection<{ _id: string; status: string }>('rounds');
      await waitFor(async () => (await rounds.findOne({ _id: roundId }))?.status === 'complete', {
        timeoutMs: 60_000,
        intervalMs: 250,
        what: 'the round to complete',
      });
    } finally {
      await conn.close();
    }
    await waitFor(() => events.counter.distinct(OVERDUE) >= order.recipients.length, { what: 'every overdue event' });
    expect(events.counter.notExactlyOnce(OVERDUE, orders)).toEqual([]);
    // It was the reconcile that replaced the failed job: nothing else adds the deadline job of a round already opened.
    const reconciles = broadcast!
      .output()
      .split('\n')
      .filter((l) => l.includes('timers reconciled'))
      .map((l) => JSON.parse(l) as { replaced: number });
    expect(reconciles.some((r) => r.replaced === 1)).toBe(true);
    // Completed and removed; the next reconciles leave a finished round alone.
    await waitFor(async () => (await queues.deadlines.getJobState(jobId)) === 'unknown', { what: 'the deadline job to be gone' });
  }, 150_000);
});

describe('one timer per round and reminder offset; jobs of the per-recipient scheme; Bull Board', () => {
  let world: TestWorld;
  let broadcast: RunningService;
  let redis: Redis;
  let queues: ReturnType<typeof timerQueues>;
  let inboxes: Awaited<ReturnType<typeof drainJobcentres>>;
  const OFFSET = 3;

  beforeAll(async () => {
    world = await createTestWorld();
    redis = connectRedis(world.redisUrl);
    queues = timerQueues(world, redis);
    broadcast = await startService(world, 'broadcast', {
      REPLY_WINDOW_SECONDS: '7',
      REPLY_WINDOW_MODE: 'clock',
      REMINDER_OFFSETS_SECONDS: String(OFFSET),
      TIMER_RECONCILE_SECONDS: '3600',
    });
    inboxes = await drainJobcentres(
      world,
      HRS.filter((c) => c !== LEAD),
    );
  }, 60_000);
  afterAll(async () => {
    await inboxes?.close();
    await broadcast?.stop();
    await Promise.all([queues?.deadlines.close(), queues?.reminders.close()]);
    redis?.disconnect();
    await world?.dispose();
  }, 30_000);

  it('schedules 1 + offsets jobs for a round, and handles old per-recipient jobs as the round’s after an upgrade', async () => {
    const [current, legacy] = planOrders(world, [LEAD, LEAD]) as [ReturnType<typeof planOrders>[0], ReturnType<typeof planOrders>[0]];
    const recipients = current.recipients;
    expect(recipients).toHaveLength(15);
    await publishOrders(world, [current, legacy]);
    const ids = (roundId: string) => [deadlineTimerId(roundId), reminderTimerId(roundId, OFFSET)];
    await waitFor(async () => (await jobIds(queues.deadlines)).length === 2 && (await jobIds(queues.reminders)).length === 2, {
      what: 'both rounds’ timers in Redis',
    });
    expect(await jobIds(queues.deadlines)).toEqual([ids(roundIdOf(current))[0], ids(roundIdOf(legacy))[0]].sort());
    expect(await jobIds(queues.reminders)).toEqual([ids(roundIdOf(current))[1], ids(roundIdOf(legacy))[1]].sort());

    // The second round as an older version left it: its round jobs replaced by per-recipient
    // jobs (data = round + recipient). One recipient's reminder, and deadlines for two recipients.
    const legacyRound = roundIdOf(legacy);
    const deadlineJob = await queues.deadlines.getJob(deadlineTimerId(legacyRound));
    const reminderJob = await queues.reminders.getJob(reminderTimerId(legacyRound, OFFSET));
    const [first, second] = recipients as [number, number];
    await queues.deadlines.remove(deadlineTimerId(legacyRound));
    await queues.reminders.remove(reminderTimerId(legacyRound, OFFSET));
    const delayOf = (job: typeof deadlineJob) => Math.max(0, job!.timestamp + job!.delay - Date.now());
    await queues.reminders.add(
      TIMER_QUEUES.replyReminders,
      { roundId: legacyRound, recipient: first },
      { jobId: `reply-reminder-${legacyRound}-${first}-${OFFSET}`, delay: delayOf(reminderJob) },
    );
    for (const recipient of [first, second])
      await queues.deadlines.add(
        TIMER_QUEUES.replyDeadlines,
        { roundId: legacyRound, recipient },
        { jobId: `reply-deadline-${legacyRound}-${recipient}`, delay: delayOf(deadlineJob), attempts: 10, backoff: 200 },
      );

    const reminders = (roundId: string, overdue: boolean) =>
      inboxes.got.filter((d) => d.name === 'round.reminder' && d.roundId === roundId && d.overdue === overdue);
    await waitFor(
      () =>
        new Set(reminders(roundIdOf(current), true).map((d) => d.recipient)).size === recipients.length &&
        new Set(reminders(legacyRound, true).map((d) => d.recipient)).size === recipients.length,
      { timeoutMs: 30_000, what: 'both rounds’ deadlines (an overdue reminder to every recipient)' },
    );

    // The round's reminder job reminded every pending recipient once, under the deterministic id.
    const early = reminders(roundIdOf(current), false);
    expect(early.map((d) => d.recipient).sort()).toEqual([...recipients].sort());
    expect(early.every((d) => d.id === reminderEnvelopeId(roundIdOf(current), OFFSET, d.recipient))).toBe(true);
    // The old reminder job reminded only its own recipient, under the same id the round's job would use.
    expect(reminders(legacyRound, false)).toEqual([
      expect.objectContaining({ recipient: first, id: reminderEnvelopeId(legacyRound, OFFSET, first) }),
    ]);
    // The first old deadline job made everyone pending overdue at once, the second found nothing.
    const overdueIds = new Map<number, Set<string>>();
    for (const d of reminders(legacyRound, true)) overdueIds.set(d.recipient, (overdueIds.get(d.recipient) ?? new Set()).add(d.id));
    expect([...overdueIds.values()].every((s) => s.size === 1)).toBe(true);
    await waitFor(async () => (await jobIds(queues.deadlines)).length === 0 && (await jobIds(queues.reminders)).length === 0, {
      what: 'every timer job to have run and been removed',
    });
  }, 60_000);

  it('shows the two timer queues to an admin on /admin/queues, refuses a jobcentre (403) and an anonymous caller (401)', async () => {
    const admin = tokenFor({ role: 'admin', sub: 'admin-1' });
    const jobcentre = tokenFor({ role: 'jobcentre', sub: 'consultant-101', jobcentre: LEAD });
    const get = (path: string, token?: string) =>
      fetch(`${broadcast.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

    const page = await get('/admin/queues', admin);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<html/i);
    expect(html).toContain('"lng":"da-DK"');
    const api = await get('/admin/queues/api/queues', admin);
    expect(api.status).toBe(200);
    const names = ((await api.json()) as { queues: Array<{ name: string }> }).queues.map((q) => q.name).sort();
    expect(names).toEqual([TIMER_QUEUES.replyDeadlines, TIMER_QUEUES.replyReminders].sort());

    for (const path of ['/admin/queues', '/admin/queues/api/queues']) {
      const refused = await get(path, jobcentre);
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ type: 'urn:rs:problem:forbidden', status: 403 });
      expect((await get(path)).status).toBe(401);
    }
  });
});
