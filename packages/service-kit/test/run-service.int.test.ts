import { busVars, mongoVars, redisVars, relayVars, serviceVars } from '@rs/config';
import type { QueueSpec } from '@rs/contracts';
import { type ServiceContext, type ServiceSpec, type Shell, startShell } from '@rs/service-kit';
import {
  createTestWorld,
  freePort,
  privateRedis,
  TEST_AUDIENCE,
  type TestWorld,
  testIssuerUrl,
  testBus,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import { z } from 'zod';

/**
 * The service shell on real servers: it opens what a spec asks for and nothing else, derives
 * /readyz from it (and a dependency going away shows there), survives a failing periodic job,
 * stops in the documented order, and closes what it opened when a start fails.
 */
const config = { ...serviceVars, ...mongoVars, ...busVars, ...redisVars, ...relayVars, MONGO_DB: z.string() };
const QUEUE: QueueSpec = { name: 'shell-test.work', consumes: ['order.registered'] };
const models = (connection: ServiceContext<typeof config, never>['connection']) => ({
  things: connection.model('Thing', new connection.base.Schema({ _id: String, n: Number }, { collection: 'things' })),
});
type Spec = ServiceSpec<typeof config, ReturnType<typeof models>>;

describe('runService (startShell)', () => {
  let world: TestWorld;
  const shells: Shell[] = [];

  beforeAll(async () => {
    world = await createTestWorld();
  });
  afterAll(async () => {
    await Promise.all(shells.map((s) => s.stop()));
    await world.dispose();
  });

  const env = async (over: Record<string, string> = {}) => ({
    MONGO_URL: world.mongoUrl,
    MONGO_DB: world.dbName('shell'),
    AMQP_URL: world.amqpUrl,
    REDIS_URL: world.redisUrl,
    TIMER_PREFIX: world.timerPrefix,
    OIDC_ISSUER: testIssuerUrl(),
    OIDC_AUDIENCE: TEST_AUDIENCE,
    PORT: String(await freePort()),
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_MS: '50',
    ...over,
  });
  const start = async (spec: Spec, vars: Record<string, string> | Promise<Record<string, string>> = env()) => {
    const shell = await startShell(spec, await vars, { stepTimeoutMs: 5_000 });
    shells.push(shell);
    return shell;
  };
  const ready = async (shell: Shell) => {
    const res = await fetch(`http://127.0.0.1:${shell.port}/readyz`);
    return { status: res.status, checks: ((await res.json()) as { checks: Record<string, boolean> }).checks };
  };

  it('connects, starts and stops every part in order: http → periodic → consumers → workers → relay → timer queues → broker → redis → database', async () => {
    const events: string[] = [];
    let ctx: ServiceContext<typeof config, ReturnType<typeof models>> | undefined;
    const vars = await env();
    const httpUp = async () => (await fetch(`http://127.0.0.1:${vars.PORT}/healthz`).catch(() => undefined))?.status === 200;
    const shell = await start(
      {
        name: 'shell-test',
        config,
        mongo: models,
        bus: { queues: [QUEUE] },
        redis: { timerQueues: ['shell-test-timers'] },
        relay: { models: (m) => [m.things] },
        parts: (c) => {
          ctx = c;
          events.push('parts');
          return {
            http: { routes: (router) => router.get('/things', (_req, res) => void res.json({ ok: true })) },
            consumers: [{ stop: async () => void events.push(`consumers stop (http ${(await httpUp()) ? 'up' : 'down'})`) }],
            workers: [{ close: async () => void events.push(`workers close (broker ${c.bus.isConnected() ? 'up' : 'down'})`) }],
            onStart: [{ name: 'task', run: async () => void events.push(`start task (http ${(await httpUp()) ? 'up' : 'down'})`) }],
            periodic: [{ name: 'tick', everyMs: 60_000, run: async () => void events.push('periodic run') }],
          };
        },
      },
      vars,
    );
    // The broker connects in the background (and reconnects by itself): ready once it is there.
    await waitFor(async () => (await ready(shell)).status === 200, { what: 'ready' });
    expect((await ready(shell)).checks).toEqual({ database: true, broker: true, redis: true });
    await waitFor(() => events.includes('periodic run'), { what: 'the periodic job to run at start' });
    // The routes passed through to createApp, behind its bearer auth; the queue declared from the spec.
    const things = await fetch(`http://127.0.0.1:${shell.port}/things`, {
      headers: { authorization: `Bearer ${tokenFor({ role: 'admin', sub: 't' })}` },
    });
    expect(await things.json()).toEqual({ ok: true });
    const bus = testBus(world);
    expect(await bus.depth(QUEUE.name)).toBe(0);
    await bus.close();

    expect(await shell.stop()).toEqual([
      'http',
      'periodic jobs',
      'consumers',
      'timer workers',
      'outbox relay',
      'timer queues',
      'broker',
      'redis',
      'database',
    ]);
    shells.splice(shells.indexOf(shell), 1);
    expect(events).toEqual(['parts', 'start task (http down)', 'periodic run', 'consumers stop (http down)', 'workers close (broker up)']);
    expect(ctx!.connection.readyState).toBe(0);
    await waitFor(() => ctx!.redis.status === 'end', { what: 'the Redis connection closed' });
  });

  it('asks /readyz only about what the service uses, and shows Redis going away and coming back', async () => {
    const redis = await privateRedis();
    try {
      const shell = await start(
        { name: 'shell-test', config, redis: { readiness: true }, bus: { queues: [] }, parts: () => ({}) },
        env({ REDIS_URL: redis.url }),
      );
      // Redis for the HTTP edge only (no timer queues): the service serves without it, stays ready.
      const edgeOnly = await start(
        { name: 'shell-test', config, redis: {}, bus: { queues: [] }, parts: () => ({}) },
        env({ REDIS_URL: redis.url }),
      );
      await waitFor(async () => (await ready(shell)).status === 200, { what: 'ready' });
      expect((await ready(shell)).checks).toEqual({ broker: true, redis: true });
      // Each shell connects its own broker session; on a loaded machine the second may still be on its way.
      await waitFor(async () => (await ready(edgeOnly)).status === 200, { what: 'edge-only ready' });
      expect(await ready(edgeOnly)).toEqual({ status: 200, checks: { broker: true } });
      await redis.shutdown();
      expect(await waitFor(async () => ((await ready(shell)).status === 503 ? ready(shell) : undefined), { what: 'not ready' })).toEqual({
        status: 503,
        checks: { broker: true, redis: false },
      });
      expect(await ready(edgeOnly)).toEqual({ status: 200, checks: { broker: true } });
      await redis.start();
      await waitFor(async () => (await ready(shell)).status === 200, { what: 'ready again once Redis is back' });
      for (const s of [shell, edgeOnly]) {
        await s.stop();
        shells.splice(shells.indexOf(s), 1);
      }
    } finally {
      await redis.dispose();
    }
  });

  it('keeps running when a periodic job fails, and runs it again', async () => {
    let runs = 0;
    const shell = await start({
      name: 'shell-test',
      config,
      mongo: models,
      parts: () => ({
        periodic: [
          {
            name: 'failing',
            everyMs: 20,
            run: async () => {
              runs++;
              throw new Error('the database said no');
            },
          },
        ],
      }),
    });
    await waitFor(() => runs >= 5, { what: 'five failed runs' });
    expect(await ready(shell)).toEqual({ status: 200, checks: { database: true } });
    await shell.stop();
    const after = runs;
    await waitFor(async () => (await fetch(`http://127.0.0.1:${shell.port}/healthz`).catch(() => undefined)) === undefined, {
      what: 'the port closed',
    });
    expect(runs).toBe(after);
  });

  it('closes what it opened when the start fails, and names what a spec forgot', async () => {
    let ctx: ServiceContext<typeof config, ReturnType<typeof models>> | undefined;
    await expect(
      startShell(
        {
          name: 'shell-test',
          config,
          mongo: models,
          parts: (c) => {
            ctx = c;
            return { consumers: [{ stop: async () => {} }], onStart: [{ name: 'boom', run: () => Promise.reject(new Error('boom')) }] };
          },
        },
        await env(),
      ),
    ).rejects.toThrow('boom');
    expect(ctx!.connection.readyState).toBe(0);

    await expect(
      startShell({ name: 'shell-test', config, mongo: models, parts: (c) => ({ consumers: [c.bus as never] }) }, await env()),
    ).rejects.toThrow('shell-test uses the broker but does not connect it: add bus to its runService spec');
    await expect(
      startShell({ name: 'shell-test', config: { ...serviceVars }, bus: { queues: [] }, parts: () => ({}) }, await env()),
    ).rejects.toThrow('declares no AMQP_URL (spread busVars from @rs/config)');
    await expect(startShell({ name: 'shell-test', config: { ...busVars }, parts: () => ({}) }, await env())).rejects.toThrow(
      'declares no PORT, OIDC_ISSUER, OIDC_AUDIENCE, LOG_LEVEL (spread serviceVars from @rs/config)',
    );
  });
});
