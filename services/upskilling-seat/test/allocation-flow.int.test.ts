import { silentLogger } from '@rs/bus';
import { type Connector, createConnector, seatRequests } from '@rs/connector';
import { jobcentreQueue, type PayloadOf, QUEUES, TIMER_QUEUES } from '@rs/contracts';
import { cooperation } from '@rs/reference-data';
import {
  jobcentreAmqpUrl,
  jobcentreToken,
  type PrivateRedis,
  privateRedis,
  type RunningService,
  settledCount,
  type TestPlatform,
  testPlatform,
  waitFor,
} from '@rs/testkit';
import request from 'supertest';
import { aCourse } from './course-kit';

/**
 * Issue 18 on the real bus: a course opened by 101 (HRS) is offered once to every jobcentre in
 * scope; three connectors ask for seats through the SDK (one over its ceiling is told why), the
 * lead through the API; the service is stopped and Redis flushed before the window closes, so
 * only the reconcile at the restart can bring the window's timer back; the allocation then
 * happens once — and once more after another restart — and lands on each requester's own queue.
 * Redis is a private instance (flushing the shared one is not ours to do).
 */
/** Long enough for open, requests, a stop, a flush and a restart on a loaded machine; every wait is a condition. */
const WINDOW_SECONDS = 25;
const HRS = cooperation('HRS')!.members;
const CONNECTED = [147, 151, 153] as const;
const OUTSIDER = 751;

type Seen = {
  [K in 'course.offered' | 'seat.request-recorded' | 'seat.request-refused' | 'seat.allocated' | 'seat.granted']: Array<PayloadOf<K>>;
} & {
  ids: string[];
};

describe('offer → requests from several jobcentres → the window closes → allocation once', () => {
  let platform: TestPlatform;
  let redis: PrivateRedis;
  let service: RunningService;
  let env: Record<string, string>;
  const connectors = new Map<number, Connector>();
  const seen = new Map<number, Seen>();

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [...CONNECTED, OUTSIDER] });
    redis = await privateRedis();
    env = { REDIS_URL: redis.url, COURSE_REQUEST_SKEW_SECONDS: '1' };
    service = await platform.start('upskilling-seat', env);
    for (const code of [...CONNECTED, OUTSIDER]) {
      const log: Seen = {
        'course.offered': [],
        'seat.request-recorded': [],
        'seat.request-refused': [],
        'seat.allocated': [],
        'seat.granted': [],
        ids: [],
      };
      seen.set(code, log);
      const note =
        <K extends Exclude<keyof Seen, 'ids'>>(name: K) =>
        async (data: PayloadOf<K>, ctx: { envelope: { id: string } }) => {
          (log[name] as Array<PayloadOf<K>>).push(data);
          log.ids.push(ctx.envelope.id);
        };
      connectors.set(
        code,
        createConnector(
          { url: jobcentreAmqpUrl(platform.world, code), jobcentre: code, logger: silentLogger },
          {
            'course.offered': note('course.offered'),
            'seat.request-recorded': note('seat.request-recorded'),
            'seat.request-refused': note('seat.request-refused'),
            'seat.allocated': note('seat.allocated'),
            'seat.granted': note('seat.granted'),
          },
        ),
      );
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all([...connectors.values()].map((c) => c.stop()));
    await platform.dispose();
    await redis.dispose();
  });

  it('allocates the seats once at the window close, after a restart and a Redis flush', async () => {
    // 4 seats at 10,000 kr; 147's ceiling 20,000 kr (2 seats).
    const opened = await request(service.url)
      .post('/courses')
      .set('authorization', `Bearer ${jobcentreToken(101)}`)
      .send(aCourse(WINDOW_SECONDS))
      .expect(201);
    const courseId: string = opened.body.id;
    const closesAt = Date.parse(opened.body.summary.windowClosesAt);
    expect(opened.body.inScope).toEqual([...HRS].sort((a, b) => a - b));

    // Every jobcentre in scope gets the offer once: the connected ones by their handlers, the others waiting in their queues.
    await waitFor(async () => CONNECTED.every((c) => seen.get(c)?.['course.offered'].length === 1), {
      what: 'the offers at the connectors',
    });
    const unconnected = HRS.filter((c) => c !== 101 && !CONNECTED.includes(c as (typeof CONNECTED)[number]));
    await waitFor(async () => [...(await platform.bus.depths(unconnected.map(jobcentreQueue))).values()].every((d) => d === 1), {
      what: 'one offer in every other queue of the scope',
    });
    expect(seen.get(147)?.['course.offered'][0]).toMatchObject({ courseId, recipient: 147, budgetCeilingDkk: 20_000, maxSeats: 2 });
    expect(seen.get(OUTSIDER)?.['course.offered']).toEqual([]);

    // Requests through the connectors (SDK) and the lead's through the API: 2 + 3 + 1 + 2 = 8 for 4 seats.
    const ask = (code: number, seats: number, candidates: string[] = []) =>
      seatRequests(connectors.get(code)!).request({ courseId, seats, candidates });
    await ask(147, 3); // over 147's ceiling: refused with the figure
    await ask(147, 2, ['c-147-1']);
    await ask(151, 3, ['c-151-1', 'c-151-2']);
    await ask(153, 1);
    await ask(OUTSIDER, 1);
    await waitFor(async () => CONNECTED.every((c) => seen.get(c)?.['seat.request-recorded'].length === 1), {
      what: 'the requests recorded',
    });
    // The lead's last, so its place in the priority order is known.
    await request(service.url)
      .put(`/courses/${courseId}/requests/101`)
      .set('authorization', `Bearer ${jobcentreToken(101)}`)
      .send({ seats: 2 })
      .expect(200);
    await waitFor(
      async () => seen.get(147)?.['seat.request-refused'].length === 1 && seen.get(OUTSIDER)?.['seat.request-refused'].length === 1,
      {
        what: 'the refusals told',
      },
    );
    expect(seen.get(147)?.['seat.request-refused'][0]).toMatchObject({ courseId, reason: 'over-budget' });
    expect(seen.get(147)?.['seat.request-refused'][0]?.detail).toContain('30000 kr is over your budget ceiling of 20000 kr');
    expect(seen.get(OUTSIDER)?.['seat.request-refused'][0]?.reason).toBe('not-in-scope');
    // A refusal by the course's rules is an answer, not a poison message: acked and told, never dead-lettered (both languages).
    expect(seen.get(147)?.['seat.request-refused'][0]?.detailDa).toContain('overstiger jeres budgetloft på 20000 kr');
    expect(await settledCount(service, QUEUES.upskillingRequests, 'dead-letter')).toBe(0);

    // Down before the window closes, and Redis loses the window's timer.
    expect(Date.now()).toBeLessThan(closesAt);
    expect(await service.stop()).toBe(0);
    expect(await redis.cli('--scan', '--pattern', `*${TIMER_QUEUES.seatWindows}*`)).not.toBe('');
    await redis.cli('flushall');
    expect(await redis.cli('dbsize')).toBe('0');
    service = await platform.start('upskilling-seat', env);

    await waitFor(async () => CONNECTED.every((c) => seen.get(c)?.['seat.allocated'].length === 1), {
      what: 'the allocation on every requester queue',
      timeoutMs: WINDOW_SECONDS * 1000 + 20_000,
    });
    expect(Date.now()).toBeGreaterThanOrEqual(closesAt);
    // 8 asked for 4: the guaranteed seat each uses them all.
    const allocated = Object.fromEntries(CONNECTED.map((c) => [c, seen.get(c)?.['seat.allocated'][0]]));
    expect(CONNECTED.map((c) => [c, allocated[c]?.requested, allocated[c]?.allocated, allocated[c]?.waitlisted])).toEqual([
      [147, 2, 1, 1],
      [151, 3, 1, 2],
      [153, 1, 1, 0],
    ]);
    expect(allocated[151]?.explanation.da).toContain('I står på venteliste til 2.');
    expect(allocated[147]?.costDkk).toBe(10_000);
    const lead = await platform.bus.drain([jobcentreQueue(101)]);
    await waitFor(async () => lead.data('seat.allocated').length === 1, { what: "the lead's own allocation on its queue" });

    // Once: another restart (the reconcile finds no open course) and no second allocation anywhere.
    expect(await service.stop()).toBe(0);
    service = await platform.start('upskilling-seat', env);
    const view = await request(service.url)
      .get(`/courses/${courseId}`)
      .set('authorization', `Bearer ${jobcentreToken(101)}`)
      .expect(200);
    expect([view.body.status, view.body.allocatedSeats, view.body.waitingList]).toEqual(['allocated', 4, [151, 147, 101]]);
    for (const code of CONNECTED) {
      const log = seen.get(code)!;
      expect([code, log['seat.allocated'].length, new Set(log.ids).size]).toEqual([code, 1, log.ids.length]);
    }
    expect(lead.data('seat.allocated')).toHaveLength(1);
    expect(lead.data('course.offered')).toHaveLength(1);

    // A seat given back goes to the head of the waiting list (151: 1 of 3), told on its own queue.
    await seatRequests(connectors.get(153)!).withdraw(courseId);
    await waitFor(async () => seen.get(151)?.['seat.granted'].length === 1, { what: 'the freed seat granted to 151' });
    expect(seen.get(151)?.['seat.granted'][0]).toMatchObject({ courseId, allocated: 2, waitlisted: 1, costDkk: 20_000 });
    expect(seen.get(151)?.['seat.granted'][0]?.explanation.en).toContain('first on the waiting list');
    expect(seen.get(147)?.['seat.granted']).toEqual([]);
  });
});
