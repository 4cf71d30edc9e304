import { provisionJobcentreUser } from '@rs/bus';
import { jobcentreUsername, type SharedCv } from '@rs/contracts';
import { createTestWorld, infra, type TestWorld } from './infra';
import { type RunningService, spawnService } from './spawn-service';
import { type TestBus, testBus } from './test-bus';
import { waitFor } from './wait-for';
import { TEST_AUDIENCE, testIssuerUrl, tokenFor } from './test-issuer';

/** A consultant of this jobcentre (`consultant-<code>`), the usual caller of the APIs in tests. */
export const jobcentreToken = (code: number): string => tokenFor({ role: 'jobcentre', sub: `consultant-${code}`, jobcentre: code });

/**
 * Broker users are global in RabbitMQ while permissions are per vhost: every test world gives
 * the same user the same password, so parallel worlds never lock each other out.
 */
export const testPassword = (code: number) => `test-password-${code}`;

export async function provisionJobcentres(world: TestWorld, codes: readonly number[]): Promise<void> {
  const admin = infra.management();
  for (const code of codes) await provisionJobcentreUser(admin, world.vhost, code, testPassword(code));
}

/** The AMQP URL of a jobcentre's own broker user (provisioned with provisionJobcentres) in this world. */
export const jobcentreAmqpUrl = (world: TestWorld, code: number): string => world.amqpUrlFor(jobcentreUsername(code), testPassword(code));

/** The environment a service needs to run inside a test world. */
export function serviceEnv(world: TestWorld, service: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    MONGO_URL: world.mongoUrl,
    MONGO_DB: world.dbName(service),
    AMQP_URL: world.amqpUrl,
    REDIS_URL: world.redisUrl,
    TIMER_PREFIX: world.timerPrefix,
    OIDC_ISSUER: testIssuerUrl(),
    OIDC_AUDIENCE: TEST_AUDIENCE,
    OUTBOX_POLL_MS: '200',
    OUTBOX_LEASE_MS: '2000',
    NODE_ENV: 'test',
    // Transient failures come back within seconds, not the minutes of production's schedule.
    RETRY_DELAYS_SECONDS: '0.5,1,2',
    // Tests and benches drive one principal hard; the rate-limit tests set their own limit.
    HTTP_RATE_LIMIT: '1000000',
    ...extra,
  };
}

export async function startService(world: TestWorld, service: string, extra: Record<string, string> = {}): Promise<RunningService> {
  return spawnService(service, serviceEnv(world, service, extra));
}

/**
 * One test file's platform: a private world, its jobcentres' broker users, the services it
 * starts (real processes) and its own broker client. `dispose` in afterAll stops every service
 * it started, closes the client and removes the world.
 */
export interface TestPlatform {
  world: TestWorld;
  bus: TestBus;
  /** Starts a service in this world, ready (see spawnService); stopped by dispose. */
  start(service: string, extra?: Record<string, string>): Promise<RunningService>;
  dispose(): Promise<void>;
}

export async function testPlatform(options: { jobcentres?: readonly number[] } = {}): Promise<TestPlatform> {
  const world = await createTestWorld();
  if (options.jobcentres?.length) await provisionJobcentres(world, options.jobcentres);
  const bus = testBus(world);
  const started: RunningService[] = [];
  return {
    world,
    bus,
    async start(service, extra = {}) {
      const running = await startService(world, service, extra);
      started.push(running);
      return running;
    },
    async dispose() {
      await Promise.all(started.map((s) => s.stop()));
      await bus.close();
      await world.dispose();
    },
  };
}

/** A valid order body (a haulier in Copenhagen, one driver); fields given replace the defaults. */
export const anOrder = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  company: { name: 'Vognmand Hansen', municipality: 101 },
  title: 'Chauffør',
  occupation: '8332',
  positions: 1,
  ...over,
});

/** A searchable CV a jobcentre shares (a warehouse worker in Copenhagen); fields given replace the defaults. */
export const aCv = (candidateRef: string, over: Partial<SharedCv> = {}): SharedCv => ({
  candidateRef,
  revision: '2026-11-01T08:00:00Z',
  headline: 'Lagerarbejder',
  occupations: ['9321'],
  skills: [],
  languages: ['da'],
  municipality: 101,
  summary: 'Lagerarbejder',
  visibility: { searchable: true },
  ...over,
});

/** Waits until matching's pool holds `candidates` CVs of the jobcentre (the CVs a test shared reached it). */
export async function poolFilled(matching: RunningService, jobcentre: number, candidates: number): Promise<void> {
  const admin = tokenFor({ role: 'admin', sub: 'test' });
  await waitFor(
    async () => {
      const res = await fetch(`${matching.url}/jobcentres/${jobcentre}/pool`, { headers: { authorization: `Bearer ${admin}` } });
      return res.ok && ((await res.json()) as { candidates: number }).candidates === candidates;
    },
    { what: `the pool of ${jobcentre} filled` },
  );
}

/** Registers `anOrder(over)` with order-intake as the token's caller; resolves with the order id (a non-201 throws). */
export async function registerOrder(intake: RunningService, token: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await fetch(`${intake.url}/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(anOrder(over)),
  });
  if (res.status !== 201) throw new Error(`POST /orders answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { id: string }).id;
}

/** How many messages a running service has settled on a queue with this outcome (ack, dead-letter, retry), from its /metrics. */
export async function settledCount(service: RunningService, queue: string, outcome: string): Promise<number> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  const line = text
    .split('\n')
    .find((l) => l.startsWith('rs_messages_settled_total{') && l.includes(`queue="${queue}"`) && l.includes(`outcome="${outcome}"`));
  return line ? Number(line.split(' ').pop()) : 0;
}
