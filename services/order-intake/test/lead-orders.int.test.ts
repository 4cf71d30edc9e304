import {
  callRoute,
  jobcentreToken,
  registerOrder,
  routeTable,
  type RunningService,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import type { Router } from 'express';
import { leadOrdersRoutes } from '../src/adapters/http/lead-orders.routes';

/**
 * The lead consultant's queue, GET /jobcentres/:code/orders: a jobcentre's own open orders with
 * their clocks, the most urgent first; another jobcentre's queue is 404, roles other than a
 * jobcentre or an admin 403, bad parameters 400 naming the field.
 */
const table = routeTable('order-intake', (router: Router) => leadOrdersRoutes({} as never, {} as never)(router)).routes;

interface Queue {
  jobcentre: number;
  orders: {
    order: { id: string; leadJobcentre: number };
    urgency: string;
    nextDueAt: string | null;
    goals: { goal: string; dueAt: string | null }[] | null;
  }[];
  truncated: boolean;
}

describe("the lead's queue over HTTP", () => {
  let platform: TestPlatform;
  let intake: RunningService;
  const call = (c: Parameters<typeof callRoute>[2]) => callRoute(intake.url, table, c);

  beforeAll(async () => {
    platform = await testPlatform();
    intake = await platform.start('order-intake');
  }, 60_000);
  afterAll(() => platform.dispose());

  it("lists a jobcentre's own orders with their clocks, and nobody else's", async () => {
    const own = await registerOrder(intake, jobcentreToken(185), { title: 'Lagerarbejder' });
    const second = await registerOrder(intake, jobcentreToken(185), { title: 'Truckfører' });
    const others = await registerOrder(intake, jobcentreToken(101), { title: 'Chauffør' });
    const queue = await waitFor(
      async () => {
        const res = await call({ method: 'GET', path: '/jobcentres/185/orders', token: jobcentreToken(185) });
        const body = res.body as Queue;
        return res.status === 200 && body.orders.length === 2 && body.orders.every((o) => o.goals !== null) ? res : undefined;
      },
      { what: "185's two orders with their clocks" },
    );
    expect(queue.problems).toEqual([]);
    const body = queue.body as Queue;
    expect(body.orders.map((o) => o.order.id).sort()).toEqual([own, second].sort());
    expect(body.orders.map((o) => o.order.id)).not.toContain(others);
    expect(body.orders[0]?.urgency).toBe('running');
    expect(body.orders[0]?.goals?.map((g) => g.goal)).toEqual(['dialogue', 'candidates']);
    // Running clocks: the soonest due first (registered first, so due first).
    expect(body.orders[0]?.order.id).toBe(own);
    expect(body.orders[0]?.nextDueAt).toBe(body.orders[0]?.goals?.[0]?.dueAt);
    expect(body.truncated).toBe(false);

    const limited = await call({ method: 'GET', path: '/jobcentres/185/orders?limit=1', token: jobcentreToken(185) });
    expect([(limited.body as Queue).orders.length, (limited.body as Queue).truncated]).toEqual([1, true]);
    // The most urgent of all the lead's orders (the older one, due first), not the newest.
    expect((limited.body as Queue).orders[0]?.order.id).toBe(own);
    const admin = await call({ method: 'GET', path: '/jobcentres/185/orders', token: tokenFor({ role: 'admin', sub: 'a' }) });
    expect((admin.body as Queue).orders).toHaveLength(2);
  });

  it('refuses another jobcentre (404), other roles (403) and bad parameters (400 naming the field)', async () => {
    const other = await call({ method: 'GET', path: '/jobcentres/185/orders', token: jobcentreToken(147) });
    expect([other.status, other.problems]).toEqual([404, []]);
    const phone = await call({ method: 'GET', path: '/jobcentres/185/orders', token: tokenFor({ role: 'phone-line', sub: 'op' }) });
    expect([phone.status, phone.problems]).toEqual([403, []]);
    expect((await call({ method: 'GET', path: '/jobcentres/185/orders' })).status).toBe(401);
    for (const [query, field] of [
      ['limit=0', 'query.limit'],
      ['state=closed', 'query.state'],
      ['status%5B%24ne%5D=x', 'query'],
    ] as const) {
      const bad = await call({ method: 'GET', path: `/jobcentres/185/orders?${query}`, token: jobcentreToken(185) });
      expect([query, bad.status, bad.problems]).toEqual([query, 400, []]);
      expect(JSON.stringify(bad.body)).toContain(field);
    }
    const badCode = await call({ method: 'GET', path: '/jobcentres/18x/orders', token: jobcentreToken(185) });
    expect(badCode.status).toBe(400);
  });
});
