import { createServer, type Server } from 'node:http';
import type { Logger } from '@rs/bus';
import { runWebhook, type WebhookRunner } from '@rs/connector';
import { connectorRoutingKey, EXCHANGES, jobcentreQueue, jobcentreUsername, QUEUES } from '@rs/contracts';
import {
  createTestWorld,
  freePort,
  provisionJobcentres,
  type RunningService,
  startService,
  type TestWorld,
  testPassword,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import amqplib from 'amqplib';
import request from 'supertest';

/**
 * Issue 4, webhook mode: the connector posts every message to the jobcentre's own system and
 * turns its answer into the reply. While that system is down the connector retries in-process;
 * a refusal (4xx, invalid answer) dead-letters the message.
 */
const CODE = 147;
const lead = tokenFor({ role: 'jobcentre', sub: 'x', jobcentre: 101 });
const CANDIDATES = [
  { candidateRef: 'c-147-7', summary: 'CE-chauffør, kan starte mandag', availableFrom: '2026-12-01' },
  { candidateRef: 'c-147-9', summary: 'C-chauffør' },
];

interface Call {
  type: string;
  id: string;
  status: number;
}

/** The jobcentre's local system: answers as `respond` says and records every call. */
function localSystem(respond: (body: { type: string; id: string }) => { status: number; body?: unknown }) {
  const calls: Call[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d: Buffer) => (raw += d.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { type: string; id: string };
      const answer = respond(body);
      calls.push({ type: body.type, id: body.id, status: answer.status });
      res.writeHead(answer.status, answer.body === undefined ? {} : { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
    });
  });
  return { server, calls };
}

function captureLogger(lines: string[]): Logger {
  const push = (_obj: object, msg?: string) => void (msg && lines.push(msg));
  return { debug: push, info: push, warn: push, error: push };
}

describe('webhook connector', () => {
  let world: TestWorld;
  let broadcast: RunningService;
  let intake: RunningService;
  let port: number;
  let runner: WebhookRunner | undefined;
  let server: Server | undefined;
  const lines: string[] = [];
  let respond: (body: { type: string; id: string }) => { status: number; body?: unknown } = () => ({ status: 503 });
  const local = localSystem((body) => respond(body));

  async function broadcastOrder(title: string): Promise<string> {
    const res = await request(intake.url)
      .post('/orders')
      .set('authorization', `Bearer ${lead}`)
      .send({
        company: { name: 'Vognmand Hansen', municipality: 101 },
        title,
        occupation: '8332',
        positions: 2,
        broadcast: { scope: 'cooperation' },
      })
      .expect(201);
    return res.body.id;
  }
  const round = async (roundId: string) =>
    (await request(broadcast.url).get(`/rounds/${roundId}`).set('authorization', `Bearer ${lead}`).expect(200)).body as {
      recipients: Array<{ jobcentre: number; status: string; answer?: string; candidates?: unknown[] }>;
    };

  async function withChannel<T>(use: (ch: amqplib.Channel) => Promise<T>): Promise<T> {
    const conn = await amqplib.connect(world.amqpUrl);
    try {
      return await use(await conn.createChannel());
    } finally {
      await conn.close();
    }
  }

  beforeAll(async () => {
    world = await createTestWorld();
    await provisionJobcentres(world, [CODE]);
    broadcast = await startService(world, 'broadcast', {
      REPLY_WINDOW_MODE: 'clock',
      REPLY_WINDOW_SECONDS: '30',
      REMINDER_OFFSETS_SECONDS: 'none',
    });
    intake = await startService(world, 'order-intake');
    // Sees every reply 147 publishes, beside broadcast's own queue.
    await withChannel(async (ch) => {
      await ch.assertQueue('test.replies-147', { durable: false });
      await ch.bindQueue('test.replies-147', EXCHANGES.connectors, connectorRoutingKey(CODE, 'round.reply'));
    });
    port = await freePort();
    start();
  }, 60_000);
  function start() {
    runner = runWebhook({
      url: world.amqpUrlFor(jobcentreUsername(CODE), testPassword(CODE)),
      jobcentre: CODE,
      webhookUrl: `http://127.0.0.1:${port}/rs-messages`,
      logger: captureLogger(lines),
      timeoutMs: 2000,
      backoff: { initialMs: 100, maxDelayMs: 400, maxWaitMs: 20_000 },
      retryDelayMs: 200,
    });
  }
  afterAll(async () => {
    await runner?.stop();
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await Promise.all([broadcast?.stop(), intake?.stop()]);
    await world?.dispose();
  });

  it('retries while the local system is down, then replies once with its candidates', async () => {
    // Down: nothing listens on the port yet.
    const orderId = await broadcastOrder('Chauffør');
    const roundId = `${orderId}-1`;
    const refused = () =>
      lines.filter((l) => /^local system at http:\/\/127\.0\.0\.1:\d+\/rs-messages is down \(ECONNREFUSED\); retry \d+ in/.test(l));
    await waitFor(() => refused().length >= 2, { what: 'two failed attempts' });
    expect(refused()[1]).toMatch(/retry 2 in 200 ms$/);

    // Up, but busy once (503), then it answers with candidates.
    let busy = 1;
    respond = () =>
      busy-- > 0 ? { status: 503, body: { error: 'busy' } } : { status: 200, body: { answer: 'candidates', candidates: CANDIDATES } };
    server = local.server;
    await new Promise<void>((resolve) => local.server.listen(port, '127.0.0.1', resolve));

    const replied = await waitFor(
      async () => (await round(roundId)).recipients.find((r) => r.jobcentre === CODE && r.status === 'replied'),
      { what: '147 to have replied', timeoutMs: 20_000 },
    );
    expect(replied).toMatchObject({ answer: 'candidates', candidates: CANDIDATES });
    expect(lines.some((l) => /answered 503: \{"error":"busy"\}; retry \d+ in/.test(l))).toBe(true);

    // Exactly once: one reply was published, one call got the answer, and once stopped the
    // connector leaves nothing unacked behind (an unacked message would be back in the queue).
    await runner?.stop();
    runner = undefined;
    expect(await withChannel(async (ch) => (await ch.checkQueue(jobcentreQueue(CODE))).messageCount)).toBe(0);
    expect(await withChannel(async (ch) => (await ch.checkQueue('test.replies-147')).messageCount)).toBe(1);
    const broadcasts = local.calls.filter((c) => c.type === 'round.order-broadcast');
    expect(broadcasts.filter((c) => c.status === 200)).toHaveLength(1);
    expect(broadcasts.map((c) => c.status)).toEqual([503, 200]);
    expect(new Set(broadcasts.map((c) => c.id)).size).toBe(1);
  }, 60_000);

  it('dead-letters a broadcast the local system answers with an invalid body, and does not reply', async () => {
    respond = () => ({ status: 200, body: { answer: 'candidates', candidates: [] } });
    start();
    const orderId = await broadcastOrder('Lagerarbejder');
    const dead = await waitFor(
      () =>
        withChannel(async (ch) => {
          const msg = await ch.get(QUEUES.jobcentresDeadLetter, { noAck: true });
          return msg || undefined;
        }),
      { what: 'the broadcast to be dead-lettered' },
    );
    expect(JSON.parse(dead.content.toString())).toMatchObject({ data: { orderId, recipient: CODE } });
    expect(lines.some((l) => /refused round\.order-broadcast .* invalid answer: candidates: "none" carries no candidates/.test(l))).toBe(
      true,
    );
    expect((await round(`${orderId}-1`)).recipients.find((r) => r.jobcentre === CODE)?.status).toBe('pending');
    expect(await withChannel(async (ch) => (await ch.checkQueue('test.replies-147')).messageCount)).toBe(1);
  }, 30_000);
});
