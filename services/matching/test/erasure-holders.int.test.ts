import { type Bus, connectBus, silentLogger } from '@rs/bus';
import { type Connector, createConnector, cvPublisher, seatRequests } from '@rs/connector';
import { randomUUID } from 'node:crypto';
import { courseSummaryExample, erasedRef, isErasedRef, makeEnvelope, type PayloadOf, routeOf, type SharedCv } from '@rs/contracts';
import {
  jobcentreAmqpUrl,
  jobcentreToken,
  poolFilled,
  type RunningService,
  type StoreScan,
  storeScan,
  type TestPlatform,
  testPlatform,
  waitFor,
} from '@rs/testkit';
import request from 'supertest';

/**
 * Issue 17 part 6, the holders beyond broadcast (broadcast's own copies: services/broadcast/test/
 * erasure.int.test.ts): a candidate of Frederiksberg (147) is asked about by Tårnby (185) —
 * matching's candidate_inquiries —, named in 147's seat request for København's (101) course —
 * upskilling-seat's courses —, and hired and a course participant in reporting's facts. Withdrawn
 * by 147, no store of matching, upskilling-seat or reporting names it any more (matching's read
 * log and change log apart, kept by purpose); the seats, the participant and the hire still count
 * under the erased marker, and another candidate is untouched.
 */
const GONE = 'erase-me-0077';
const KEPT = 'keep-me-0078';
const SERVICES = ['matching', 'upskilling-seat', 'reporting'] as const;

const cv = (ref: string): SharedCv => ({
  candidateRef: ref,
  revision: new Date().toISOString(),
  headline: 'Lagerarbejder',
  occupations: [{ code: '9321', years: 3 }],
  skills: ['lager'],
  certificates: ['forklift'],
  languages: [{ code: 'da', level: 'C1' }],
  municipality: 147,
  summary: { da: 'Lagerarbejder' },
  visibility: { searchable: true },
});

describe("a withdrawn candidate leaves matching's inquiries, upskilling-seat's seat requests and reporting's facts", () => {
  let platform: TestPlatform;
  let matching: RunningService;
  let upskilling: RunningService;
  let bus147: Bus;
  let connector147: Connector;
  let stores: StoreScan;
  const holders = (ref: string) => stores.holders(ref);

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [101, 147, 185] });
    matching = await platform.start('matching');
    upskilling = await platform.start('upskilling-seat');
    await platform.start('reporting');
    bus147 = connectBus({ url: jobcentreAmqpUrl(platform.world, 147), name: 'cv-147', logger: silentLogger });
    connector147 = createConnector({ url: jobcentreAmqpUrl(platform.world, 147), jobcentre: 147, logger: silentLogger }, {});
    stores = await storeScan(platform.world, SERVICES);
  }, 90_000);
  afterAll(async () => {
    await stores?.close();
    await connector147?.stop();
    await bus147?.close();
    await platform?.dispose();
  });

  const event = async <N extends 'order.candidate-hired' | 'course.outcome-recorded'>(name: N, data: PayloadOf<N>) => {
    const { exchange, routingKey } = routeOf(name);
    await platform.bus.publish(exchange, routingKey, makeEnvelope(name, data, { id: randomUUID(), time: new Date(), source: '/test' }));
  };

  it('erases every copy and keeps the counts', async () => {
    await cvPublisher(bus147, 147).upsertCvs([cv(GONE), cv(KEPT)]);
    await poolFilled(matching, 147, 2);
    for (const ref of [GONE, KEPT])
      await request(matching.url)
        .post('/candidate-inquiries')
        .set('authorization', `Bearer ${jobcentreToken(185)}`)
        .send({ jobcentre: 147, candidateRef: ref, company: 'Dragør Lager ApS', question: `Kan ${ref} starte 1. januar?` })
        .expect(201);

    const opened = await request(upskilling.url)
      .post('/courses')
      .set('authorization', `Bearer ${jobcentreToken(101)}`)
      .send({
        ...courseSummaryExample,
        seats: 4,
        pricePerSeatDkk: 10_000,
        startDate: '2030-01-07',
        endDate: '2030-01-18',
        windowClosesAt: new Date(Date.now() + 3600_000).toISOString(),
      })
      .expect(201);
    const courseId: string = opened.body.id;
    await seatRequests(connector147).request({ courseId, seats: 3, candidates: [GONE, KEPT] });

    await event('order.candidate-hired', {
      orderId: 'order-erasure-1',
      jobcentre: 147,
      candidateRef: GONE,
      hiredAt: new Date().toISOString(),
    });
    await event('course.outcome-recorded', {
      courseId,
      cooperation: 'HRS',
      version: 3,
      jobcentre: 147,
      candidateRef: GONE,
      status: 'completed',
      hiredOn: null,
      orderId: null,
      recordedAt: new Date().toISOString(),
    });
    const before = await waitFor(
      async () => {
        const where = await holders(GONE);
        return ['matching.candidate_inquiries', 'upskilling-seat.courses', 'reporting.facts'].every((h) => where.includes(h)) && where;
      },
      { what: 'the candidate in the inquiries, the seat request and the facts', timeoutMs: 30_000 },
    );
    expect(before).toEqual(expect.arrayContaining(['matching.candidate_pool']));
    const factCount = () =>
      stores
        .db('reporting')
        .collection('facts')
        .countDocuments({ kind: { $in: ['hire', 'participant'] } });
    expect(await factCount()).toBe(2);

    await cvPublisher(bus147, 147).withdrawCvs([GONE]);

    // Kept by purpose (services/broadcast/test/erasure.int.test.ts): the read log and matching's change log.
    const byPurpose = ['matching.candidate_reads', 'matching.pool_changes', 'matching.rankings'];
    let where: string[] = [];
    await waitFor(
      async () => {
        where = await holders(GONE);
        return where.every((h) => byPurpose.includes(h));
      },
      { what: 'every copy of the withdrawn candidate gone', timeoutMs: 60_000 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; still in ${where.join(', ')}`);
    });

    // The counts stay: two facts, under the marker; the seat request still asks 3 seats and names two.
    expect(await factCount()).toBe(2);
    const facts = await stores
      .db('reporting')
      .collection('facts')
      .find({ kind: { $in: ['hire', 'participant'] } })
      .toArray();
    expect(facts.map((f) => (f.fact as { candidateRef: string }).candidateRef)).toEqual([erasedRef(147, GONE), erasedRef(147, GONE)]);
    const course = await stores
      .db('upskilling-seat')
      .collection('courses')
      .findOne({ _id: courseId as never });
    const req147 = (
      (course?.requests ?? []) as Array<{ jobcentre: number; seats: number; candidates: Array<{ candidateRef: string }> }>
    ).find((r) => r.jobcentre === 147);
    expect(req147?.seats).toBe(3);
    expect(req147?.candidates.map((k) => k.candidateRef)).toEqual([erasedRef(147, GONE), KEPT]);
    expect(isErasedRef(req147!.candidates[0]!.candidateRef)).toBe(true);

    // The other candidate's inquiry stays, and reads as before.
    expect(await holders(KEPT)).toEqual(expect.arrayContaining(['matching.candidate_inquiries', 'upskilling-seat.courses']));
    const sent = await request(matching.url)
      .get('/jobcentres/185/candidate-inquiries')
      .query({ direction: 'sent' })
      .set('authorization', `Bearer ${jobcentreToken(185)}`)
      .expect(200);
    expect(sent.body.inquiries.map((i: { candidateRef: string }) => i.candidateRef)).toEqual([KEPT]);
  }, 150_000);
});
