import { type Bus, connectBus, silentLogger } from '@rs/bus';
import { cvPublisher } from '@rs/connector';
import {
  connectorRoutingKey,
  DEAD_LETTER_REASON_HEADER,
  deadLetterQueue,
  EXCHANGES,
  type InquiryAnswered,
  type InquiryAnswerRefused,
  inquiryAnswerExample,
  jobcentreQueue,
  jobcentreUsername,
  makeEnvelope,
  QUEUES,
  routeOf,
  type SharedCv,
} from '@rs/contracts';
import {
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  settledCount,
  type TestPlatform,
  testPlatform,
  type Watch,
  waitFor,
} from '@rs/testkit';
import amqplib from 'amqplib';
import mongoose from 'mongoose';
import request from 'supertest';

/**
 * Answers to inquiries on real servers: Tårnby (185) asks København (101) about its candidates;
 * København answers by connector (ten copies of one answer, and more copies under new ids, record
 * one answer and tell Tårnby once) and by its consultant on the API (same once-only rule, through
 * the idempotency key and the unique insert). Hvidovre (167) cannot answer København's inquiry
 * (refused, dead-lettered and told), cannot pose as København (the broker closes its channel), a
 * poison answer is dead-lettered with its reason, and an erased candidate takes its answer along.
 */
const cv = (ref: string): SharedCv => ({
  candidateRef: ref,
  revision: new Date().toISOString(),
  headline: 'Lagerarbejder',
  occupations: [{ code: '9321', years: 3 }],
  skills: ['lager'],
  languages: [{ code: 'da', level: 'C1' }],
  municipality: 101,
  summary: { da: 'Lagerarbejder' },
  visibility: { searchable: true },
});

const DEAD = deadLetterQueue(QUEUES.matchingInquiryAnswers);

describe('answers to inquiries about a candidate', () => {
  let platform: TestPlatform;
  let matching: RunningService;
  let bus101: Bus;
  let bus167: Bus;
  let queue185: Watch;
  let queue101: Watch;
  let queue167: Watch;

  const ask = async (ref: string): Promise<string> => {
    const res = await request(matching.url)
      .post('/candidate-inquiries')
      .set('authorization', `Bearer ${jobcentreToken(185)}`)
      .send({ jobcentre: 101, candidateRef: ref, question: 'Kan kandidaten starte 4. januar?' })
      .expect(201);
    return res.body.inquiryId as string;
  };
  const list = (code: number, direction: 'sent' | 'received') =>
    request(matching.url)
      .get(`/jobcentres/${code}/candidate-inquiries`)
      .query({ direction })
      .set('authorization', `Bearer ${jobcentreToken(code)}`)
      .expect(200);
  /** Publishes as `code`'s connector, with a given envelope id (a re-sent copy keeps its id). */
  const publishAnswer = (bus: Bus, code: number, data: unknown, id: string) =>
    bus.publish(
      EXCHANGES.connectors,
      connectorRoutingKey(code, 'pool.inquiry-answer'),
      // The envelope made from a valid example, then given `data` as is: a poison answer must reach the wire.
      { ...makeEnvelope('pool.inquiry-answer', inquiryAnswerExample, { id, time: new Date(), source: `/jobcentres/${code}` }), data },
      { userId: jobcentreUsername(code) },
    );
  const deadReasons = async (count: number): Promise<string[]> => {
    const reasons: string[] = [];
    while (reasons.length < count) {
      const message = await waitFor(() => platform.bus.take(DEAD), { what: `dead letter ${reasons.length + 1} of ${count}` });
      reasons.push(String(message.properties.headers?.[DEAD_LETTER_REASON_HEADER] ?? ''));
    }
    return reasons;
  };

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [101, 167, 185] });
    matching = await platform.start('matching');
    bus101 = connectBus({ url: jobcentreAmqpUrl(platform.world, 101), name: 'test-101', logger: silentLogger });
    bus167 = connectBus({ url: jobcentreAmqpUrl(platform.world, 167), name: 'test-167', logger: silentLogger });
    await cvPublisher(bus101, 101).upsertCvs([cv('k-1'), cv('k-2'), cv('k-3')]);
    await waitFor(
      async () =>
        (
          await request(matching.url)
            .get('/jobcentres/101/pool')
            .set('authorization', `Bearer ${jobcentreToken(101)}`)
        ).body.candidates === 3,
      { what: "101's CVs in the pool" },
    );
    queue185 = await platform.bus.drain([jobcentreQueue(185)]);
    queue101 = await platform.bus.drain([jobcentreQueue(101)]);
    queue167 = await platform.bus.drain([jobcentreQueue(167)]);
  }, 60_000);
  afterAll(async () => {
    await bus101?.close();
    await bus167?.close();
    await platform?.dispose();
  });

  it("records a connector's answer once however often it comes, tells the asker once, and refuses foreign, repeated-different and poison answers", async () => {
    const inquiryId = await ask('k-1');
    const answer = { inquiryId, candidateRef: 'k-1', answer: 'available', note: 'Ring efter kl. 10 / call after 10' };
    // Ten copies of one message, and three more of the same answer under new ids (a connector re-sending).
    await Promise.all(Array.from({ length: 10 }, () => publishAnswer(bus101, 101, answer, 'answer-k-1')));
    await Promise.all(['k-1-b', 'k-1-c', 'k-1-d'].map((id) => publishAnswer(bus101, 101, answer, id)));
    await waitFor(async () => (await settledCount(matching, QUEUES.matchingInquiryAnswers, 'ack')) >= 13, {
      what: 'matching to settle the 13 copies',
    });
    const told = await waitFor(() => queue185.data<InquiryAnswered>('pool.inquiry-answered')[0], {
      what: 'pool.inquiry-answered on jobcentre.185',
    });
    expect(told).toMatchObject({ inquiryId, candidateRef: 'k-1', toJobcentre: 101, fromJobcentre: 185, answer: 'available' });
    expect(told.answeredBy).toBe('connector');

    const sent = (await list(185, 'sent')).body.inquiries;
    expect(sent.find((q: { inquiryId: string }) => q.inquiryId === inquiryId).answer).toMatchObject({
      answer: 'available',
      note: answer.note,
      answeredBy: 'connector',
    });
    const received = (await list(101, 'received')).body.inquiries;
    expect(received.find((q: { inquiryId: string }) => q.inquiryId === inquiryId).answer.answer).toBe('available');

    // Hvidovre answers København's inquiry; København changes its mind; a poison answer; one without a sender.
    await publishAnswer(bus167, 167, { ...answer, answer: 'not-available' }, 'foreign-1');
    await publishAnswer(bus101, 101, { ...answer, answer: 'not-available' }, 'changed-1');
    await publishAnswer(bus101, 101, { ...answer, answer: 'maybe' }, 'poison-1');
    await platform.bus.publish(
      EXCHANGES.connectors,
      connectorRoutingKey(101, 'pool.inquiry-answer'),
      makeEnvelope('pool.inquiry-answer', { ...answer, answer: 'not-available' }, { id: 'no-user-1', time: new Date(), source: '/x' }),
    );
    await platform.bus.publish(EXCHANGES.connectors, connectorRoutingKey(101, 'pool.inquiry-answer'), Buffer.from('{not json'), {
      userId: undefined,
    });
    expect((await deadReasons(5)).map((r) => r.split(':')[0]).sort()).toEqual(
      ['already-answered', 'invalid-data', 'bad-json', 'missing-sender', 'not-asked'].sort(),
    );

    const refusedTo167 = await waitFor(() => queue167.data<InquiryAnswerRefused>('pool.inquiry-answer-refused')[0], {
      what: '167 to hear its answer was refused',
    });
    expect(refusedTo167).toMatchObject({ refusedMessageId: 'foreign-1', recipient: 167, inquiryId, reason: 'not-asked' });
    expect(refusedTo167.message.da).toContain('hjemjobcenter');
    const refusedTo101 = await waitFor(
      () => {
        const all = queue101.data<InquiryAnswerRefused>('pool.inquiry-answer-refused');
        return all.length >= 2 && all;
      },
      { what: '101 to hear of its changed and its invalid answer' },
    );
    expect(refusedTo101.map((r) => r.reason).sort()).toEqual(['already-answered', 'invalid-answer']);
    expect(refusedTo101.find((r) => r.reason === 'invalid-answer')?.detail).toContain('answer');

    // The first answer stands, and the asker was told exactly once.
    expect(queue185.data('pool.inquiry-answered')).toHaveLength(1);
    const after = (await list(185, 'sent')).body.inquiries.find((q: { inquiryId: string }) => q.inquiryId === inquiryId);
    expect(after.answer.answer).toBe('available');
  });

  it('refuses an answer with another jobcentre’s credentials posing as København (the broker closes the channel)', async () => {
    const inquiryId = await ask('k-3');
    const conn = await amqplib.connect(jobcentreAmqpUrl(platform.world, 167));
    const ch = await conn.createConfirmChannel();
    const closed = new Promise<string>((resolve) => ch.on('error', (err: Error) => resolve(err.message)));
    const envelope = makeEnvelope(
      'pool.inquiry-answer',
      { inquiryId, candidateRef: 'k-3', answer: 'no-longer-searchable' },
      { id: 'spoof-1', time: new Date(), source: '/jobcentres/101' },
    );
    const { exchange, routingKey } = routeOf('pool.inquiry-answer', 101);
    ch.publish(exchange, routingKey, Buffer.from(JSON.stringify(envelope)), { userId: jobcentreUsername(101) });
    expect(await closed).toMatch(/ACCESS_REFUSED|PRECONDITION_FAILED/);
    await conn.close().catch(() => {});
    const mine = (await list(101, 'received')).body.inquiries.find((q: { inquiryId: string }) => q.inquiryId === inquiryId);
    expect(mine.answer).toBeUndefined();
  });

  it("records a consultant's answer on the API once (a retry and ten parallel posts), 409 for a different one, 404 to anyone else", async () => {
    const inquiryId = await ask('k-2');
    const post = (body: Record<string, unknown>, code = 101, key?: string) => {
      const req = request(matching.url)
        .post(`/candidate-inquiries/${inquiryId}/answer`)
        .set('authorization', `Bearer ${jobcentreToken(code)}`);
      return (key ? req.set('idempotency-key', key) : req).send(body);
    };
    const body = { answer: 'not-available', note: 'Er i praktik til februar / in work placement until February' };
    // Ten at once, each with a key of its own (two replicas, two tabs): one records, nine find it recorded.
    const parallel = await Promise.all(Array.from({ length: 10 }, (_, i) => post(body, 101, `parallel-${i}`)));
    expect(parallel.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const first = parallel.find((r) => r.status === 201)!;
    expect(first.body.answer).toMatchObject({ answer: 'not-available', answeredBy: 'consultant-101' });
    // A retry of one request with its key replays it.
    const retried = await post(body, 101, 'parallel-0').expect(parallel[0]!.status);
    expect(retried.body.answer.answeredAt).toBe(first.body.answer.answeredAt);
    const changed = await post({ answer: 'available' }).expect(409);
    expect(changed.body.detail_da ?? changed.body.detail).toBeTruthy();
    await post(body, 167).expect(404);
    await post(body, 185).expect(404);
    const cpr = await post({ answer: 'available', note: 'Det er 010190-1234' }).expect(400);
    expect(cpr.body.errors[0].field).toBe('body.note');
    await post({ answer: 'perhaps' }).expect(400);

    await waitFor(() => queue185.data<InquiryAnswered>('pool.inquiry-answered').some((a) => a.inquiryId === inquiryId), {
      what: "Tårnby told of the consultant's answer",
    });
    expect(queue185.data<InquiryAnswered>('pool.inquiry-answered').filter((a) => a.inquiryId === inquiryId)).toHaveLength(1);
  });

  it('an erased candidate takes its inquiries and answers along', async () => {
    await cvPublisher(bus101, 101).withdrawCvs(['k-1', 'k-2']);
    await waitFor(async () => (await list(185, 'sent')).body.inquiries.every((q: { candidateRef: string }) => q.candidateRef === 'k-3'), {
      what: 'the inquiries about k-1 and k-2 erased',
    });
    const db = await mongoose.createConnection(platform.world.mongoUrl, { dbName: platform.world.dbName('matching') }).asPromise();
    try {
      expect(await db.collection('candidate_inquiry_answers').countDocuments({ candidateRef: { $in: ['k-1', 'k-2'] } })).toBe(0);
      expect(await db.collection('candidate_inquiry_answers').countDocuments({})).toBe(0);
    } finally {
      await db.close();
    }
  });
});
