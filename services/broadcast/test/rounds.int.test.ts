import { silentLogger } from '@rs/bus';
import { type Connector, createConnector, type JobcentreHandlers } from '@rs/connector';
import { connectorRoutingKey, danishDay, EXCHANGES, jobcentreQueue, jobcentreUsername, makeEnvelope, QUEUES } from '@rs/contracts';
import { allJobcentres, cooperation, recipientsFor } from '@rs/reference-data';
import {
  anOrder,
  jobcentreAmqpUrl,
  jobcentreToken,
  provisionJobcentres,
  type RunningService,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import amqplib from 'amqplib';
import request from 'supertest';

/**
 * Broadcast rounds on real RabbitMQ, Redis and the MongoDB-wire server (issue 3): scopes,
 * sender identity, reminders and notices, withdrawal, R7, escalation, compliance.
 */
const LEAD = 101;
const HRS = cooperation('HRS')!.members;
const lead = jobcentreToken(LEAD);
const secretariat = tokenFor({ role: 'secretariat', sub: 'secretariat-hrs', cooperation: 'HRS' });

const order = (scope?: string) => anOrder({ positions: 2, ...(scope ? { broadcast: { scope } } : {}) });

describe('recipients by scope', () => {
  let platform: TestPlatform;
  let broadcast: RunningService;
  let intake: RunningService;

  beforeAll(async () => {
    platform = await testPlatform();
    broadcast = await platform.start('broadcast', { REPLY_WINDOW_MODE: 'clock' });
    intake = await platform.start('order-intake');
  }, 60_000);
  afterAll(() => platform.dispose());

  it('sends a cooperation, an East Denmark and a national round to exactly the jobcentres in scope, once each', async () => {
    for (const scope of ['cooperation', 'east-denmark', 'national'] as const) {
      const created = await request(intake.url).post('/orders').set('authorization', `Bearer ${lead}`).send(order()).expect(201);
      await waitFor(
        async () =>
          (await request(broadcast.url).post('/rounds').set('authorization', `Bearer ${lead}`).send({ orderId: created.body.id, scope }))
            .status === 201,
        {
          what: `a ${scope} round to open`,
        },
      );
    }
    // Computed independently from the municipalities: East Denmark is regions 1084 and 1085.
    const east = allJobcentres()
      .filter((j) => j.regionCode === 1084 || j.regionCode === 1085)
      .map((j) => j.code);
    expect(east).toHaveLength(44);
    // HRS's secretariat (Ballerup) also gets one round.secretariat-notice per round of an HRS lead.
    const notices = (code: number) => (code === cooperation('HRS')!.secretariatHost ? 3 : 0);
    const expected = (code: number) =>
      (code === LEAD ? 0 : 1) * ((HRS.includes(code) ? 1 : 0) + (east.includes(code) ? 1 : 0) + 1) + notices(code);
    const queues = allJobcentres().map((j) => jobcentreQueue(j.code));
    const want = new Map(allJobcentres().map((j) => [jobcentreQueue(j.code), expected(j.code)]));
    await waitFor(async () => JSON.stringify([...(await platform.bus.depths(queues))]) === JSON.stringify([...want]), {
      timeoutMs: 20_000,
      what: 'every jobcentre queue to hold exactly its rounds',
    });
    const total = [...want.values()].reduce((a, b) => a + b, 0);
    expect(total).toBe(15 + 43 + 95 + 3);
  }, 60_000);
});

describe('a round from opening to withdrawal', () => {
  let platform: TestPlatform;
  let broadcast: RunningService;
  let intake: RunningService;
  const connectors = new Map<number, Connector>();
  const inbox = new Map<number, Array<{ type: string; data: Record<string, unknown> }>>();

  function connect(code: number, onOrder?: (c: Connector, data: { roundId: string; orderId: string }) => Promise<void>) {
    const record = (type: string) => async (data: unknown) => {
      inbox.get(code)!.push({ type, data: data as Record<string, unknown> });
      if (type === 'round.order-broadcast' && onOrder) await onOrder(connectors.get(code)!, data as { roundId: string; orderId: string });
    };
    inbox.set(code, []);
    const handlers: JobcentreHandlers = {
      'round.order-broadcast': record('round.order-broadcast'),
      'round.reminder': record('round.reminder'),
      'round.withdrawn': record('round.withdrawn'),
      'round.reply-received': record('round.reply-received'),
      'round.overdue-notice': record('round.overdue-notice'),
      'round.reply-refused': record('round.reply-refused'),
    };
    connectors.set(code, createConnector({ url: jobcentreAmqpUrl(platform.world, code), jobcentre: code, logger: silentLogger }, handlers));
  }
  const received = (code: number, type: string) => inbox.get(code)!.filter((m) => m.type === type);

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: HRS });
    broadcast = await platform.start('broadcast', { REPLY_WINDOW_SECONDS: '5', REPLY_WINDOW_MODE: 'clock', REMINDER_OFFSETS_SECONDS: '3' });
    intake = await platform.start('order-intake');
    for (const code of HRS) connect(code);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([...connectors.values()].map((c) => c.stop()));
    await platform.dispose();
  });

  it('refuses a reply published with A’s credentials claiming to be B (the broker closes the channel)', async () => {
    const conn = await amqplib.connect(jobcentreAmqpUrl(platform.world, 147));
    const ch = await conn.createConfirmChannel();
    const closed = new Promise<string>((resolve) => ch.on('error', (err: Error) => resolve(err.message)));
    const envelope = makeEnvelope(
      'round.reply',
      { roundId: 'r-1', orderId: 'o', answer: 'none', candidates: [] },
      { id: 'spoof-1', time: new Date(), source: '/jobcentres/151' },
    );
    ch.publish(EXCHANGES.connectors, connectorRoutingKey(151, 'round.reply'), Buffer.from(JSON.stringify(envelope)), {
      userId: jobcentreUsername(151),
    });
    expect(await closed).toMatch(/ACCESS_REFUSED|PRECONDITION_FAILED/);
    await conn.close().catch(() => {});
  });

  it('notifies the lead of every reply and overdue, reminds the silent, refuses unfilled before R7 holds, and withdraws on close', async () => {
    const created = await request(intake.url).post('/orders').set('authorization', `Bearer ${lead}`).send(order('cooperation')).expect(201);
    const orderId: string = created.body.id;
    const recipients = recipientsFor('cooperation', LEAD);
    await waitFor(() => recipients.every((c) => received(c, 'round.order-broadcast').length === 1), { what: 'the broadcast' });
    const roundId = String(received(147, 'round.order-broadcast')[0]!.data.roundId);

    // 147 answers with a candidate and amends it; 151 answers "none"; everyone else stays silent.
    await connectors
      .get(147)!
      .reply({ roundId, orderId, answer: 'candidates', candidates: [{ candidateRef: 'c-147-1', summary: 'CE-chauffør' }] });
    await connectors.get(151)!.reply({ roundId, orderId, answer: 'none', candidates: [] });
    await waitFor(() => received(LEAD, 'round.reply-received').length === 2, { what: 'the lead to hear of both replies' });
    await connectors
      .get(147)!
      .reply({ roundId, orderId, answer: 'candidates', candidates: [{ candidateRef: 'c-147-2', summary: 'C-chauffør' }] });
    const amended = await waitFor(() => received(LEAD, 'round.reply-received').find((m) => m.data.amended === true), {
      what: 'the amendment',
    });
    expect(amended.data).toMatchObject({ recipient: 147, candidates: [{ candidateRef: 'c-147-2', summary: 'C-chauffør' }] });

    // A jobcentre that was never asked cannot answer (dead-lettered as not a recipient).
    await provisionJobcentres(platform.world, [201]);
    connect(201);
    await connectors.get(201)!.reply({ roundId, orderId, answer: 'none', candidates: [] });

    // Before the deadline the silent get a reminder; at the deadline they are overdue, reminded
    // again, and the lead gets an overdue notice for each.
    const silent = recipients.filter((c) => c !== 147 && c !== 151);
    await waitFor(() => silent.every((c) => received(c, 'round.reminder').some((m) => m.data.overdue === false)), { what: 'reminders' });
    expect(received(147, 'round.reminder')).toHaveLength(0);
    await waitFor(() => silent.every((c) => received(c, 'round.reminder').some((m) => m.data.overdue === true)), {
      timeoutMs: 20_000,
      what: 'overdue reminders',
    });
    await waitFor(() => received(LEAD, 'round.overdue-notice').length === silent.length, { what: 'overdue notices to the lead' });

    const round = await waitFor(
      async () => {
        const res = await request(broadcast.url).get(`/rounds/${roundId}`).set('authorization', `Bearer ${lead}`);
        return res.body.status === 'complete' ? res.body : undefined;
      },
      { what: 'the round to complete' },
    );
    expect(round.summary).toMatchObject({ replied: [147, 151], candidateCount: 1 });
    expect(round.proposedNextScope).toBeNull();

    // A recipient sees its own entry only; another jobcentre sees nothing.
    const own = await request(broadcast.url)
      .get(`/rounds/${roundId}`)
      .set('authorization', `Bearer ${tokenFor({ role: 'jobcentre', sub: 'c151', jobcentre: 151 })}`)
      .expect(200);
    expect(own.body.own.jobcentre).toBe(151);
    expect(own.body.recipients).toBeUndefined();
    await request(broadcast.url)
      .get(`/rounds/${roundId}`)
      .set('authorization', `Bearer ${tokenFor({ role: 'jobcentre', sub: 'c201', jobcentre: 201 })}`)
      .expect(404);

    // R7: not every jobcentre replied, so the order cannot be closed as unfilled.
    await waitFor(
      async () =>
        (await request(intake.url).get(`/orders/${orderId}`).set('authorization', `Bearer ${lead}`)).body.rounds?.[0]?.status ===
        'complete',
      {
        what: 'order-intake to see the round complete',
      },
    );
    const refused = await request(intake.url)
      .post(`/orders/${orderId}/close`)
      .set('authorization', `Bearer ${lead}`)
      .send({ outcome: 'unfilled' })
      .expect(409);
    expect(refused.body.detail).toMatch(/R7/);
    await request(intake.url)
      .post(`/orders/${orderId}/close`)
      .set('authorization', `Bearer ${tokenFor({ role: 'jobcentre', sub: 'c147', jobcentre: 147 })}`)
      .send({ outcome: 'filled' })
      .expect(404);
    await request(intake.url)
      .post(`/orders/${orderId}/close`)
      .set('authorization', `Bearer ${lead}`)
      .send({ outcome: 'filled' })
      .expect(200);

    // Closing withdraws the round from everyone who has not answered, and from nobody else.
    await waitFor(() => silent.every((c) => received(c, 'round.withdrawn').length === 1), { what: 'withdrawals' });
    expect(received(147, 'round.withdrawn')).toHaveLength(0);
    expect(received(151, 'round.withdrawn')).toHaveLength(0);
    const closed = await waitFor(
      async () => {
        const res = await request(broadcast.url).get(`/rounds/${roundId}`).set('authorization', `Bearer ${lead}`);
        return res.body.status === 'closed' ? res.body : undefined;
      },
      { what: 'the round to be closed' },
    );
    expect(closed.closeReason).toBe('filled');

    const dead = await waitFor(() => platform.bus.take(`${QUEUES.broadcastReplies}.dead-letter`), {
      what: 'the reply from a non-recipient to be dead-lettered',
    });
    expect(String(dead.properties.headers?.['x-rs-dead-letter-reason'])).toMatch(/^not-a-recipient/);
    // ...and 201 is told so on its own queue, with the id of its refused reply.
    const refusal = await waitFor(() => received(201, 'round.reply-refused')[0], { what: '201 to hear its reply was refused' });
    expect(refusal.data).toMatchObject({ recipient: 201, roundId, orderId, reason: 'not-a-recipient' });
    expect(String((refusal.data.message as { da: string }).da)).toMatch(/ikke modtager/);

    // A reply the schema refuses ("none" with a candidate) is told too, naming the field, not its value.
    const invalid = makeEnvelope(
      'round.reply',
      { roundId, orderId, answer: 'none', candidates: [] },
      {
        id: `invalid-${roundId}`,
        time: new Date(),
        source: '/jobcentres/151',
      },
    );
    await connectors.get(151)!.bus.publishRaw(
      EXCHANGES.connectors,
      connectorRoutingKey(151, 'round.reply'),
      Buffer.from(
        JSON.stringify({
          ...invalid,
          data: { ...(invalid.data as object), candidates: [{ candidateRef: 'c-151-9', summary: 'Secret' }] },
        }),
      ),
      { messageId: invalid.id, userId: jobcentreUsername(151), contentType: 'application/cloudevents+json' },
    );
    const invalidRefusal = await waitFor(() => received(151, 'round.reply-refused')[0], { what: '151 to hear its reply was invalid' });
    expect(invalidRefusal.data).toMatchObject({ refusedMessageId: invalid.id, roundId, reason: 'invalid-reply' });
    expect(String(invalidRefusal.data.detail)).toMatch(/candidates/);
    expect(String(invalidRefusal.data.detail)).not.toContain('Secret');
    expect(received(147, 'round.reply-refused')).toHaveLength(0);

    // Reply compliance (R11) for the period, as the HRS secretariat sees it.
    // The API's days are Danish days (Europe/Copenhagen), as a person in Denmark means them.
    const today = danishDay(new Date());
    const report = await request(broadcast.url)
      .get(`/compliance?from=${today}&to=${today}`)
      .set('authorization', `Bearer ${secretariat}`)
      .expect(200);
    const row = (code: number) => report.body.jobcentres.find((r: { jobcentre: number }) => r.jobcentre === code);
    expect(row(147)).toMatchObject({ received: 1, repliedInTime: 1, late: 0, never: 0 });
    expect(row(silent[0]!)).toMatchObject({ received: 1, repliedInTime: 0, never: 1 });
    expect(report.body.jobcentres.every((r: { jobcentre: number }) => HRS.includes(r.jobcentre))).toBe(true);
    await request(broadcast.url).get('/compliance?from=2026-13-01&to=x').set('authorization', `Bearer ${secretariat}`).expect(400);
  }, 90_000);

  it('proposes East Denmark when a round brings no candidates, and does not ask those who answered again', async () => {
    const created = await request(intake.url).post('/orders').set('authorization', `Bearer ${lead}`).send(order('cooperation')).expect(201);
    const orderId: string = created.body.id;
    const recipients = recipientsFor('cooperation', LEAD);
    await waitFor(() => recipients.every((c) => received(c, 'round.order-broadcast').some((m) => m.data.orderId === orderId)), {
      what: 'the broadcast',
    });
    const roundId = `${orderId}-1`;
    for (const code of recipients) await connectors.get(code)!.reply({ roundId, orderId, answer: 'none', candidates: [] });
    const round = await waitFor(
      async () => {
        const res = await request(broadcast.url).get(`/rounds/${roundId}`).set('authorization', `Bearer ${lead}`);
        return res.body.status === 'complete' ? res.body : undefined;
      },
      { what: 'the round to complete' },
    );
    expect(round.proposedNextScope).toBe('east-denmark');
    await waitFor(
      async () =>
        (await request(intake.url).get(`/orders/${orderId}`).set('authorization', `Bearer ${lead}`)).body.everyJobcentreSearched === true,
      {
        what: 'order-intake to know every HRS jobcentre answered',
      },
    );

    const wider = await request(broadcast.url)
      .post('/rounds')
      .set('authorization', `Bearer ${lead}`)
      .send({ orderId, scope: 'east-denmark' })
      .expect(201);
    const asked = wider.body.recipients.map((r: { jobcentre: number }) => r.jobcentre);
    expect(asked).toEqual(recipientsFor('east-denmark', LEAD, { exclude: recipients }));
    expect(asked).toHaveLength(43 - 15);
    await request(broadcast.url).post('/rounds').set('authorization', `Bearer ${lead}`).send({ orderId, scope: 'national' }).expect(409);
    // Now every HRS jobcentre has been searched, so "unfilled" is allowed (R7).
    await request(intake.url)
      .post(`/orders/${orderId}/close`)
      .set('authorization', `Bearer ${lead}`)
      .send({ outcome: 'unfilled' })
      .expect(200);
  }, 60_000);
});

describe('automatic escalation (a cooperation policy, R7)', () => {
  const policy = { REPLY_WINDOW_MODE: 'clock', REMINDER_OFFSETS_SECONDS: 'none', AUTO_ESCALATE_COOPERATIONS: 'HRS' };
  let platform: TestPlatform;
  let broadcast: RunningService;
  let intake: RunningService;
  const connectors: Connector[] = [];

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: HRS });
    broadcast = await platform.start('broadcast', policy);
    intake = await platform.start('order-intake');
  }, 60_000);
  afterAll(async () => {
    await Promise.all(connectors.map((c) => c.stop()));
    await platform.dispose();
  });

  it('opens East Denmark by itself when every HRS jobcentre answers "none", leaving out those who answered', async () => {
    for (const code of recipientsFor('cooperation', LEAD)) {
      const connector: Connector = createConnector(
        { url: jobcentreAmqpUrl(platform.world, code), jobcentre: code, logger: silentLogger },
        {
          'round.order-broadcast': async (o) =>
            void (await connector.reply({ roundId: o.roundId, orderId: o.orderId, answer: 'none', candidates: [] })),
        },
      );
      connectors.push(connector);
    }
    const created = await request(intake.url).post('/orders').set('authorization', `Bearer ${lead}`).send(order('cooperation')).expect(201);
    const second = await waitFor(
      async () => {
        const res = await request(broadcast.url).get(`/rounds/${created.body.id}-2`).set('authorization', `Bearer ${lead}`);
        return res.status === 200 ? res.body : undefined;
      },
      { timeoutMs: 20_000, what: 'the East Denmark round to open by itself' },
    );
    expect(second.scope).toBe('east-denmark');
    expect(second.recipients.map((r: { jobcentre: number }) => r.jobcentre)).toEqual(
      recipientsFor('east-denmark', LEAD, { exclude: recipientsFor('cooperation', LEAD) }),
    );
  }, 60_000);

  it('opens an escalation lost in a crash when broadcast starts again', async () => {
    // A broadcast without the policy completes the round and escalates nothing: the state a
    // crash between the completing write and the opening of the next round leaves behind.
    await broadcast.stop();
    broadcast = await platform.start('broadcast', { ...policy, AUTO_ESCALATE_COOPERATIONS: 'none' });
    const created = await request(intake.url).post('/orders').set('authorization', `Bearer ${lead}`).send(order('cooperation')).expect(201);
    const round = (n: number) => request(broadcast.url).get(`/rounds/${created.body.id}-${n}`).set('authorization', `Bearer ${lead}`);
    await waitFor(async () => (await round(1)).body.status === 'complete', { timeoutMs: 20_000, what: 'the first round complete' });
    await round(2).expect(404);

    await broadcast.stop();
    broadcast = await platform.start('broadcast', policy);
    const second = await round(2).expect(200);
    expect(second.body.scope).toBe('east-denmark');
    // Started once more: the successor that exists is left as it is.
    await broadcast.stop();
    broadcast = await platform.start('broadcast', policy);
    const again = await round(2).expect(200);
    expect(again.body.openedAt).toBe(second.body.openedAt);
    await round(3).expect(404);
  }, 90_000);
});
