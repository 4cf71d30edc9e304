import { EXCHANGES, jobcentreQueue, makeEnvelope, TIMER_QUEUES } from '@rs/contracts';
import {
  jobcentreToken,
  type PrivateRedis,
  privateRedis,
  registerOrder,
  type RunningService,
  startService,
  type TestPlatform,
  testPlatform,
  waitFor,
  type Watch,
} from '@rs/testkit';
import request from 'supertest';

/**
 * Issue 15, part 4: both service-goal clocks of an order warn its lead and then breach, each
 * event exactly once, while order-intake is restarted and its (private) Redis is flushed twice —
 * once while it is down, once while it runs. A working day is shortened to DAY seconds by
 * configuration (SERVICE_GOAL_DAY_SECONDS), so goal 1 falls due after DAY and goal 2 after 3 × DAY.
 * A second order meets its goals (in dialogue, an agreed alternative) and is never warned.
 */
const DAY = 20;
const WARN_BEFORE = 8;
const LEAD = 101;
const lead = jobcentreToken(LEAD);
const ALERT = 'order.service-goal-alert';
const NOTICE = 'order.service-goal-notice';

interface Alert {
  orderId: string;
  goal: string;
  kind: string;
  dueAt: string;
  at: string;
}

describe('service-goal clocks across a restart and a Redis flush', () => {
  let platform: TestPlatform;
  let redis: PrivateRedis;
  let intake: RunningService;
  let alerts: Watch;
  let notices: Watch;
  const env = {
    SERVICE_GOAL_DAY_SECONDS: String(DAY),
    SERVICE_GOAL_WARN_BEFORE_SECONDS: String(WARN_BEFORE),
    TIMER_RECONCILE_SECONDS: '2',
    // A timer that finds the database briefly away retries within seconds.
    TIMER_BACKOFF_MS: '200',
  };
  const goalJobs = async (part: 'delayed' | 'all') => {
    const key = (k: string) => `${platform.world.timerPrefix}:${TIMER_QUEUES.serviceGoals}:${k}`;
    if (part === 'delayed') return Number(await redis.cli('zcard', key('delayed')));
    const counts = await Promise.all([
      redis.cli('zcard', key('delayed')),
      redis.cli('zcard', key('prioritized')),
      redis.cli('llen', key('wait')),
      redis.cli('llen', key('active')),
    ]);
    return counts.reduce((sum, n) => sum + Number(n), 0);
  };
  const goalsOf = async (id: string) =>
    (await request(intake.url).get(`/orders/${id}/service-goals`).set('authorization', `Bearer ${lead}`).expect(200)).body as {
      goals: { goal: string; standing: string; warnedAt?: string; breachedAt?: string; dueAt: string; warnAt: string }[];
      timeline: { id: string; type: string; goal: string }[];
    };

  beforeAll(async () => {
    platform = await testPlatform();
    redis = await privateRedis();
    intake = await startService(platform.world, 'order-intake', { ...env, REDIS_URL: redis.url });
    // Bound before any order is registered.
    alerts = await platform.bus.watch(EXCHANGES.events, [ALERT]);
  }, 60_000);
  afterAll(async () => {
    await intake?.stop();
    await redis?.dispose();
    await platform?.dispose();
  }, 60_000);

  it('warns and breaches goal 1 and goal 2 once each; the met order is never warned', async () => {
    const started = Date.now();
    const late = await registerOrder(intake, lead);
    const met = await registerOrder(intake, lead, { title: 'Lagerarbejder' });
    await waitFor(async () => (await goalJobs('delayed')) === 8, { timeoutMs: 10_000, what: 'four goal timers per order in Redis' });
    // The clocks were started from order-intake's own queue, so its consumer has declared the
    // whole topology, the lead's queue among it (after the HTTP port opened, so not before now).
    notices = await platform.bus.drain([jobcentreQueue(LEAD)]);

    // The second order meets goal 1 (in dialogue, through the real bus) and goal 2 (an agreed alternative).
    await platform.bus.publish(
      EXCHANGES.events,
      'order.status-changed',
      makeEnvelope(
        'order.status-changed',
        {
          orderId: met,
          entryId: `${met}-2`,
          cooperation: 'HRS',
          leadJobcentre: LEAD,
          from: 'registered',
          to: 'in-dialogue',
          lawStatus: 'in-progress',
          at: new Date().toISOString(),
          by: 'consultant-101',
        },
        { id: `status-${met}`, time: new Date(), source: '/test' },
      ),
    );
    await request(intake.url)
      .post(`/orders/${met}/service-goals/agreed-alternative`)
      .set('authorization', `Bearer ${lead}`)
      .send({ description: 'Virksomheden venter på et AMU-kursus' })
      .expect(201);
    await waitFor(async () => (await goalsOf(met)).goals.every((g) => g.standing === 'met'), {
      what: 'both goals of the second order met',
    });

    // Restart with an empty Redis: the reconcile at start re-creates the running order's four timers from MongoDB.
    expect(await intake.stop()).toBe(0);
    expect(await redis.cli('flushall')).toBe('OK');
    expect(await goalJobs('all')).toBe(0);
    intake = await startService(platform.world, 'order-intake', { ...env, REDIS_URL: redis.url });
    const reconciled = await waitFor(
      () =>
        intake
          .output()
          .split('\n')
          .find((line) => line.includes('service-goal timers reconciled')),
      { what: 'the reconcile at start' },
    );
    // Four, unless a loaded machine took so long that goal 1's warning was given before the stop.
    const rebuilt = JSON.parse(reconciled) as { orders: number; added: number; kept: number };
    expect([rebuilt.orders, rebuilt.kept]).toEqual([1, 0]);
    expect(rebuilt.added).toBeGreaterThanOrEqual(3);

    // Goal 1's warning comes; then Redis loses everything again while order-intake runs.
    const first = await waitFor(
      () => alerts.data<Alert>(ALERT).find((a) => a.orderId === late && a.goal === 'dialogue' && a.kind === 'warning'),
      {
        timeoutMs: DAY * 1000,
        what: "goal 1's warning",
      },
    );
    expect(Date.parse(first.at)).toBeGreaterThanOrEqual(Date.parse(first.dueAt) - WARN_BEFORE * 1000);
    expect(await redis.cli('flushall')).toBe('OK');
    // The periodic reconcile puts back what the running order still needs (goal 1's breach, goal 2's two).
    await waitFor(async () => (await goalJobs('all')) > 0 || alerts.data<Alert>(ALERT).length >= 2, {
      timeoutMs: 10_000,
      what: 'timers re-created after the flush',
    });

    const wanted = ['dialogue:warning', 'dialogue:breach', 'candidates:warning', 'candidates:breach'];
    const seen = (w: Watch, name: string) =>
      w
        .data<Alert>(name)
        .filter((a) => a.orderId === late)
        .map((a) => `${a.goal}:${a.kind}`);
    await waitFor(() => wanted.every((k) => seen(alerts, ALERT).includes(k) && seen(notices, NOTICE).includes(k)), {
      timeoutMs: 4 * DAY * 1000,
      intervalMs: 250,
      what: 'every warning and breach, as event and as notice',
    });
    await waitFor(async () => (await goalJobs('all')) === 0, { timeoutMs: 10_000, what: 'no goal timer left' });

    // Exactly once each: as events for reporting, as notices on the lead's queue, on the timeline.
    expect(seen(alerts, ALERT).sort()).toEqual([...wanted].sort());
    expect(seen(notices, NOTICE).sort()).toEqual([...wanted].sort());
    expect(alerts.data<Alert>(ALERT).filter((a) => a.orderId === met)).toEqual([]);
    expect(notices.data<Alert>(NOTICE).filter((a) => a.orderId === met)).toEqual([]);
    for (const a of alerts.data<Alert>(ALERT)) {
      if (a.kind === 'breach') expect(Date.parse(a.at)).toBeGreaterThanOrEqual(Date.parse(a.dueAt));
    }
    const clocks = await goalsOf(late);
    expect(clocks.goals.map((g) => [g.goal, g.standing, Boolean(g.warnedAt)])).toEqual([
      ['dialogue', 'breached', true],
      ['candidates', 'breached', true],
    ]);
    const entries = clocks.timeline.map((e) => e.id).filter((id) => /warned|breached/.test(id));
    expect(entries.sort()).toEqual([
      'candidates-goal-breached',
      'candidates-goal-warned',
      'dialogue-goal-breached',
      'dialogue-goal-warned',
    ]);
    const notice = notices.seen.find((s) => s.name === NOTICE);
    expect(notice?.envelope?.data).toMatchObject({ leadJobcentre: LEAD, message: { da: expect.stringContaining('Servicemålet') } });
    console.log(
      `service-goal timers: every alert once after ${Date.now() - started} ms (day = ${DAY} s), ` +
        `${alerts.seen.length} alert and ${notices.seen.length} notice deliveries`,
    );
  }, 120_000);
});
