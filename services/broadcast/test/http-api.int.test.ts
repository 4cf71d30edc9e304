import { danishDay } from '@rs/contracts';
import { callRoute, createTestWorld, type RunningService, routeTable, startService, type TestWorld, tokenFor, waitFor } from '@rs/testkit';
import type { Router } from 'express';
import { complianceRoutes } from '../src/adapters/http/compliance.routes';
import { feedRoutes } from '../src/adapters/http/feed.routes';
import { deadLetterRoutes } from '../src/adapters/http/dead-letters.routes';
import { inboxRoutes } from '../src/adapters/http/inbox.routes';
import { roundsRoutes } from '../src/adapters/http/rounds.routes';

/** broadcast's HTTP API as documented: every routed path in /openapi.json, each route answering as declared. */
const table = routeTable('broadcast', (router: Router) => {
  roundsRoutes({} as never)(router);
  complianceRoutes({} as never)(router);
  inboxRoutes({} as never)(router);
  deadLetterRoutes('amqp://unused', {} as never)(router);
  feedRoutes({} as never, {} as never, { days: 1, now: () => new Date() })(router);
});
const lead = tokenFor({ role: 'jobcentre', sub: 'consultant-101', jobcentre: 101 });

describe('broadcast HTTP API', () => {
  let world: TestWorld;
  let broadcast: RunningService;
  let intake: RunningService;

  beforeAll(async () => {
    world = await createTestWorld();
    [broadcast, intake] = await Promise.all([
      startService(world, 'broadcast', { REPLY_WINDOW_MODE: 'clock' }),
      startService(world, 'order-intake'),
    ]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([broadcast.stop(), intake.stop()]);
    await world.dispose();
  });

  it('documents exactly the routes express serves', async () => {
    expect(table.routed).toEqual(table.documented);
    const served = (await (await fetch(`${broadcast.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(served.paths).sort()).toEqual([...new Set(table.documented.map((r) => r.split(' ')[1]))].sort());
  });

  it('answers a valid and an invalid call of every route as it says', async () => {
    const call = (c: Parameters<typeof callRoute>[2]) => callRoute(broadcast.url, table.routes, { token: lead, ...c });
    const created = await fetch(`${intake.url}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${lead}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        company: { name: 'Vognmand Hansen', municipality: 101 },
        title: 'Chauffør',
        occupation: '8332',
        positions: 1,
      }),
    });
    const orderId = ((await created.json()) as { id: string }).id;
    let opened: Awaited<ReturnType<typeof call>> | undefined;
    await waitFor(
      async () => {
        opened = await call({
          method: 'POST',
          path: '/rounds',
          body: { orderId, scope: 'cooperation' },
          headers: { 'idempotency-key': `open-${orderId}` },
        });
        return opened.status === 201;
      },
      { what: 'the round to open' },
    );
    expect(opened?.problems).toEqual([]);
    const replay = await call({
      method: 'POST',
      path: '/rounds',
      body: { orderId, scope: 'cooperation' },
      headers: { 'idempotency-key': `open-${orderId}` },
    });
    expect([replay.status, replay.headers['idempotency-replayed'], replay.problems]).toEqual([201, 'true', []]);
    const unknown = await call({ method: 'POST', path: '/rounds', body: { orderId, scope: 'cooperation', deadline: 'tomorrow' } });
    expect([unknown.status, unknown.problems, unknown.body]).toMatchObject([400, [], { errors: [{ field: 'body.deadline' }] }]);
    const again = await call({ method: 'POST', path: '/rounds', body: { orderId, scope: 'national' } });
    expect([again.status, again.problems]).toEqual([409, []]);

    const roundId = (opened!.body as { id: string }).id;
    // The API's days are Danish days (Europe/Copenhagen), as a person in Denmark means them.
    const today = danishDay(new Date());
    for (const [valid, invalid] of [
      [`/rounds/${roundId}`, '/rounds/a%20b'],
      [`/compliance?from=${today}&to=${today}`, '/compliance?from=2026-02-01&to=2026-01-31'],
      ['/jobcentres/101/feed?since=2026-01-01T00:00:00Z', '/jobcentres/0x65/feed?since=2026-01-01T00:00:00Z'],
    ] as const) {
      const ok = await call({ method: 'GET', path: valid });
      expect([valid, ok.status, ok.problems]).toEqual([valid, 200, []]);
      const bad = await call({ method: 'GET', path: invalid });
      expect([invalid, bad.status, bad.problems]).toEqual([invalid, 400, []]);
    }
    const recipient = await call({
      method: 'GET',
      path: `/rounds/${roundId}`,
      token: tokenFor({ role: 'jobcentre', sub: 'c-147', jobcentre: 147 }),
    });
    expect([recipient.status, recipient.problems]).toEqual([200, []]);

    // The answering jobcentre's inbox and reply (the web front's part 5).
    const frb = tokenFor({ role: 'jobcentre', sub: 'c-147', jobcentre: 147 });
    const inbox = await call({ method: 'GET', path: '/jobcentres/147/inbox', token: frb });
    expect([inbox.status, inbox.problems]).toEqual([200, []]);
    expect((inbox.body as { rounds: { id: string; own: { status: string } }[] }).rounds).toEqual([
      expect.objectContaining({ id: roundId, own: expect.objectContaining({ status: 'pending' }) }),
    ]);
    expect((await call({ method: 'GET', path: '/jobcentres/147/inbox' })).status).toBe(404);
    expect((await call({ method: 'GET', path: '/jobcentres/0x93/inbox', token: frb })).status).toBe(400);
    const none = await call({ method: 'POST', path: `/rounds/${roundId}/reply`, token: frb, body: { answer: 'none' } });
    expect([none.status, none.problems, (none.body as { own: { answer: string } }).own.answer]).toEqual([200, [], 'none']);
    const amended = await call({
      method: 'POST',
      path: `/rounds/${roundId}/reply`,
      token: frb,
      body: { answer: 'candidates', candidates: [{ candidateRef: 'c-147-0042', summary: 'Chauffør, kategori C' }] },
    });
    expect([amended.status, amended.problems, (amended.body as { own: { answer: string } }).own.answer]).toEqual([200, [], 'candidates']);
    const badReply = await call({
      method: 'POST',
      path: `/rounds/${roundId}/reply`,
      token: frb,
      body: { answer: 'candidates', candidates: [] },
    });
    expect([badReply.status, badReply.problems]).toEqual([400, []]);
    // The lead is no recipient of its own round.
    expect((await call({ method: 'POST', path: `/rounds/${roundId}/reply`, body: { answer: 'none' } })).status).toBe(404);
  });
});
