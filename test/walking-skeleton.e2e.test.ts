import { silentLogger } from '@rs/bus';
import { type Connector, createConnector } from '@rs/connector';
import {
  connectorRoutingKey,
  DEAD_LETTER_REASON_HEADER,
  EXCHANGES,
  jobcentreQueue,
  jobcentreUsername,
  makeEnvelope,
  type OrderBroadcast,
  QUEUES,
} from '@rs/contracts';
import { allJobcentres, cooperation } from '@rs/reference-data';
import {
  createTestWorld,
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  serviceEnv,
  settledCount,
  spawnService,
  type TestPlatform,
  type TestWorld,
  testPlatform,
  waitFor,
} from '@rs/testkit';
import amqplib from 'amqplib';
import request from 'supertest';

/**
 * The walking skeleton on real RabbitMQ, Redis and a MongoDB-wire server, every service a real
 * process: one HRS order from POST /orders to the 15 other HRS jobcentre queues and back.
 */
const LEAD = 101;
const HRS = cooperation('HRS')!.members;
const RECIPIENTS = HRS.filter((c) => c !== LEAD);
const SILENT = RECIPIENTS.slice(0, 2);
const NONE = RECIPIENTS.slice(2, 7);
const WINDOW_SECONDS = 6;

interface Inbox {
  connector: Connector;
  duplicates: string[];
  handled: OrderBroadcast[];
}

async function startConnectors(world: TestWorld, answer: boolean): Promise<Map<number, Inbox>> {
  const inboxes = new Map<number, Inbox>();
  for (const code of RECIPIENTS) {
    const inbox: Inbox = { duplicates: [], handled: [], connector: undefined as never };
    inbox.connector = createConnector(
      {
        url: jobcentreAmqpUrl(world, code),
        jobcentre: code,
        logger: silentLogger,
        onDuplicate: (id) => inbox.duplicates.push(id),
      },
      {
        'round.order-broadcast': async (order) => {
          inbox.handled.push(order);
          if (!answer || SILENT.includes(code)) return;
          const none = NONE.includes(code);
          await inbox.connector.reply({
            roundId: order.roundId,
            orderId: order.orderId,
            answer: none ? 'none' : 'candidates',
            candidates: none ? [] : [{ candidateRef: `c-${code}-1`, summary: 'Erfaren SOSU-assistent' }],
          });
        },
      },
    );
    inboxes.set(code, inbox);
  }
  return inboxes;
}

const orderBody = {
  company: { name: 'Plejecenter Sundby', municipality: 101 },
  title: 'Social- og sundhedsassistent',
  occupation: '5321',
  positions: 3,
  description: 'Dagvagter',
  broadcast: { scope: 'cooperation' },
};

describe('walking skeleton: order → every HRS jobcentre → replies → round complete', () => {
  let platform: TestPlatform;
  const services: RunningService[] = [];
  let inboxes: Map<number, Inbox>;
  let orderIntake: RunningService;
  let broadcast: RunningService;
  const lead = jobcentreToken(LEAD);

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: RECIPIENTS });
    broadcast = await platform.start('broadcast', { REPLY_WINDOW_SECONDS: String(WINDOW_SECONDS), REPLY_WINDOW_MODE: 'clock' });
    orderIntake = await platform.start('order-intake');
    services.push(broadcast, orderIntake, await platform.start('matching'), await platform.start('upskilling-seat'));
    inboxes = await startConnectors(platform.world, true);
  }, 90_000);

  afterAll(async () => {
    await Promise.all([...(inboxes?.values() ?? [])].map((i) => i.connector.stop()));
    await platform.dispose();
  });

  it('reaches exactly the 15 other HRS queues once each; 13 reply, 2 turn overdue; the round completes', async () => {
    const created = await request(orderIntake.url).post('/orders').set('authorization', `Bearer ${lead}`).send(orderBody).expect(201);
    const orderId: string = created.body.id;
    expect(created.body).toMatchObject({ leadJobcentre: LEAD, cooperation: 'HRS' });

    await waitFor(() => [...inboxes.values()].every((i) => i.handled.length === 1), { what: 'all 15 recipients to get the order' }).catch(
      (e) => {
        throw new Error(`${e.message}\n${broadcast.output().slice(-4000)}\n${orderIntake.output().slice(-3000)}`);
      },
    );
    for (const inbox of inboxes.values()) expect(inbox.handled.map((o) => o.orderId)).toEqual([orderId]);
    // Nobody else was asked: a jobcentre outside HRS has an empty queue.
    const outsider = allJobcentres().find((j) => !HRS.includes(j.code))!.code;
    expect(await platform.bus.depth(jobcentreQueue(outsider))).toBe(0);

    const order = await waitFor(
      async () => {
        const res = await request(orderIntake.url).get(`/orders/${orderId}`).set('authorization', `Bearer ${lead}`);
        return res.body.rounds?.[0]?.status === 'complete' ? res.body : undefined;
      },
      { timeoutMs: 30_000, what: 'order-intake to see the round complete' },
    );
    const round = order.rounds[0];
    expect(round.recipients).toEqual([...RECIPIENTS].sort((a, b) => a - b));
    expect(round.replied).toHaveLength(13);
    expect(round.overdue).toEqual([...SILENT].sort((a, b) => a - b));
    expect(round.candidateCount).toBe(13 - NONE.length);
    expect(order.everyJobcentreSearched).toBe(false);

    // The round as broadcast holds it.
    const roundId: string = round.roundId;
    const stored = await request(broadcast.url).get(`/rounds/${roundId}`).set('authorization', `Bearer ${lead}`).expect(200);
    expect(stored.body.status).toBe('complete');
    expect(stored.body.summary).toMatchObject({ overdue: [...SILENT].sort((a, b) => a - b), pending: [] });

    // The same reply re-sent (three copies of one message id) changes nothing.
    const replier = RECIPIENTS.find((c) => !SILENT.includes(c) && !NONE.includes(c))!;
    const bus = inboxes.get(replier)!.connector;
    const acked = await settledCount(broadcast, QUEUES.broadcastReplies, 'ack');
    const again = makeEnvelope(
      'round.reply',
      { roundId, orderId, answer: 'candidates', candidates: [{ candidateRef: `c-${replier}-1`, summary: 'Erfaren SOSU-assistent' }] },
      { id: 'duplicate-reply-1', time: new Date(), source: `/jobcentres/${replier}` },
    );
    for (let i = 0; i < 3; i++) {
      await bus.bus.publish(EXCHANGES.connectors, connectorRoutingKey(replier, 'round.reply'), again, {
        userId: jobcentreUsername(replier),
      });
    }
    await waitFor(async () => (await settledCount(broadcast, QUEUES.broadcastReplies, 'ack')) >= acked + 3, {
      what: 'the three copies to be consumed',
    });
    const after = await request(broadcast.url).get(`/rounds/${roundId}`).set('authorization', `Bearer ${lead}`).expect(200);
    expect(after.body.recipients).toEqual(stored.body.recipients);

    // A malformed message goes to the dead-letter queue with its reason; the consumer keeps going:
    // the silent jobcentre's late reply after it is still recorded (as late).
    const late = SILENT[0]!;
    const conn = await amqplib.connect(jobcentreAmqpUrl(platform.world, late));
    const ch = await conn.createConfirmChannel();
    ch.publish(EXCHANGES.connectors, connectorRoutingKey(late, 'round.reply'), Buffer.from('{not json'), {
      userId: jobcentreUsername(late),
    });
    await ch.waitForConfirms();
    await conn.close();
    await inboxes.get(late)!.connector.reply({ roundId, orderId, answer: 'none', candidates: [] });

    const deadLetter = await waitFor(() => platform.bus.take(`${QUEUES.broadcastReplies}.dead-letter`), {
      what: 'the malformed reply in the dead-letter queue',
    });
    expect(deadLetter.content.toString()).toBe('{not json');
    expect(String(deadLetter.properties.headers?.[DEAD_LETTER_REASON_HEADER])).toMatch(/^bad-json/);

    const recorded = await waitFor(
      async () => {
        const res = await request(broadcast.url).get(`/rounds/${roundId}`).set('authorization', `Bearer ${lead}`);
        const entry = res.body.recipients?.find((r: { jobcentre: number }) => r.jobcentre === late);
        return entry?.status === 'replied' ? entry : undefined;
      },
      { what: 'the late reply to be recorded' },
    );
    expect(recorded.late).toBe(true);
  }, 90_000);

  it('refuses to show an order to another jobcentre, and refuses callers without a token', async () => {
    const created = await request(orderIntake.url)
      .post('/orders')
      .set('authorization', `Bearer ${lead}`)
      .send({ ...orderBody, broadcast: undefined })
      .expect(201);
    const other = jobcentreToken(147);
    await request(orderIntake.url).get(`/orders/${created.body.id}`).set('authorization', `Bearer ${other}`).expect(404);
    await request(orderIntake.url).get(`/orders/${created.body.id}`).expect(401);
  });

  it('reports health and readiness of every service, and every service exits cleanly on SIGTERM', async () => {
    // Each service is asked only about the servers it needs to serve: Redis holds broadcast's
    // timers; order-intake and matching use it only for the HTTP edge, which carries on without it.
    for (const service of services) {
      await request(service.url).get('/healthz').expect(200);
      const ready = await request(service.url).get('/readyz').expect(200);
      // broadcast and upskilling-seat keep timers in Redis, so it is part of their readiness.
      const redis = service.name === 'broadcast' || service.name === 'upskilling-seat' ? { redis: true } : {};
      expect(ready.body.checks).toEqual({ database: true, broker: true, ...redis });
    }
    const [, , matching, upskilling] = services;
    expect(await matching!.stop()).toBe(0);
    expect(await upskilling!.stop()).toBe(0);
  });

  it('rejects a bad order naming the fields, and stores nothing', async () => {
    const before = await request(orderIntake.url).get('/orders').set('authorization', `Bearer ${lead}`).expect(200);
    const res = await request(orderIntake.url)
      .post('/orders')
      .set('authorization', `Bearer ${lead}`)
      .send({ ...orderBody, positions: 0, company: { name: '', municipality: 101 } })
      .expect(400);
    expect(res.body.detail).toContain('body.positions');
    expect(res.body.detail).toContain('body.company.name');
    const after = await request(orderIntake.url).get('/orders').set('authorization', `Bearer ${lead}`).expect(200);
    expect(after.body.orders).toHaveLength(before.body.orders.length);
  });

  it('refuses a cooperation round for a lead in no cooperation (Allerød), and stores nothing', async () => {
    const allerod = jobcentreToken(201);
    const res = await request(orderIntake.url)
      .post('/orders')
      .set('authorization', `Bearer ${allerod}`)
      .send({ ...orderBody, company: { name: 'Allerød Tømrer', municipality: 201 }, broadcast: { scope: 'cooperation' } })
      .expect(422);
    expect(res.body.detail).toContain('body.broadcast.scope');
    const listed = await request(orderIntake.url).get('/orders').set('authorization', `Bearer ${allerod}`).expect(200);
    expect(listed.body.orders).toHaveLength(0);
    await request(orderIntake.url)
      .post('/orders')
      .set('authorization', `Bearer ${allerod}`)
      .send({ ...orderBody, company: { name: 'Allerød Tømrer', municipality: 201 }, broadcast: { scope: 'east-denmark' } })
      .expect(201);
  });
});

describe('configuration', () => {
  it('refuses to start with a clear message naming every bad variable, never its value', async () => {
    const world = await createTestWorld();
    try {
      const service = await spawnService(
        'order-intake',
        { ...serviceEnv(world, 'order-intake'), OIDC_ISSUER: 'too-short', PORT: 'eighty' },
        { waitReady: false },
      );
      expect(await service.exited).toBe(1);
      expect(service.output()).toMatch(/OIDC_ISSUER: must be a http: or https: URL/);
      expect(service.output()).toMatch(/PORT:/);
      expect(service.output()).not.toContain('too-short');
    } finally {
      await world.dispose();
    }
  });
});

describe('broadcast killed (SIGKILL) in the middle of a fan-out', () => {
  let platform: TestPlatform;
  let inboxes: Map<number, Inbox>;

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: RECIPIENTS });
  });

  afterAll(async () => {
    await Promise.all([...(inboxes?.values() ?? [])].map((i) => i.connector.stop()));
    await platform.dispose();
  });

  it('still delivers the order to every recipient once, and every deadline still fires', async () => {
    const window = { REPLY_WINDOW_SECONDS: '3', REPLY_WINDOW_MODE: 'clock' };
    // Dies after 6 confirmed publishes: the round.opened event and some of the 15 recipient messages.
    const doomed = await platform.start('broadcast', { ...window, FAILPOINT_KILL_AFTER_PUBLISHES: '6' });
    const orderIntake = await platform.start('order-intake');
    inboxes = await startConnectors(platform.world, false);
    const lead = jobcentreToken(LEAD);
    const created = await request(orderIntake.url).post('/orders').set('authorization', `Bearer ${lead}`).send(orderBody).expect(201);

    await doomed.exited;
    expect(doomed.process.signalCode).toBe('SIGKILL');
    const reachedBeforeKill = () => [...inboxes.values()].filter((i) => i.handled.length > 0);
    await waitFor(() => reachedBeforeKill().length === 5, { what: 'the 5 recipients published to before the kill' });

    await platform.start('broadcast', window);
    await waitFor(() => [...inboxes.values()].every((i) => i.handled.length >= 1), { what: 'every recipient to get the order' });

    // Nobody answers, so every recipient's deadline must fire: all 15 overdue, the round complete.
    const order = await waitFor(
      async () => {
        const res = await request(orderIntake.url).get(`/orders/${created.body.id}`).set('authorization', `Bearer ${lead}`);
        return res.body.rounds?.[0]?.status === 'complete' ? res.body : undefined;
      },
      { timeoutMs: 30_000, what: 'the round to complete after the restart' },
    );
    expect(order.rounds[0].overdue).toEqual([...RECIPIENTS].sort((a, b) => a - b));
    // Redelivered copies carried the same message id: each connector handled the order once.
    for (const inbox of inboxes.values()) expect(inbox.handled).toHaveLength(1);
    await waitFor(() => [...inboxes.values()].reduce((n, i) => n + i.duplicates.length, 0) === 5, {
      what: 'the 5 re-sent copies to be recognised as duplicates',
    });
  }, 90_000);
});
