import { createServer, type Server } from 'node:http';
import type { Logger } from '@rs/bus';
import { runWebhook, type WebhookRunner } from '@rs/connector';
import { connectorRoutingKey, EXCHANGES, jobcentreQueue, QUEUES } from '@rs/contracts';
import {
  freePort,
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  registerOrder,
  type TestPlatform,
  testPlatform,
  waitFor,
  type Watch,
} from '@rs/testkit';
import request from 'supertest';

/**
 * Issue 4, webhook mode: the connector posts every message to the jobcentre's own system and
 * turns its answer into the reply. While that system is down the connector retries in-process;
 * a refusal (4xx, invalid answer) dead-letters the message.
 */
const CODE = 147;
const lead = jobcentreToken(101);
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
  let platform: TestPlatform;
  let replies: Watch;
  let broadcast: RunningService;
  let intake: RunningService;
  let port: number;
  let runner: WebhookRunner | undefined;
  let server: Server | undefined;
  const lines: string[] = [];
  let respond: (body: { type: string; id: string }) => { status: number; body?: unknown } = () => ({ status: 503 });
  const local = localSystem((body) => respond(body));

  const broadcastOrder = (title: string) => registerOrder(intake, lead, { title, positions: 2, broadcast: { scope: 'cooperation' } });
  const round = async (roundId: string) =>
    (await request(broadcast.url).get(`/rounds/${roundId}`).set('authorization', `Bearer ${lead}`).expect(200)).body as {
      recipients: Array<{ jobcentre: number; status: string; answer?: string; candidates?: unknown[] }>;
    };

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [CODE] });
    broadcast = await platform.start('broadcast', {
      REPLY_WINDOW_MODE: 'clock',
      REPLY_WINDOW_SECONDS: '30',
      REMINDER_OFFSETS_SECONDS: 'none',
    });
    intake = await platform.start('order-intake');
    // Sees every reply 147 publishes, beside broadcast's own queue.
    replies = await platform.bus.watch(EXCHANGES.connectors, [connectorRoutingKey(CODE, 'round.reply')]);
    port = await freePort();
    start();
  }, 60_000);
  function start() {
    runner = runWebhook({
      url: jobcentreAmqpUrl(platform.world, CODE),
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
    await platform.dispose();
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
    expect(await platform.bus.depth(jobcentreQueue(CODE))).toBe(0);
    await waitFor(() => replies.seen.length > 0, { what: 'the reply seen on the exchange' });
    expect(replies.seen).toHaveLength(1);
    const broadcasts = local.calls.filter((c) => c.type === 'round.order-broadcast');
    expect(broadcasts.filter((c) => c.status === 200)).toHaveLength(1);
    expect(broadcasts.map((c) => c.status)).toEqual([503, 200]);
    expect(new Set(broadcasts.map((c) => c.id)).size).toBe(1);
  }, 60_000);

  it('dead-letters a broadcast the local system answers with an invalid body, and does not reply', async () => {
    respond = () => ({ status: 200, body: { answer: 'candidates', candidates: [] } });
    start();
    const orderId = await broadcastOrder('Lagerarbejder');
    const dead = await waitFor(() => platform.bus.take(QUEUES.jobcentresDeadLetter), { what: 'the broadcast to be dead-lettered' });
    expect(JSON.parse(dead.content.toString())).toMatchObject({ data: { orderId, recipient: CODE } });
    expect(lines.some((l) => /refused round\.order-broadcast .* invalid answer: candidates: "none" carries no candidates/.test(l))).toBe(
      true,
    );
    expect((await round(`${orderId}-1`)).recipients.find((r) => r.jobcentre === CODE)?.status).toBe('pending');
    expect(replies.seen).toHaveLength(1);
  }, 30_000);
});
