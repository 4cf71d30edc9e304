import { danishDay } from '@rs/contracts';
import { Redis } from 'ioredis';
import { callRoute, createTestWorld, type RunningService, routeTable, startService, type TestWorld, tokenFor } from '@rs/testkit';
import { orderIntakeRoutes } from '../src/adapters/http/routes';

/**
 * order-intake's HTTP API as documented: every routed path is in /openapi.json, each route
 * answers a valid and an invalid call as its declaration says, GET /orders pages and filters,
 * and a client retrying POST /orders after a timeout registers the order once.
 */
const table = routeTable('order-intake', orderIntakeRoutes({} as never, {} as never));
const lead = tokenFor({ role: 'jobcentre', sub: 'consultant-101', jobcentre: 101 });
const order = (title = 'Chauffør') => ({
  company: { name: 'Vognmand Hansen', municipality: 101 },
  title,
  occupation: '8332',
  positions: 2,
});

describe('order-intake HTTP API', () => {
  let world: TestWorld;
  let replicas: RunningService[];
  const call = (c: Parameters<typeof callRoute>[2], at = 0) => callRoute(replicas[at]!.url, table.routes, { token: lead, ...c });

  beforeAll(async () => {
    world = await createTestWorld();
    replicas = await Promise.all([startService(world, 'order-intake'), startService(world, 'order-intake')]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(replicas.map((s) => s.stop()));
    await world.dispose();
  });

  it('documents exactly the routes express serves', async () => {
    expect(table.routed).toEqual(table.documented);
    const served = (await (await fetch(`${replicas[0]!.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(served.paths).sort()).toEqual([...new Set(table.documented.map((r) => r.split(' ')[1]))].sort());
  });

  it('answers a valid and an invalid call of every route as it says', async () => {
    const created = await call({ method: 'POST', path: '/orders', body: order() });
    expect([created.status, created.problems]).toEqual([201, []]);
    const id = (created.body as { id: string }).id;
    const unknownField = await call({ method: 'POST', path: '/orders', body: { ...order(), salary: 500 } });
    expect([unknownField.status, unknownField.problems]).toEqual([400, []]);
    expect(unknownField.body).toMatchObject({ errors: [{ field: 'body.salary' }] });

    for (const [valid, invalid] of [
      [`/orders/${id}`, '/orders/a%20b'],
      ['/orders?limit=5&status=registered', '/orders?limit=0x10'],
    ] as const) {
      const ok = await call({ method: 'GET', path: valid });
      expect([valid, ok.status, ok.problems]).toEqual([valid, 200, []]);
      const bad = await call({ method: 'GET', path: invalid });
      expect([invalid, bad.status, bad.problems]).toEqual([invalid, 400, []]);
    }

    const hire = await call({
      method: 'POST',
      path: `/orders/${id}/hires`,
      body: { jobcentre: 147, candidateRef: 'c-1', startDate: '2027-01-04', weeklyHours: 37 },
    });
    expect([hire.status, hire.problems]).toEqual([201, []]);
    const badHire = await call({
      method: 'POST',
      path: `/orders/${id}/hires`,
      body: { jobcentre: '147', candidateRef: 'c-1', startDate: '2027-01-04', weeklyHours: 37 },
    });
    expect([badHire.status, badHire.problems]).toEqual([400, []]);

    const badClose = await call({ method: 'POST', path: `/orders/${id}/close`, body: { outcome: 'sold' } });
    expect([badClose.status, badClose.problems]).toEqual([400, []]);
    const closed = await call({ method: 'POST', path: `/orders/${id}/close`, body: { outcome: 'filled' } });
    expect([closed.status, closed.problems]).toEqual([200, []]);
  });

  it('pages GET /orders with a next link and filters by status and registration dates', async () => {
    const other = tokenFor({ role: 'jobcentre', sub: 'consultant-147', jobcentre: 147 });
    const mine = { company: { name: 'Bager Jensen', municipality: 147 }, title: 'Bager', occupation: '7512', positions: 1 };
    for (let i = 0; i < 3; i++) expect((await call({ method: 'POST', path: '/orders', token: other, body: mine })).status).toBe(201);
    const first = await call({ method: 'GET', path: '/orders?limit=2', token: other });
    const page1 = first.body as { orders: { id: string }[]; next: string };
    expect(page1.orders).toHaveLength(2);
    const second = await call({ method: 'GET', path: page1.next, token: other });
    const page2 = second.body as { orders: { id: string }[]; next: string | null };
    expect(second.problems).toEqual([]);
    expect(page2.orders).toHaveLength(1);
    expect(page2.next).toBeNull();
    expect(new Set([...page1.orders, ...page2.orders].map((o) => o.id)).size).toBe(3);

    // The API's days are Danish days (Europe/Copenhagen), as a person in Denmark means them.
    const today = danishDay(new Date());
    expect(
      ((await call({ method: 'GET', path: `/orders?from=${today}&to=${today}`, token: other })).body as { orders: unknown[] }).orders,
    ).toHaveLength(3);
    expect(
      ((await call({ method: 'GET', path: '/orders?to=2020-01-01', token: other })).body as { orders: unknown[] }).orders,
    ).toHaveLength(0);
    expect(
      ((await call({ method: 'GET', path: '/orders?status=filled', token: other })).body as { orders: unknown[] }).orders,
    ).toHaveLength(0);
    const reversed = await call({ method: 'GET', path: '/orders?from=2026-02-01&to=2026-01-31', token: other });
    expect([reversed.status, reversed.body]).toMatchObject([400, { errors: [{ field: 'query.from' }] }]);
    expect((await call({ method: 'GET', path: '/orders?from=2026-02-30', token: other })).status).toBe(400);
  });

  it('registers an order once when the client times out and retries on another replica', async () => {
    const clerk = tokenFor({ role: 'jobcentre', sub: 'consultant-157', jobcentre: 157 });
    const body = { company: { name: 'Gartneri Holm', municipality: 157 }, title: 'Gartner', occupation: '6113', positions: 1 };
    const headers = { authorization: `Bearer ${clerk}`, 'content-type': 'application/json', 'idempotency-key': 'retry-7f3a' };
    // The first attempt is given up by the client before any answer can arrive.
    const abort = new AbortController();
    const first = fetch(`${replicas[0]!.url}/orders`, { method: 'POST', headers, body: JSON.stringify(body), signal: abort.signal });
    abort.abort();
    await first.catch(() => undefined);
    let answer: Response | undefined;
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      answer = await fetch(`${replicas[1]!.url}/orders`, { method: 'POST', headers, body: JSON.stringify(body) });
      if (answer.status !== 409) break;
    }
    expect(answer?.status).toBe(201);
    const again = await fetch(`${replicas[0]!.url}/orders`, { method: 'POST', headers, body: JSON.stringify(body) });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(((await again.json()) as { id: string }).id).toBe(((await answer!.json()) as { id: string }).id);
    const listed = await call({ method: 'GET', path: '/orders', token: clerk });
    expect((listed.body as { orders: unknown[] }).orders).toHaveLength(1);
    const otherBody = await fetch(`${replicas[1]!.url}/orders`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ ...body, positions: 2 }),
    });
    expect(otherBody.status).toBe(422);
  });

  it('registers an order once when the Redis record of its key is gone (a crash after the insert, a lapsed lease)', async () => {
    const clerk = tokenFor({ role: 'jobcentre', sub: 'consultant-159', jobcentre: 159 });
    const body = { company: { name: 'Tømrer Lund', municipality: 159 }, title: 'Tømrer', occupation: '7115', positions: 1 };
    const headers = { authorization: `Bearer ${clerk}`, 'content-type': 'application/json', 'idempotency-key': 'lost-record-1' };
    const redis = new Redis(world.redisUrl);
    const forgetKeys = async () => {
      const keys = await redis.keys(`${world.timerPrefix}:http:order-intake:idem:*`);
      if (keys.length > 0) await redis.del(...keys);
    };
    try {
      const post = (b: unknown, at: number) => fetch(`${replicas[at]!.url}/orders`, { method: 'POST', headers, body: JSON.stringify(b) });
      const first = await post(body, 0);
      expect(first.status).toBe(201);
      const created = (await first.json()) as { id: string };
      await forgetKeys();
      const retry = await post(body, 1);
      expect([retry.status, retry.headers.get('idempotency-replayed'), retry.headers.get('location')]).toEqual([
        201,
        'true',
        `/orders/${created.id}`,
      ]);
      expect(await retry.json()).toEqual(created);
      const listed = await call({ method: 'GET', path: '/orders', token: clerk });
      expect((listed.body as { orders: { id: string }[] }).orders.map((o) => o.id)).toEqual([created.id]);
      await forgetKeys();
      const reused = await post({ ...body, positions: 3 }, 0);
      expect([reused.status, ((await reused.json()) as { type: string }).type]).toEqual([422, 'urn:rs:problem:idempotency-key-reused']);
    } finally {
      redis.disconnect();
    }
  });
});
