import { createTestWorld, type RunningService, routeTable, startService, type TestWorld } from '@rs/testkit';

/** upskilling-seat has no API of its own yet: its document holds the probes, and says so truly. */
describe('upskilling-seat HTTP API', () => {
  let world: TestWorld;
  let service: RunningService;

  beforeAll(async () => {
    world = await createTestWorld();
    service = await startService(world, 'upskilling-seat');
  }, 60_000);
  afterAll(async () => {
    await service.stop();
    await world.dispose();
  });

  it('documents exactly the routes express serves, and answers them as documented', async () => {
    const table = routeTable('upskilling-seat', () => {});
    expect(table.routed).toEqual(table.documented);
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(['/healthz', '/metrics', '/openapi.json', '/readyz']);
    expect(await (await fetch(`${service.url}/healthz`)).json()).toEqual({ status: 'ok', service: 'upskilling-seat' });
    const refused = await fetch(`${service.url}/anything`);
    expect([refused.status, refused.headers.get('content-type')]).toEqual([401, 'application/problem+json; charset=utf-8']);
  });
});
