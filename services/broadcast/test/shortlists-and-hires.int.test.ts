import { type Bus, silentLogger } from '@rs/bus';
import { type Connector, createConnector } from '@rs/connector';
import { type CandidateWithdrawn, jobcentreQueue, type OrderBroadcast, type RoundShortlist } from '@rs/contracts';
import {
  aCv,
  poolFilled,
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  registerOrder,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
  type Watch,
} from '@rs/testkit';
import mongoose from 'mongoose';
import request from 'supertest';
import { sharePools } from './pool-kit';

/**
 * Issue 3: a round carries each recipient's own shortlist from matching when it is ready, never
 * waits for it (absent matching), sends it late when it comes after the opening; and a hired
 * candidate is withdrawn from every other open round.
 */
const LEAD = 101;
const WITH_POOL = [147, 151];
const OTHER = 153;

const cv = (ref: string, municipality: number) =>
  aCv(ref, { skills: ['truckcertifikat'], municipality, summary: 'Lagerarbejder med truckcertifikat' });

describe('shortlists in rounds, and hires', () => {
  let platform: TestPlatform;
  let broadcast: RunningService;
  let intake: RunningService;
  let matching: RunningService | undefined;
  const buses: Bus[] = [];
  const connectors: Connector[] = [];
  let inbox: Watch;
  const lead = jobcentreToken(LEAD);

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [LEAD, ...WITH_POOL, OTHER] });
    broadcast = await platform.start('broadcast', { REPLY_WINDOW_MODE: 'clock', REMINDER_OFFSETS_SECONDS: 'none' });
    intake = await platform.start('order-intake');
    matching = await platform.start('matching');
    buses.push(
      ...(await sharePools(platform, Object.fromEntries(WITH_POOL.map((code) => [code, [cv(`k${code}-1`, 101), cv(`k${code}-2`, 851)]])))),
    );
    await poolFilled(matching, 151, 2);
    // Every queue the test reads is drained by the test (the queues exist once broadcast started).
    inbox = await platform.bus.drain([LEAD, ...WITH_POOL, OTHER].map((code) => jobcentreQueue(code)));
  }, 90_000);
  afterAll(async () => {
    await Promise.all([...connectors.map((c) => c.stop()), ...buses.map((b) => b.close())]);
    await platform.dispose();
  });

  const received = <T>(code: number, type: string, orderId: string) =>
    inbox.seen
      .filter((m) => m.routingKey === jobcentreQueue(code) && m.name === type)
      .map((m) => m.envelope?.data as T & { orderId: string })
      .filter((data) => data.orderId === orderId);

  const newOrder = (broadcastScope?: 'cooperation') =>
    registerOrder(intake, lead, {
      company: { name: 'Lager A/S', municipality: 101 },
      title: 'Lagerarbejder med truckcertifikat',
      occupation: '9321',
      ...(broadcastScope ? { broadcast: { scope: broadcastScope } } : {}),
    });

  async function shortlistsStored(orderId: string): Promise<boolean> {
    const conn = await mongoose.createConnection(platform.world.mongoUrl, { dbName: platform.world.dbName('broadcast') }).asPromise();
    try {
      return (await conn.collection('shortlists').countDocuments({ _id: orderId as never })) === 1;
    } finally {
      await conn.close();
    }
  }

  function expectOwnCandidatesOnly(list: { candidateRef: string }[] | undefined, code: number) {
    expect(list?.map((c) => c.candidateRef)).toEqual([`k${code}-1`, `k${code}-2`]);
  }

  let orderA = '';
  it('a round opened after the ranking carries in each broadcast the recipient its own shortlist, nobody else’s', async () => {
    orderA = await newOrder();
    await waitFor(() => shortlistsStored(orderA), { what: 'shortlists received by broadcast' });
    await request(broadcast.url)
      .post('/rounds')
      .set('authorization', `Bearer ${lead}`)
      .send({ orderId: orderA, scope: 'cooperation' })
      .expect(201);
    for (const code of WITH_POOL) {
      const [message] = await waitFor(
        () => {
          const got = received<OrderBroadcast>(code, 'round.order-broadcast', orderA);
          return got.length > 0 && got;
        },
        { what: `broadcast to ${code}` },
      );
      expectOwnCandidatesOnly(message!.shortlist, code);
      expect(message!.shortlist![0]!.reasons.map((r) => r.code)).toEqual(
        expect.arrayContaining(['occupation', 'skills', 'nearby', 'available']),
      );
    }
    const other = await waitFor(() => received<OrderBroadcast>(OTHER, 'round.order-broadcast', orderA)[0], {
      what: `broadcast to ${OTHER}`,
    });
    expect(other.shortlist).toBeUndefined();
    expect(received(OTHER, 'round.shortlist', orderA)).toEqual([]);
  });

  it('with matching down the round opens at once; the shortlists follow when it is back', async () => {
    await matching!.stop();
    matching = undefined;
    const orderB = await newOrder('cooperation');
    const first = await waitFor(() => received<OrderBroadcast>(147, 'round.order-broadcast', orderB)[0], {
      what: 'the round opened without matching',
    });
    expect(first.shortlist).toBeUndefined();

    matching = await platform.start('matching');
    for (const code of WITH_POOL) {
      const late = await waitFor(() => received<RoundShortlist>(code, 'round.shortlist', orderB)[0], { what: `late shortlist to ${code}` });
      expect(late.recipient).toBe(code);
      expectOwnCandidatesOnly(late.shortlist, code);
    }
    expect(received(OTHER, 'round.shortlist', orderB)).toEqual([]);
  }, 60_000);

  it('a candidate hired for one order is withdrawn from the other open round, and its lead is told', async () => {
    const orderC = await newOrder('cooperation');
    const roundOf = async (orderId: string) =>
      (await waitFor(() => received<OrderBroadcast>(147, 'round.order-broadcast', orderId)[0], { what: `round of ${orderId}` })).roundId;
    const [roundA, roundC] = [await roundOf(orderA), await roundOf(orderC)];
    const connector = createConnector({ url: jobcentreAmqpUrl(platform.world, 147), jobcentre: 147, logger: silentLogger }, {});
    connectors.push(connector);
    const proposed = [
      { candidateRef: 'k147-1', summary: 'Lagerarbejder, truckcertifikat' },
      { candidateRef: 'k147-2', summary: 'Lagerarbejder' },
    ];
    for (const [roundId, orderId] of [
      [roundA, orderA],
      [roundC, orderC],
    ] as const)
      await connector.reply({ roundId, orderId, answer: 'candidates', candidates: proposed });
    const roundView = async (id: string) =>
      (await request(broadcast.url).get(`/rounds/${id}`).set('authorization', `Bearer ${lead}`).expect(200)).body;
    const proposedIn = async (id: string) =>
      ((await roundView(id)).recipients as { jobcentre: number; candidates?: { candidateRef: string }[] }[])
        .find((r) => r.jobcentre === 147)
        ?.candidates?.map((c) => c.candidateRef);
    await waitFor(async () => (await proposedIn(roundA))?.length === 2 && (await proposedIn(roundC))?.length === 2, {
      what: 'both replies recorded',
    });

    const hired = await request(intake.url)
      .post(`/orders/${orderC}/hires`)
      .set('authorization', `Bearer ${lead}`)
      .send({ jobcentre: 147, candidateRef: 'k147-1', startDate: '2027-01-04', weeklyHours: 37 })
      .expect(201);
    expect(hired.body.hires).toEqual([expect.objectContaining({ jobcentre: 147, candidateRef: 'k147-1' })]);
    // A retried request is the same hire.
    await request(intake.url)
      .post(`/orders/${orderC}/hires`)
      .set('authorization', `Bearer ${lead}`)
      .send({ jobcentre: 147, candidateRef: 'k147-1', startDate: '2027-01-04', weeklyHours: 37 })
      .expect(200);

    const notice = await waitFor(() => received<CandidateWithdrawn>(LEAD, 'round.candidate-withdrawn', orderA)[0], {
      what: 'withdrawal notice to the lead',
    });
    expect(notice).toEqual({
      roundId: roundA,
      orderId: orderA,
      jobcentre: 147,
      candidateRef: 'k147-1',
      reason: 'hired-elsewhere',
      hiredFor: orderC,
    });
    expect(await proposedIn(roundA)).toEqual(['k147-2']);
    expect(await proposedIn(roundC)).toEqual(['k147-1', 'k147-2']);
    expect(received(LEAD, 'round.candidate-withdrawn', orderC)).toEqual([]);
  });

  it('hires are validated and only the lead may record them', async () => {
    const other = tokenFor({ role: 'jobcentre', sub: 'consultant-147', jobcentre: 147 });
    const orders = (await request(intake.url).get('/orders').set('authorization', `Bearer ${lead}`).expect(200)).body.orders;
    const id = orders[0].id;
    await request(intake.url)
      .post(`/orders/${id}/hires`)
      .set('authorization', `Bearer ${other}`)
      .send({ jobcentre: 147, candidateRef: 'x', startDate: '2027-01-04', weeklyHours: 37 })
      .expect(404);
    const bad = await request(intake.url)
      .post(`/orders/${id}/hires`)
      .set('authorization', `Bearer ${lead}`)
      .send({ jobcentre: 998, candidateRef: 'ø' })
      .expect(400);
    expect(bad.body.detail).toContain('body.jobcentre');
    expect(bad.body.detail).toContain('body.candidateRef');
    const full = await request(intake.url)
      .post(`/orders/${orderA}/hires`)
      .set('authorization', `Bearer ${lead}`)
      .send({ jobcentre: 151, candidateRef: 'k151-1', startDate: '2027-01-04', weeklyHours: 37 })
      .expect(201);
    expect(full.body.hires).toHaveLength(1);
    const refused = await request(intake.url)
      .post(`/orders/${orderA}/hires`)
      .set('authorization', `Bearer ${lead}`)
      .send({ jobcentre: 151, candidateRef: 'k151-2', startDate: '2027-01-04', weeklyHours: 37 })
      .expect(409);
    expect(refused.body.detail).toContain('all 1 positions are filled');
  });
});
