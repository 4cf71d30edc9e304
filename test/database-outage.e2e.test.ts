import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { connect } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@rs/bus';
import { type Connector, createConnector } from '@rs/connector';
import { deadLetterQueue, jobcentreUsername, type OrderBroadcast, QUEUES, type ReplyReceived } from '@rs/contracts';
import { cooperation } from '@rs/reference-data';
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

/** The FerretDB the shared servers were built with (scripts/infra.sh caches it by version and patch). */
function ferretdbBinary(): string {
  const cache = join(homedir(), '.cache', 'rs-platform');
  const builds = existsSync(cache)
    ? readdirSync(cache)
        .filter((d) => d.startsWith('ferretdb-') && existsSync(join(cache, d, 'ferretdb')))
        .map((d) => join(cache, d, 'ferretdb'))
        .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
    : [];
  if (!builds[0]) throw new Error(`no FerretDB build under ${cache}: run scripts/infra.sh up once (it builds one)`);
  return builds[0];
}

/** A MongoDB-wire server of this test alone, stopped and started by pid. */
class PrivateFerret {
  private child: ChildProcess | undefined;
  readonly dir = mkdtempSync(join(tmpdir(), 'rs-outage-ferret-'));
  constructor(
    readonly port: number,
    private readonly binary = ferretdbBinary(),
  ) {}
  get url() {
    return `mongodb://127.0.0.1:${this.port}`;
  }
  async start(): Promise<void> {
    this.child = spawn(
      this.binary,
      [
        '--handler=sqlite',
        `--sqlite-url=file:${this.dir}/`,
        `--state-dir=${this.dir}`,
        `--listen-addr=127.0.0.1:${this.port}`,
        '--telemetry=disable',
        '--debug-addr=-',
        '--log-level=error',
      ],
      { stdio: 'ignore' },
    );
    await waitFor(async () => (await listening(this.port)) === true, { timeoutMs: 15_000, what: 'the private FerretDB to listen' });
  }
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
  async dispose(): Promise<void> {
    await this.kill();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Whether something accepts TCP connections on the port. */
async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function depth(world: TestWorld, queue: string): Promise<number> {
  const conn = await amqplib.connect(world.amqpUrl);
  try {
    return (await (await conn.createChannel()).checkQueue(queue)).messageCount;
  } finally {
    await conn.close();
  }
}

/** A service's settled messages per queue and outcome, from its /metrics. */
async function settled(service: RunningService, queue: string, outcome: string): Promise<number> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('rs_messages_settled_total{') && l.includes(`queue="${queue}"`) && l.includes(`outcome="${outcome}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}

const orderBody = (title: string) => ({
  company: { name: 'Hospice Sundby', municipality: LEAD },
  title,
  occupation: '5321',
  positions: 1,
  broadcast: { scope: 'cooperation' },
});

describe('a 60 s database outage while orders and replies flow', () => {
  let world: TestWorld;
  let ferret: PrivateFerret;
  let broadcast: RunningService;
  let intake: RunningService;
  const connectors = new Map<number, Connector>();
  const broadcasts = new Map<number, OrderBroadcast[]>();
  const atLead: ReplyReceived[] = [];

  beforeAll(async () => {
    ferret = new PrivateFerret(await freePort());
    await ferret.start();
    world = await createTestWorld();
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
    await ferret?.dispose();
    await world?.dispose();
  });

  it('applies every order and reply once after the server returns, and dead-letters none', async () => {
    const first = await request(intake.url).post('/orders').set('authorization', `Bearer ${lead}`).send(orderBody('Nattevagt')).expect(201);
    await waitFor(() => REPLIERS.every((c) => broadcasts.get(c)!.length === 1), { what: 'the first order at every replier' });
    const roundA = broadcasts.get(REPLIERS[0]!)![0]!.roundId;

    // The second order is accepted, and the database dies before broadcast can open its round.
    const second = await request(intake.url).post('/orders').set('authorization', `Bearer ${lead}`).send(orderBody('Dagvagt')).expect(201);
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
      expect(await depth(world, deadLetterQueue(queue))).toBe(0);
    }
    expect(await settled(broadcast, QUEUES.broadcastReplies, 'dead-letter')).toBe(0);
    expect(await settled(intake, QUEUES.orderIntakeEvents, 'dead-letter')).toBe(0);
  }, 180_000);
});
