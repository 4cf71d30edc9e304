import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { EXCHANGES } from '@rs/contracts';
import { cooperation } from '@rs/reference-data';
import { type RunningService, serviceEnv, type TestPlatform, testPlatform, tokenFor, waitFor } from '@rs/testkit';
import mongoose from 'mongoose';
import { type Extras, expectedExtras, extraEvents, extraRecords, generateExtras } from './quarter-extras';
import { eventsOf, expectedCounts, type GenOrder, generateQuarter, QUARTER, recordsOf } from './quarter-kit';

const admin = tokenFor({ role: 'admin', sub: 'steering-admin' });
const REBUILD = join(__dirname, '..', 'dist', 'rebuild.main.js');
const TARGETS: Record<string, number | null> = { HRS: 125, JRS: null };

type Figures = Record<string, unknown> & { lights?: unknown };
interface ReportBody {
  figures: Figures;
  jobcentres: Array<{ jobcentre: number; figures: Figures }>;
}

/** The report without its lights (the counts are checked here; the lights are the unit tests' concern). */
const counts = (r: ReportBody) => ({
  figures: { ...r.figures, lights: undefined },
  jobcentres: r.jobcentres.map((j) => ({ jobcentre: j.jobcentre, figures: { ...j.figures, lights: undefined } })),
});

const expectedReport = (orders: GenOrder[], extras: Extras, coop: string) => ({
  figures: {
    ...expectedCounts(orders, coop, undefined, TARGETS[coop] ?? null),
    ...expectedExtras(orders, extras, coop),
    lights: undefined,
  },
  jobcentres: [...cooperation(coop)!.members]
    .sort((a, b) => a - b)
    .map((j) => ({
      jobcentre: j,
      figures: { ...expectedCounts(orders, coop, j), ...expectedExtras(orders, extras, coop, j), lights: undefined },
    })),
});

/** JSON with its keys sorted at every level: equal data gives equal text, whatever order the keys were built in. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );

/**
 * Issue 20: a generated quarter for HRS and JRS goes through the real broker into the reporting
 * service (shuffled, some events delivered twice and some replayed under a new id), and every
 * figure — the cooperation's and each member's — equals a count made from the generated data:
 * orders, service goals, replies, placements, escalations to East Denmark and the country,
 * onboarding follow-ups, agreements in force, upskilling courses (seats and outcomes changing
 * over several versions) and companies' coming needs. Then the rebuild command recomputes the
 * read model from order-intake's, broadcast's and upskilling-seat's own records of the same
 * quarter, and the figures come out the same.
 */
describe('the steering group’s figures for a generated quarter', () => {
  let platform: TestPlatform;
  let reporting: RunningService;
  const orders = generateQuarter();
  const extras = generateExtras(orders);
  const live: Record<string, ReportBody> = {};

  beforeAll(async () => {
    platform = await testPlatform();
    reporting = await platform.start('reporting', { PLACEMENT_TARGETS: 'HRS=125' });
  }, 60_000);
  afterAll(async () => platform?.dispose());

  const get = async (path: string) => {
    const res = await fetch(`${reporting.url}${path}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    return (await res.json()) as ReportBody;
  };

  it('counts every figure of HRS and JRS as the generated data says, each event once', async () => {
    const events = [...eventsOf(orders), ...extraEvents(extras)];
    let seed = 7;
    const shuffled = events
      .map((e) => {
        seed = (seed * 16807) % 2147483647;
        return { e, k: seed };
      })
      .sort((a, b) => a.k - b.k)
      .map(({ e }) => e);
    let published = 0;
    for (const [i, { name, envelope }] of shuffled.entries()) {
      await platform.bus.publish(EXCHANGES.events, name, envelope, { messageId: envelope.id, contentType: 'application/cloudevents+json' });
      published++;
      // A redelivery (same id) and a replay (a new id, the same data) must both count once.
      if (i % 7 === 0) await platform.bus.publish(EXCHANGES.events, name, envelope, { messageId: envelope.id });
      if (i % 11 === 0) await platform.bus.publish(EXCHANGES.events, name, { ...envelope, id: `${envelope.id}-replay` });
    }
    expect(published).toBeGreaterThan(400);
    for (const coop of ['HRS', 'JRS']) {
      const expected = expectedReport(orders, extras, coop);
      const f = expected.figures;
      expect(f.orders.received).toBeGreaterThan(15);
      expect(f.replies.late).toBeGreaterThan(0);
      expect(f.serviceGoals.dialogue.breached).toBeGreaterThan(0);
      // The generated quarter holds each new figure, so a count that stayed at zero would fail.
      expect(f.escalations.eastDenmark + f.escalations.national).toBeGreaterThan(0);
      expect(f.followUps.done).toBeGreaterThan(0);
      expect(f.followUps.open + f.followUps.left).toBeGreaterThan(0);
      expect(f.agreements.recruitment).toBeGreaterThan(0);
      expect(f.upskilling.seatsUsed).toBeGreaterThan(0);
      expect(f.upskilling.hiredAfter).toBeGreaterThan(0);
      expect(f.upskilling.hiresLinkedToOrders).toBeGreaterThan(0);
      expect(f.needs.recorded).toBeGreaterThan(0);
      await waitFor(async () => canonical(counts(await get(`/figures?cooperation=${coop}&period=${QUARTER.id}`))) === canonical(expected), {
        timeoutMs: 120_000,
      }).catch(() => undefined);
      live[coop] = await get(`/figures?cooperation=${coop}&period=${QUARTER.id}`);
      expect(counts(live[coop])).toEqual(expected);
    }
  }, 240_000);

  it('rebuilds the read model from the services’ own records with the same figures', async () => {
    expect(Object.keys(live)).toEqual(['HRS', 'JRS']);
    const records = recordsOf(orders);
    const more = extraRecords(extras);
    const client = await mongoose.createConnection(platform.world.mongoUrl).asPromise();
    try {
      const intake = client.useDb(platform.world.dbName('order-intake'));
      const broadcast = client.useDb(platform.world.dbName('broadcast'));
      await intake.collection('orders').insertMany(records.orders as never[]);
      await intake.collection('service_goals').insertMany(records.serviceGoals as never[]);
      await broadcast.collection('rounds').insertMany(records.rounds as never[]);
      await intake.collection('follow_ups').insertMany(more.followUps as never[]);
      await intake.collection('recruitment_agreements').insertMany(more.recruitmentAgreements as never[]);
      await intake.collection('fund_agreements').insertMany(more.fundAgreements as never[]);
      const upskilling = client.useDb(platform.world.dbName('upskilling-seat'));
      await upskilling.collection('courses').insertMany(more.courses as never[]);
      await upskilling.collection('company_needs').insertMany(more.needs as never[]);
      // A fact no source holds (an order order-intake never kept) must be gone after the rebuild.
      await client
        .useDb(platform.world.dbName('reporting'))
        .collection('facts')
        .insertOne({
          _id: 'order:ghost' as never,
          kind: 'order',
          orderId: 'ghost',
          cooperation: 'HRS',
          fact: {
            kind: 'order',
            orderId: 'ghost',
            cooperation: 'HRS',
            leadJobcentre: 101,
            channel: 'jobcentre',
            positions: 1,
            at: '2026-08-01T08:00:00.000Z',
          },
        });
    } finally {
      await client.close();
    }
    const ghosted = await get(`/figures?cooperation=HRS&period=${QUARTER.id}`);
    expect(ghosted.figures.orders).toMatchObject({ received: (live.HRS!.figures.orders as { received: number }).received + 1 });

    const env = serviceEnv(platform.world, 'reporting', {
      ORDER_INTAKE_DB: platform.world.dbName('order-intake'),
      BROADCAST_DB: platform.world.dbName('broadcast'),
      UPSKILLING_DB: platform.world.dbName('upskilling-seat'),
    });
    const { stdout } = await promisify(execFile)(process.execPath, [REBUILD], { env: { PATH: process.env.PATH ?? '', ...env } });
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { rebuilt: boolean; removed: number; facts: number };
    expect(result).toMatchObject({ rebuilt: true });
    expect(result.removed).toBeGreaterThanOrEqual(1);
    for (const coop of ['HRS', 'JRS']) expect(await get(`/figures?cooperation=${coop}&period=${QUARTER.id}`)).toEqual(live[coop]);
  }, 120_000);
});
