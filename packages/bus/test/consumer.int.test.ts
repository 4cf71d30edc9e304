import { randomUUID } from 'node:crypto';
import {
  type Bus,
  type Consumer,
  connectBus,
  consume,
  declareTopology,
  describeDeadLetter,
  InvalidMessageError,
  type MessageContext,
  silentLogger,
} from '@rs/bus';
import {
  cloudEventType,
  connectorRoutingKey,
  DEAD_LETTER_REASON_HEADER,
  deadLetterQueue,
  EXCHANGES,
  jobcentreUsername,
  RS_HEADERS,
  makeEnvelope,
  retryQueue,
  orderRegisteredExample,
  QUEUE_LIMITS,
  QUEUES,
  type RoundReply,
  roundReplyExample,
  SERVICE_QUEUES,
} from '@rs/contracts';
import { createTestWorld, provisionJobcentres, type TestWorld, testPassword, waitFor } from '@rs/testkit';
import amqplib, { type ChannelModel, type MessageProperties } from 'amqplib';

/**
 * R5 and STYLE habit 7 at the bus level, against the real broker: every poison message on a
 * consumed queue ends in its dead-letter queue with a reason and never reaches a handler;
 * transient failures are retried through the delay queues with the sender kept, until the retry
 * budget is spent; without a retry policy (connectors) a message that keeps failing is
 * dead-lettered by the broker at the queue's delivery limit; stop() waits for handlers in flight.
 */
const CODE = 147;
const USER = jobcentreUsername(CODE);
const KEY = connectorRoutingKey(CODE, 'round.reply');
const DEAD = deadLetterQueue(QUEUES.broadcastReplies);

interface DeadLetter {
  messageId: string | undefined;
  headers: Record<string, unknown>;
}

const envelopeOf = (id: string, data: unknown = roundReplyExample, type = cloudEventType('round.reply', 1)) => ({
  ...makeEnvelope('round.reply', roundReplyExample, { id, time: new Date(), source: `/jobcentres/${CODE}` }),
  type,
  data,
});
const json = (value: unknown) => Buffer.from(JSON.stringify(value));

/** A world with broadcast.replies declared, a jobcentre publisher and a reader of the dead-letter queue. */
async function openWorld() {
  const world = await createTestWorld();
  await provisionJobcentres(world, [CODE]);
  const admin: ChannelModel = await amqplib.connect(world.amqpUrl);
  const adminCh = await admin.createConfirmChannel();
  await declareTopology(adminCh, [SERVICE_QUEUES.broadcastReplies]);
  const deadLetters: DeadLetter[] = [];
  await adminCh.consume(DEAD, (msg) => {
    if (!msg) return;
    deadLetters.push({ messageId: msg.properties.messageId, headers: msg.properties.headers ?? {} });
    adminCh.ack(msg);
  });
  const jobcentre = connectBus({ url: world.amqpUrlFor(USER, testPassword(CODE)), name: `test-jobcentre-${CODE}`, logger: silentLogger });
  /** userId null: publish without a user_id property. */
  const send = (messageId: string, body: Buffer, userId: string | null = USER, headers?: Record<string, unknown>) =>
    jobcentre.publishRaw(EXCHANGES.connectors, KEY, body, {
      messageId,
      contentType: 'application/cloudevents+json',
      ...(userId ? { userId } : {}),
      ...(headers ? { headers } : {}),
    });
  const sendValid = (id: string) => send(id, json(envelopeOf(id)));
  const deadLetter = (messageId: string) =>
    waitFor(() => deadLetters.find((d) => d.messageId === messageId), { what: `${messageId} in ${DEAD}` });
  async function close() {
    await jobcentre.close();
    await admin.close().catch(() => {});
    await world.dispose();
  }
  const sendForged = (id: string, headers: Record<string, unknown>) => send(id, json(envelopeOf(id)), USER, headers);
  return { world, adminCh, deadLetters, send, sendValid, sendForged, deadLetter, close };
}
type World = Awaited<ReturnType<typeof openWorld>>;

const serviceBus = (world: TestWorld): Bus =>
  connectBus({
    url: world.amqpUrl,
    name: 'test-broadcast',
    logger: silentLogger,
    setup: (ch) => declareTopology(ch, [SERVICE_QUEUES.broadcastReplies]),
  });

/** Short enough for a test, long enough to see the budget: 50 ms, then 100 ms repeated, for 1.5 s. */
const RETRY = { delaysMs: [50, 100], maxMs: 1500 };

/**
 * A describe block's world with a consumer of broadcast.replies whose handler records every call
 * (envelope id and context, in order) and throws what `fails` returns for an id's nth attempt,
 * else handles it. `prepare` runs once the consumer started. Registers its own beforeAll/afterAll.
 */
function replyConsumer(
  fails: (id: string, attempt: number) => Error | undefined,
  options: Parameters<typeof consume>[3],
  prepare?: (w: World) => Promise<void>,
) {
  const calls: Array<{ id: string; ctx: MessageContext }> = [];
  const handled: string[] = [];
  const opened: { w?: World; bus?: Bus; consumer?: Consumer } = {};
  beforeAll(async () => {
    opened.w = await openWorld();
    opened.bus = serviceBus(opened.w.world);
    const handler = async (_data: RoundReply, ctx: MessageContext): Promise<void> => {
      const id = ctx.envelope.id;
      calls.push({ id, ctx });
      const error = fails(id, calls.filter((c) => c.id === id).length);
      if (error) throw error;
      handled.push(id);
    };
    opened.consumer = consume(opened.bus, SERVICE_QUEUES.broadcastReplies, { 'round.reply': handler }, options);
    await prepare?.(opened.w);
  }, 30_000);
  afterAll(async () => {
    await opened.consumer?.stop();
    await opened.bus?.close();
    await opened.w?.close();
  });
  return {
    calls,
    handled,
    get w(): World {
      if (!opened.w) throw new Error('the world is opened in beforeAll');
      return opened.w;
    },
  };
}

describe('consume: the three bins of habit 7', () => {
  /** Every call of the handler, in order: envelope id and the context it saw. */
  const r = replyConsumer(
    (id, attempt) => {
      if (id.startsWith('transient-') && attempt <= 2) return new Error('database down');
      if (id.startsWith('invalid-')) return new InvalidMessageError(`round ${id} is not known`, 'unknown-round');
      if (id.startsWith('always-')) return new Error('a bug that never goes away');
      return undefined;
    },
    { requireUserId: true, retry: RETRY },
  );
  const { calls, handled } = r;

  it('dead-letters each poison message with its reason, and the next valid message is handled once', async () => {
    const run = randomUUID();
    const poison: Array<{ reason: string; body: Buffer; userId?: null }> = [
      { reason: 'bad-json', body: Buffer.from('{"specversion":"1.0","id":') },
      { reason: 'bad-envelope', body: json({ hello: 'not an envelope' }) },
      { reason: 'unknown-type', body: json(envelopeOf(`u-${run}`, roundReplyExample, cloudEventType('round.nonsense', 1))) },
      // A known message name that this queue does not consume.
      {
        reason: 'unexpected-type',
        body: json(envelopeOf(`x-${run}`, orderRegisteredExample, cloudEventType('order.registered', 1))),
      },
      { reason: 'unsupported-version', body: json(envelopeOf(`v-${run}`, roundReplyExample, cloudEventType('round.reply', 9))) },
      { reason: 'invalid-data', body: json(envelopeOf(`d-${run}`, { ...roundReplyExample, answer: 'none' })) },
      // Valid in every way but the sender: the broker accepts it (3.10), the consumer must not.
      { reason: 'missing-sender', body: json(envelopeOf(`s-${run}`)), userId: null },
      // Over our limit, under the broker's max_message_size (4 MiB here).
      {
        reason: 'oversized',
        body: json({ ...envelopeOf(`o-${run}`), padding: 'x'.repeat(QUEUE_LIMITS.maxMessageBytes + 500_000) }),
      },
    ];
    const ids = poison.map((p) => `poison-${p.reason}-${run}`);
    for (const [i, p] of poison.entries()) await r.w.send(ids[i]!, p.body, p.userId === null ? null : USER);
    await r.w.sendValid(`valid-${run}`);

    for (const [i, p] of poison.entries()) {
      const dead = await r.w.deadLetter(ids[i]!);
      expect(String(dead.headers[DEAD_LETTER_REASON_HEADER])).toMatch(new RegExp(`^${p.reason}: `));
      expect(dead.headers[RS_HEADERS.originalQueue]).toBe(QUEUES.broadcastReplies);
      expect(Date.now() - Date.parse(String(dead.headers[RS_HEADERS.deadLetteredAt]))).toBeLessThan(60_000);
      if (p.reason !== 'missing-sender') expect(dead.headers[RS_HEADERS.originalUserId]).toBe(USER);
    }
    await waitFor(() => handled.includes(`valid-${run}`), { what: 'the valid message handled' });
    // A later message is handled too, so a redelivery of the first would have shown by now.
    await r.w.sendValid(`valid-2-${run}`);
    await waitFor(() => handled.includes(`valid-2-${run}`), { what: 'the second valid message handled' });
    expect(handled.filter((id) => id === `valid-${run}`)).toHaveLength(1);
    // The poison never reached the handler (their envelope ids, where they had one, are not in calls).
    const poisonEnvelopeIds = ['u', 'x', 'v', 'd', 's', 'o'].map((p) => `${p}-${run}`);
    expect(calls.filter((c) => poisonEnvelopeIds.includes(c.id))).toEqual([]);
    expect(r.w.deadLetters.filter((d) => d.messageId?.startsWith('valid-'))).toEqual([]);
  });

  it('retries a message whose handler fails transiently through the delay queues, sender kept, and handles it once', async () => {
    const id = `transient-${randomUUID()}`;
    await r.w.sendValid(id);
    await waitFor(() => handled.includes(id), { what: 'the transient message handled in the end' });
    const attempts = calls.filter((c) => c.id === id);
    expect(attempts).toHaveLength(3);
    // Each retry is a new copy from the delay queue: the attempt count grows, the broker's
    // delivery count (crash loops) does not, and the sender is the original one all along.
    expect(attempts.map((c) => c.ctx.attempt)).toEqual([0, 1, 2]);
    expect(attempts.map((c) => c.ctx.deliveryCount)).toEqual([0, 0, 0]);
    expect(attempts.map((c) => c.ctx.userId)).toEqual([USER, USER, USER]);
    expect(handled.filter((h) => h === id)).toHaveLength(1);
    expect(r.w.deadLetters.find((d) => d.messageId === id)).toBeUndefined();
  });

  it('believes no sender or attempt header a connector wrote itself', async () => {
    const id = `transient-forged-${randomUUID()}`;
    await r.w.sendForged(id, {
      [RS_HEADERS.originalUserId]: jobcentreUsername(101),
      [RS_HEADERS.attempts]: 99,
      [RS_HEADERS.firstFailedAt]: '2000-01-01T00:00:00Z',
    });
    await waitFor(() => handled.includes(id), { what: 'the forged message handled after its retries' });
    const attempts = calls.filter((c) => c.id === id);
    // Not dead-lettered as exhausted on its first failure, and never seen as jobcentre 101.
    expect(attempts.map((c) => c.ctx.attempt)).toEqual([0, 1, 2]);
    expect(attempts.map((c) => c.ctx.userId)).toEqual([USER, USER, USER]);
  });

  it('dead-letters a message that keeps failing once the retry budget is spent, with the attempts', async () => {
    const id = `always-${randomUUID()}`;
    await r.w.sendValid(id);
    const dead = await r.w.deadLetter(id);
    const attempts = calls.filter((c) => c.id === id);
    expect(String(dead.headers[DEAD_LETTER_REASON_HEADER])).toBe('retries-exhausted: a bug that never goes away');
    expect(dead.headers[RS_HEADERS.originalQueue]).toBe(QUEUES.broadcastReplies);
    expect(dead.headers[RS_HEADERS.originalUserId]).toBe(USER);
    expect(Number(dead.headers[RS_HEADERS.attempts])).toBe(attempts.length);
    // 50 ms, then 100 ms repeated until 1.5 s had passed since the first failure.
    expect(attempts.length).toBeGreaterThanOrEqual(1 + Math.ceil((RETRY.maxMs - 50) / 100) - 2);
    expect(attempts.length).toBeLessThanOrEqual(2 + Math.ceil((RETRY.maxMs - 50) / 100));
    expect(dead.headers['x-death']).toBeUndefined();
  });

  it('dead-letters a message whose handler throws InvalidMessageError, with its reason, without a retry', async () => {
    const id = `invalid-${randomUUID()}`;
    await r.w.sendValid(id);
    const dead = await r.w.deadLetter(id);
    expect(dead.headers[DEAD_LETTER_REASON_HEADER]).toBe(`unknown-round: round ${id} is not known`);
    expect(calls.filter((c) => c.id === id)).toHaveLength(1);
  });
});

describe('consume without a retry policy (connectors): requeue, bounded by the delivery limit', () => {
  const r = replyConsumer((id) => (id.startsWith('always-') ? new Error('a bug that never goes away') : undefined), {
    requireUserId: true,
    retryDelayMs: 20,
  });
  const { calls, handled } = r;

  it('lets the broker dead-letter a message that always fails at the delivery limit, and goes on consuming', async () => {
    const id = `always-${randomUUID()}`;
    await r.w.sendValid(id);
    const dead = await r.w.deadLetter(id);
    // Dead-lettered by the broker, not by the consumer: no reason header of ours, an x-death entry.
    expect(dead.headers[DEAD_LETTER_REASON_HEADER]).toBeUndefined();
    expect(dead.headers['x-first-death-reason']).toBe('delivery_limit');
    expect(dead.headers['x-first-death-queue']).toBe(QUEUES.broadcastReplies);
    const deaths = dead.headers['x-death'] as Array<Record<string, unknown>>;
    expect(deaths[0]).toMatchObject({ queue: QUEUES.broadcastReplies, reason: 'delivery_limit', exchange: EXCHANGES.connectors });

    const after = `valid-after-${randomUUID()}`;
    await r.w.sendValid(after);
    await waitFor(() => handled.includes(after), { what: 'a later message handled' });
    // The first delivery plus one per requeue allowed by x-delivery-limit, and no more after it died.
    expect(calls.filter((c) => c.id === id)).toHaveLength(QUEUE_LIMITS.deliveryLimit + 1);
    expect(calls.filter((c) => c.id === id).at(-1)!.ctx.deliveryCount).toBe(QUEUE_LIMITS.deliveryLimit);
  });
  it('keeps the sender of a message that came through rs.retry (no user_id) when the broker dead-letters it', async () => {
    const id = `always-${randomUUID()}`;
    // As a delay queue or a redrive delivers it: through rs.retry, the sender only in the header.
    await new Promise<void>((resolve, reject) =>
      r.w.adminCh.publish(
        EXCHANGES.retry,
        QUEUES.broadcastReplies,
        json(envelopeOf(id)),
        { messageId: id, persistent: true, headers: { [RS_HEADERS.originalUserId]: USER } },
        (err) => (err ? reject(err) : resolve()),
      ),
    );
    const dead = await r.w.deadLetter(id);
    const deaths = dead.headers['x-death'] as Array<Record<string, unknown>>;
    expect(deaths[0]).toMatchObject({ queue: QUEUES.broadcastReplies, reason: 'delivery_limit', exchange: EXCHANGES.retry });
    const letter = describeDeadLetter(DEAD, Buffer.from('{}'), { messageId: id, headers: dead.headers } as unknown as MessageProperties);
    expect(letter).toMatchObject({ by: 'broker', sender: USER });
  });
});

describe('consume: a retry copy the broker cannot route (delay queue missing)', () => {
  const r = replyConsumer(
    (_id, attempt) => (attempt <= 2 ? new Error('database down') : undefined),
    { requireUserId: true, retry: RETRY, retryDelayMs: 20 },
    // The consumer declares its delay queues before it consumes; then this vhost's are deleted under it.
    async (w) => {
      await waitFor(async () => (await r.w.adminCh.checkQueue(QUEUES.broadcastReplies)).consumerCount === 1, { what: 'consumer running' });
      for (const delayMs of RETRY.delaysMs) await r.w.adminCh.deleteQueue(retryQueue(QUEUES.broadcastReplies, delayMs));
    },
  );
  const { calls, handled } = r;

  it('keeps the original (requeued, not acked) when its retry copy is returned, and handles it later', async () => {
    const id = `transient-${randomUUID()}`;
    await r.w.sendValid(id);
    await waitFor(() => handled.includes(id), { what: `${id} handled after requeues` });
    const mine = calls.filter((c) => c.id === id);
    expect(mine).toHaveLength(3);
    // Requeued by the consumer (redelivered from the work queue), never parked in a delay queue.
    expect(mine.slice(1).every((c) => c.ctx.redelivered && c.ctx.attempt === 0)).toBe(true);
    expect(r.w.deadLetters.find((d) => d.messageId === id)).toBeUndefined();
  });
});

describe('consume: stop()', () => {
  let w: World;
  let bus: Bus;

  beforeAll(async () => {
    w = await openWorld();
    bus = serviceBus(w.world);
  }, 30_000);
  afterAll(async () => {
    await bus?.close();
    await w?.close();
  });

  it('waits for a slow handler in flight before resolving, and that message is acked', async () => {
    const slowId = `slow-${randomUUID()}`;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started: string[] = [];
    const finished: string[] = [];
    const first = consume(
      bus,
      SERVICE_QUEUES.broadcastReplies,
      {
        'round.reply': async (_data, ctx) => {
          started.push(ctx.envelope.id);
          await gate;
          finished.push(ctx.envelope.id);
        },
      },
      { requireUserId: true, retryDelayMs: 20 },
    );
    await w.sendValid(slowId);
    await waitFor(() => started.includes(slowId), { what: 'the slow handler started' });

    let stopped = false;
    const stopping = first.stop().then(() => {
      stopped = true;
    });
    // A quorum queue on 3.10 keeps counting a cancelled consumer while it holds an unacked message,
    // so consumerCount cannot show the cancel. Instead: a message published now stays ready in the
    // queue (the cancelled consumer takes no more), and stop() is still waiting for the handler.
    const probe = `probe-${randomUUID()}`;
    await w.sendValid(probe);
    await waitFor(async () => (await w.adminCh.checkQueue(QUEUES.broadcastReplies)).messageCount === 1, {
      what: 'the probe ready in the queue',
    });
    expect(stopped).toBe(false);
    expect(finished).toEqual([]);

    release();
    await stopping;
    expect(finished).toEqual([slowId]);
    expect(started).toEqual([slowId]);

    // The slow message was acked, not requeued: a new consumer gets only the probe.
    const seen: string[] = [];
    const second = consume(
      bus,
      SERVICE_QUEUES.broadcastReplies,
      {
        'round.reply': async (_data, ctx) => {
          seen.push(ctx.envelope.id);
        },
      },
      { requireUserId: true },
    );
    try {
      await waitFor(() => seen.includes(probe), { what: 'the probe on a new consumer' });
      const next = `next-${randomUUID()}`;
      await w.sendValid(next);
      await waitFor(() => seen.includes(next), { what: 'the next message on a new consumer' });
      expect(seen).toEqual([probe, next]);
      expect((await w.adminCh.checkQueue(QUEUES.broadcastReplies)).messageCount).toBe(0);
    } finally {
      await second.stop();
    }
  });
});
