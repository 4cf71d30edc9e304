import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { courseSummaryExample } from '@rs/contracts';
import {
  jobcentreToken,
  type RunningService,
  registerOrder,
  serviceEnv,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
} from '@rs/testkit';

const REBUILD = join(__dirname, '..', 'dist', 'rebuild.main.js');
const admin = tokenFor({ role: 'admin', sub: 'steering-admin' });
const operator = tokenFor({ role: 'phone-line', sub: 'operator-1' });
const hrsSecretariat = tokenFor({ role: 'secretariat', sub: 'secretariat-hrs', cooperation: 'HRS' });
const hrsOnboarding = tokenFor({ role: 'onboarding', sub: 'onb-hrs', cooperation: 'HRS' });
const københavn = jobcentreToken(101);
const frederiksberg = jobcentreToken(147);
const WINDOW_SECONDS = 6;

type Json = Record<string, any>;

/** Today in Copenhagen (YYYY-MM-DD): the services date follow-ups and hires by it. */
const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/**
 * Issue 20 through the real services: order-intake, upskilling-seat and reporting on one broker.
 * An order with a large project gets a hire (and so follow-ups); a recruitment agreement and an
 * a-kasse agreement are made; a course for the order is opened, seats are requested, the window
 * closes by its timer, outcomes are recorded (the hired participant is the order's hire); a
 * company's coming need is recorded; the onboarding consultant answers the follow-up due today.
 * Reporting counts each of them from the events the services published — and the rebuild from
 * the services' own databases yields the same figures.
 */
describe('reporting counts what the services publish, and rebuilds it from their records', () => {
  let platform: TestPlatform;
  let intake: RunningService;
  let upskilling: RunningService;
  let reporting: RunningService;

  beforeAll(async () => {
    platform = await testPlatform();
    intake = await platform.start('order-intake', { ONBOARDING_FOLLOW_UP_WEEKS: '4,13' });
    upskilling = await platform.start('upskilling-seat', { COURSE_REQUEST_SKEW_SECONDS: '1' });
    reporting = await platform.start('reporting');
  }, 120_000);
  afterAll(async () => platform?.dispose());

  const call = async (service: RunningService, method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Json };
  };
  const ok = async (service: RunningService, method: string, path: string, token: string, body?: unknown) => {
    const res = await call(service, method, path, token, body);
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const figures = async () => (await ok(reporting, 'GET', '/figures?cooperation=HRS', admin)) as { figures: Json; jobcentres: Json[] };

  it('counts follow-ups, agreements, a course’s seats and outcomes and a need, live and rebuilt alike', async () => {
    const day = today();
    const orderId = await registerOrder(intake, københavn, { largeProject: true, company: { name: 'Lagerhuset A/S', municipality: 101 } });
    // Started four weeks ago: the first follow-up is due today.
    await ok(intake, 'POST', `/orders/${orderId}/hires`, københavn, {
      jobcentre: 147,
      candidateRef: 'c-147-live',
      startDate: addDays(day, -28),
      weeklyHours: 37,
    });

    await ok(intake, 'POST', '/companies', operator, {
      cvr: '24256790',
      name: 'Lagerhuset Dragør ApS',
      address: { street: 'Kongevejen 1', postalCode: '2791', city: 'Dragør' },
      municipality: 155,
      contacts: [{ name: 'Mette Holm', role: 'HR', phone: '+45 32 00 00 00', email: 'mette@example.dk' }],
    });
    const company = (await ok(intake, 'GET', '/companies/24256790', operator)) as { leadJobcentre: number };
    await ok(intake, 'POST', '/companies/24256790/agreements', jobcentreToken(company.leadJobcentre), {
      period: { from: addDays(day, -100), to: addDays(day, 300) },
      expectedHires: 12,
      terms: { silenceMeansNone: false, other: '' },
    });
    await ok(intake, 'POST', '/fund-agreements', hrsSecretariat, {
      fund: '3F A-kasse',
      cooperation: 'HRS',
      period: { from: addDays(day, -10) },
      contact: { name: 'Jens Berg' },
    });

    await waitFor(async () => (await call(upskilling, 'GET', '/courses', københavn)).status === 200, { what: 'upskilling-seat answering' });
    const course = await ok(upskilling, 'POST', '/courses', københavn, {
      ...courseSummaryExample,
      seats: 4,
      pricePerSeatDkk: 10_000,
      startDate: '2030-01-07',
      endDate: '2030-01-18',
      orderId,
      company: { name: 'Lagerhuset A/S' },
      windowClosesAt: new Date(Date.now() + WINDOW_SECONDS * 1000).toISOString(),
    });
    const courseId = String(course.id);
    await ok(upskilling, 'PUT', `/courses/${courseId}/requests/147`, frederiksberg, {
      seats: 2,
      candidates: ['c-147-live', 'c-147-other'],
    });
    await ok(upskilling, 'PUT', `/courses/${courseId}/requests/101`, københavn, { seats: 1, candidates: ['c-101-one'] });
    await waitFor(async () => (await ok(upskilling, 'GET', `/courses/${courseId}`, københavn)).status === 'allocated', {
      what: 'the allocation by the window timer',
      timeoutMs: WINDOW_SECONDS * 1000 + 30_000,
    });
    const outcome = (jobcentre: number, ref: string, token: string, body: unknown) =>
      ok(upskilling, 'PUT', `/courses/${courseId}/outcomes/${jobcentre}/${ref}`, token, body);
    await outcome(147, 'c-147-live', københavn, { status: 'started' });
    await outcome(147, 'c-147-live', københavn, { status: 'completed', hiredOn: day });
    await outcome(147, 'c-147-other', københavn, { status: 'dropped-out' });
    await outcome(101, 'c-101-one', københavn, { status: 'started' });

    await ok(upskilling, 'POST', '/needs', københavn, {
      company: 'Lagerhuset A/S',
      occupation: 'Lagermedarbejder',
      count: 6,
      expectedBy: day.slice(0, 7),
      courseWouldHelp: true,
      course: 'Truckcertifikat',
    });

    const planned = await waitFor(
      async () => {
        const found = (await ok(intake, 'GET', `/follow-ups?orderId=${orderId}`, hrsOnboarding)).followUps as Json[];
        return found.length === 1 ? found : undefined;
      },
      { what: 'the follow-up due today' },
    );
    await ok(intake, 'POST', `/follow-ups/${planned[0]!.id}/outcome`, hrsOnboarding, { status: 'still-employed' });

    const expected = {
      followUps: { due: 1, done: 1, stillEmployed: 1, left: 0, open: 0, doneRate: 1, retention: 1 },
      agreements: { recruitment: 1, expectedHires: 12, aKasse: 1 },
      upskilling: {
        courses: 1,
        positiveListCourses: 1,
        seatsBought: 4,
        seatsAllocated: 3,
        seatsUsed: 3,
        completed: 1,
        droppedOut: 1,
        hiredAfter: 1,
        hiresLinkedToOrders: 1,
        costDkk: 40_000,
        costPerHireDkk: 40_000,
        seatUseRate: 0.75,
        completionRate: 0.5,
        hireRate: 1 / 3,
      },
      needs: { recorded: 1, people: 6, courseWouldHelp: 1 },
    };
    const pick = (f: Json) => ({ followUps: f.followUps, agreements: f.agreements, upskilling: f.upskilling, needs: f.needs });
    await waitFor(async () => JSON.stringify(pick((await figures()).figures)) === JSON.stringify(expected), {
      what: 'the live figures',
      timeoutMs: 30_000,
    }).catch(() => undefined);
    const live = await figures();
    expect(pick(live.figures)).toEqual(expected);
    expect(live.figures.lights).toMatchObject({ retention: 'green', followUpsDone: 'green', costPerHire: 'green', seatUseRate: 'yellow' });
    expect(live.jobcentres.find((j) => j.jobcentre === 147)!.figures.upskilling).toMatchObject({
      seatsAllocated: 2,
      seatsUsed: 2,
      hiredAfter: 1,
    });

    const env = serviceEnv(platform.world, 'reporting', {
      ORDER_INTAKE_DB: platform.world.dbName('order-intake'),
      BROADCAST_DB: platform.world.dbName('broadcast'),
      UPSKILLING_DB: platform.world.dbName('upskilling-seat'),
    });
    const { stdout } = await promisify(execFile)(process.execPath, [REBUILD], { env: { PATH: process.env.PATH ?? '', ...env } });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({ rebuilt: true });
    expect(await figures()).toEqual(live);
  }, 180_000);
});
