import { callRoute, createTestWorld, type RunningService, routeTable, startService, type TestWorld, tokenFor } from '@rs/testkit';
import type { Router } from 'express';
import { poolRoutes } from '../src/adapters/http/pool.routes';
import { searchRoutes } from '../src/adapters/http/search.routes';

/** matching's HTTP API as documented: every routed path in /openapi.json, each route answering as declared. */
const table = routeTable('matching', (router: Router) => {
  poolRoutes({} as never)(router);
  searchRoutes({} as never)(router);
});
const own = tokenFor({ role: 'jobcentre', sub: 'consultant-101', jobcentre: 101 });

describe('matching HTTP API', () => {
  let world: TestWorld;
  let matching: RunningService;

  beforeAll(async () => {
    world = await createTestWorld();
    matching = await startService(world, 'matching');
  }, 60_000);
  afterAll(async () => {
    await matching.stop();
    await world.dispose();
  });

  it('documents exactly the routes express serves', () => {
    expect(table.routed).toEqual(table.documented);
  });

  it('answers a valid and an invalid call of every GET route as it says', async () => {
    for (const [valid, status, invalid] of [
      ['/jobcentres/101/pool', 200, '/jobcentres/%20101/pool'],
      // No CV is synced in this world: the valid call finds none.
      ['/jobcentres/101/candidates/c-1?purpose=matching%20an%20order', 404, '/jobcentres/101/candidates/c-1'],
      ['/jobcentres/101/stale-cvs', 200, '/jobcentres/1010/stale-cvs'],
      ['/jobcentres/101/candidate-reads?candidateRef=c-1&from=2026-01-01', 200, '/jobcentres/101/candidate-reads?from=2026-13-01'],
    ] as const) {
      const ok = await callRoute(matching.url, table.routes, { method: 'GET', path: valid, token: own });
      expect([valid, ok.status, ok.problems]).toEqual([valid, status, []]);
      const bad = await callRoute(matching.url, table.routes, { method: 'GET', path: invalid, token: own });
      expect([invalid, bad.status, bad.problems]).toEqual([invalid, 400, []]);
    }
  });

  it('answers a valid and an invalid search as it says', async () => {
    const path = '/candidate-searches';
    const ok = await callRoute(matching.url, table.routes, {
      method: 'POST',
      path,
      token: own,
      body: { occupation: '5321', scope: 'cooperation', purpose: 'ordre til plejecenter', requirements: { startWithinDays: 7 } },
    });
    expect([ok.status, ok.problems, ok.body]).toEqual([200, [], { scope: 'cooperation', jobcentres: 16, results: [] }]);
    const bad = await callRoute(matching.url, table.routes, {
      method: 'POST',
      path,
      token: own,
      body: { occupation: '5321', scope: 'moon' },
    });
    expect([bad.status, bad.problems]).toEqual([400, []]);
  });
});
