import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Bus, connectBus, silentLogger } from '@rs/bus';
import { cvPublisher } from '@rs/connector';
import { erasedRef, type SharedCv } from '@rs/contracts';
import {
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  registerOrder,
  serviceEnv,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import mongoose, { type Connection } from 'mongoose';

const REBUILD = join(__dirname, '..', '..', 'reporting', 'dist', 'rebuild.main.js');
const admin = tokenFor({ role: 'admin', sub: 'steering-admin' });
const onboarding = tokenFor({ role: 'onboarding', sub: 'onb-hrs', cooperation: 'HRS' });
const københavn = jobcentreToken(101);
const GONE = 'c-147-gone';
const KEPT = 'c-147-kept';

type Json = Record<string, any>;

const today = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const daysAgo = (days: number) => {
  const d = new Date(`${today()}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
};
const cv = (ref: string): SharedCv => ({
  candidateRef: ref,
  revision: new Date().toISOString(),
  headline: 'Lagerarbejder',
  occupations: [{ code: '9321', years: 3 }],
  skills: ['lager'],
  languages: [{ code: 'da', level: 'C1' }],
  municipality: 147,
  summary: { da: 'Lagerarbejder' },
  visibility: { searchable: true },
});

/**
 * Issue 17 part 6 in order-intake and reporting's rebuild: København (101) presents and hires two
 * of Frederiksberg's (147) candidates on a large project, so they have referrals, hires, timeline
 * notes, hire claims and onboarding follow-ups (one answered), and reporting counts them. Then
 * Frederiksberg withdraws one: cv.erased reaches order-intake's own queue, and no collection of
 * order-intake or reporting holds the ref any more — nor after reporting's rebuild from the
 * services' records; the figures are the same before, after the erasure and after the rebuild,
 * and the other candidate is untouched.
 */
describe('erasure reaching order-intake, and a rebuild that does not bring the ref back', () => {
  let platform: TestPlatform;
  let intake: RunningService;
  let reporting: RunningService;
  let bus147: Bus;
  const dbs = new Map<string, Connection>();

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [101, 147] });
    await platform.start('matching');
    intake = await platform.start('order-intake', { ONBOARDING_FOLLOW_UP_WEEKS: '4,13' });
    reporting = await platform.start('reporting');
    bus147 = connectBus({ url: jobcentreAmqpUrl(platform.world, 147), name: 'test-147', logger: silentLogger });
    for (const service of ['order-intake', 'reporting'])
      dbs.set(service, await mongoose.createConnection(platform.world.mongoUrl, { dbName: platform.world.dbName(service) }).asPromise());
  }, 120_000);
  afterAll(async () => {
    await Promise.all([...dbs.values()].map((db) => db.close()));
    await bus147?.close();
    await platform?.dispose();
  });

  const ok = async (service: RunningService, method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as Json;
  };
  const figures = () => ok(reporting, 'GET', '/figures?cooperation=HRS', admin);
  /** Where each service's collections still hold the text: `<service>.<collection>/<_id>`. */
  const holding = async (text: string): Promise<string[]> => {
    const found: string[] = [];
    for (const [service, db] of dbs)
      for (const { name } of await db.listCollections())
        for (const doc of await db.collection(name).find({}).toArray())
          if (JSON.stringify(doc).includes(text)) found.push(`${service}.${name}/${String(doc._id)}`);
    return found;
  };

  it('erases the ref from every order-intake and reporting collection, keeps the counts, and the rebuild keeps it out', async () => {
    await cvPublisher(bus147, 147).upsertCvs([cv(GONE), cv(KEPT)]);
    const orderId = await registerOrder(intake, københavn, {
      largeProject: true,
      title: 'Lagerarbejdere',
      occupation: '9321',
      positions: 2,
      company: { name: 'Lagerhuset A/S', municipality: 101 },
    });
    for (const ref of [GONE, KEPT]) {
      await ok(intake, 'POST', `/orders/${orderId}/referrals`, københavn, { jobcentre: 147, candidateRef: ref, screening: [] });
      // Started four weeks ago: the first follow-up is due today.
      await ok(intake, 'POST', `/orders/${orderId}/hires`, københavn, {
        jobcentre: 147,
        candidateRef: ref,
        startDate: daysAgo(28),
        weeklyHours: 37,
      });
    }
    const due = await waitFor(
      async () => {
        const found = (await ok(intake, 'GET', `/follow-ups?orderId=${orderId}`, onboarding)).followUps as Json[];
        return found.length === 2 ? found : undefined;
      },
      { what: 'the two follow-ups due today' },
    );
    for (const f of due) await ok(intake, 'POST', `/follow-ups/${f.id}/outcome`, onboarding, { status: 'still-employed' });
    await waitFor(async () => (await holding(GONE)).some((where) => where.startsWith('reporting.')), {
      what: 'reporting to count the hire',
    });
    await waitFor(async () => (await figures()).figures.followUps?.done === 2, { what: 'reporting to count both follow-ups done' });
    const before = await figures();
    expect((await holding(GONE)).filter((w) => w.startsWith('order-intake.')).length).toBeGreaterThan(0);

    await cvPublisher(bus147, 147).withdrawCvs([GONE]);
    await waitFor(async () => (await holding(GONE)).length === 0 || undefined, {
      what: `no collection holding ${GONE}`,
      timeoutMs: 30_000,
    }).catch(() => undefined);
    expect(await holding(GONE)).toEqual([]);
    expect(await figures()).toEqual(before);
    // The counts stand under the marker; the other candidate is untouched.
    const marker = erasedRef(147, GONE);
    const order = (await ok(intake, 'GET', `/orders/${orderId}`, københavn)) as Json;
    expect(JSON.stringify(order)).toContain(marker);
    expect(JSON.stringify(order)).toContain(KEPT);
    // Four follow-ups (weeks 4 and 13 of two hires), the answered ones still answered, under the marker's id.
    const followUps = await dbs.get('order-intake')!.collection('follow_ups').find({ orderId }).toArray();
    expect(followUps.map((f) => `${f.candidateRef} w${f.weeksAfterStart} ${f.outcome?.status ?? '-'}`).sort()).toEqual(
      [`${KEPT} w4 still-employed`, `${KEPT} w13 -`, `${marker} w4 still-employed`, `${marker} w13 -`].sort(),
    );
    expect(followUps.find((f) => f.candidateRef === marker && f.weeksAfterStart === 4)?._id).toBe(`${orderId}-147-${marker}-w4`);

    const env = serviceEnv(platform.world, 'reporting', {
      ORDER_INTAKE_DB: platform.world.dbName('order-intake'),
      BROADCAST_DB: platform.world.dbName('broadcast'),
      UPSKILLING_DB: platform.world.dbName('upskilling-seat'),
    });
    const { stdout } = await promisify(execFile)(process.execPath, [REBUILD], { env: { PATH: process.env.PATH ?? '', ...env } });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toMatchObject({ rebuilt: true });
    expect(await holding(GONE)).toEqual([]);
    expect(await figures()).toEqual(before);
    expect((await holding(KEPT)).some((w) => w.startsWith('reporting.facts/'))).toBe(true);
  }, 180_000);
});
