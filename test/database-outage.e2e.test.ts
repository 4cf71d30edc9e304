import { silentLogger } from '@rs/bus';
import { type Connector, createConnector } from '@rs/connector';
import { deadLetterQueue, jobcentreUsername, type OrderBroadcast, QUEUES, type ReplyReceived } from '@rs/contracts';
import { cooperation } from '@rs/reference-data';
import {
  createTestWorld,
  type PrivateFerretDB,
  privateFerretDB,
  provisionJobcentres,
  type RunningService,
  settledCount as settled,
  startService,
  type TestBus,
  type TestWorld,
  testBus,
  testPassword,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import request from 'supertest';

/**
 * Issue 14's outage: the MongoDB-wire server (a PRIVATE FerretDB on its own port, never the
 * shared one) is killed for 60 s while orders and replies flow between broadcast and
 * order-intake (real processes). Their consumers retry through the delay queues (delays
 * shortened by RETRY_DELAYS_SECONDS); after the server returns every order and reply is applied
 * exactly once and nothing is dead-lettered.
 */
const OUTAGE_MS = 60_000;
const LEAD = 101;
const REPLIERS = cooperation('HRS')!
  .members.filter((c) => c !== LEAD)
  .slice(0, 3);
const lead = tokenFor({ role: 'jobcentre', sub: 'consultant-101', jobcentre: LEAD });

const orderBody = (title: string) => ({
  company: { name: 'Hospice Sundby', municipality: LEAD },
  title,
  occupation: '5321',
  positions: 1,
  broadcast: { scope: 'cooperation' },
});

describe('a 60 s database outage while orders and replies flow', () => {
  let world: TestWorld;
  let ferret: PrivateFerretDB;
  let bus: TestBus;
  let broadcast: RunningService;
  let intake: RunningService;
  const connectors = new Map<number, Connector>();
  const broadcasts = new Map<number, OrderBroadcast[]>();
  const atLead: ReplyReceived[] = [];

  beforeAll(async () => {
    ferret = await privateFerretDB();
    world = await createTestWorld();
    bus = testBus(world);
    await provisionJobcentres(world, [LEAD, ...REPLIERS]);
    // A budget far beyond the outage, delays short enough to see the return within seconds.
    const env = { MONGO_URL: ferret.url, RETRY_DELAYS_SECONDS: '1,2,5', RETRY_MAX_SECONDS: '600', REPLY_WINDOW_MODE: 'clock' };
    broadcast = await startService(world, 'broadcast', env);
    intake = await startService(world, 'order-intake', env);
    for (const code of [LEAD, ...REPLIERS]) {
      broadcasts.set(code, []);
      connectors.set(
        code,
        createConnector(
          { url: world.amqpUrlFor(jobcentreUsername(code), testPassword(code)), jobcentre: code, logger: silentLogger },
          {
            'round.order-broadcast': async (order) => void broadcasts.get(code)!.push(order),
            'round.reply-received': async (reply) => void atLead.push(reply),
          },
        ),
      );
    }
  }, 90_000);
  afterAll(async () => {
    await Promise.all([...connectors.values()].map((c) => c.stop()));
    await Promise.all([broadcast?.stop(), intake?.stop()]);
    await bus?.close();
    await ferret?.dispose();
    await world?.dispose();
  });

  it('applies every order and reply once after the server returns, and dead-letters none', async () => {
    const first = await request(intake.url).post('/orders').set('authorization', `Bearer ${lead}`).send(orderBody('Nattevagt')).expect(201);
    await waitFor(() => REPLIERS.every((c) => broadcasts.get(c)!.length === 1), { what: 'the first order at every replier' });
    const roundA = broadcasts.get(REPLIERS[0]!)![0]!.roundId;

    // The second order is accepted, and the database dies before broadcast can open its round.
    const second = await request(intake.url).post('/orders').set('authorization', `Bearer ${lead}`).send(orderBody('Dagvagt')).expect(201);
    const eventRetriesBefore = await settled(broadcast, QUEUES.broadcastEvents, 'retry');
    await ferret.kill();
    const downAt = Date.now();

    // Replies to the first round arrive while nothing can be stored.
    for (const code of REPLIERS) {
      await connectors.get(code)!.reply({
        roundId: roundA,
        orderId: first.body.id,
        answer: 'candidates',
        candidates: [{ candidateRef: `c-${code}-1`, summary: 'Erfaren SOSU-assistent' }],
      });
    }
    await waitFor(async () => (await settled(broadcast, QUEUES.broadcastReplies, 'retry')) >= REPLIERS.length, {
      // Each attempt waits out the driver's server selection (5 s), and one round's replies take turns.
      timeoutMs: 45_000,
      what: 'the replies retried while the database is down',
    });
    // The outage itself: the one wait on the clock in this test.
    await waitFor(() => Date.now() - downAt >= OUTAGE_MS, { timeoutMs: OUTAGE_MS + 5_000, intervalMs: 500, what: 'a 60 s outage' });
    expect(await settled(broadcast, QUEUES.broadcastReplies, 'dead-letter')).toBe(0);
    // The second order's order.registered reached broadcast during the outage and was retried:
    // the order path really went through it, not only the replies.
    await waitFor(async () => (await settled(broadcast, QUEUES.broadcastEvents, 'retry')) > eventRetriesBefore, {
      timeoutMs: 10_000,
      what: 'broadcast.events retried during the outage',
    });
    await ferret.start();

    // Back: the second order's round opens and reaches every replier; the replies are recorded.
    await waitFor(() => REPLIERS.every((c) => broadcasts.get(c)!.some((o) => o.orderId === second.body.id)), {
      timeoutMs: 60_000,
      what: 'the second order broadcast after the outage',
    });
    const orderA = await waitFor(
      async () => {
        const res = await request(intake.url).get(`/orders/${first.body.id}`).set('authorization', `Bearer ${lead}`);
        return res.body.rounds?.[0]?.replied?.length === REPLIERS.length ? res.body : undefined;
      },
      { timeoutMs: 60_000, what: 'order-intake to see the three replies' },
    );
    expect(orderA.rounds[0].candidateCount).toBe(REPLIERS.length);
    const round = await request(broadcast.url).get(`/rounds/${roundA}`).set('authorization', `Bearer ${lead}`).expect(200);
    expect(
      round.body.recipients
        .filter((r: { jobcentre: number; status: string }) => REPLIERS.includes(r.jobcentre))
        .map((r: { status: string }) => r.status),
    ).toEqual(REPLIERS.map(() => 'replied'));
    await waitFor(() => atLead.filter((r) => r.roundId === roundA).length >= REPLIERS.length, { what: 'the lead told of each reply' });

    // Once each: one broadcast per order per replier, one notice per reply, and no dead letter anywhere.
    for (const code of REPLIERS) {
      expect(
        broadcasts
          .get(code)!
          .map((o) => o.orderId)
          .sort(),
      ).toEqual([first.body.id, second.body.id].sort());
    }
    expect(
      atLead
        .filter((r) => r.roundId === roundA)
        .map((r) => r.recipient)
        .sort(),
    ).toEqual([...REPLIERS].sort());
    for (const queue of [QUEUES.broadcastReplies, QUEUES.broadcastEvents, QUEUES.orderIntakeEvents]) {
      expect(await bus.depth(deadLetterQueue(queue))).toBe(0);
    }
    expect(await settled(broadcast, QUEUES.broadcastReplies, 'dead-letter')).toBe(0);
    expect(await settled(intake, QUEUES.orderIntakeEvents, 'dead-letter')).toBe(0);
  }, 180_000);
});
