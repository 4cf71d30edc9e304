import { createTestWorld, type RunningService, startService, type TestWorld } from '@rs/testkit';
import { upskillingRoutes } from './course-kit';

/** upskilling-seat's HTTP API as documented: every routed path in /openapi.json and nothing else. */
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

  it('documents exactly the routes express serves', async () => {
    const table = upskillingRoutes();
    expect(table.routed).toEqual(table.documented);
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>;
    };
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths).sort()).toEqual(
      [...new Set(['/healthz', '/metrics', '/openapi.json', '/readyz', ...table.documented.map((r) => r.split(' ')[1])])].sort(),
    );
    // The export is documented as CSV, not JSON.
    expect(Object.keys(document.paths['/needs/export']?.get?.responses['200']?.content ?? {})).toEqual(['text/csv; charset=utf-8']);
    const refused = await fetch(`${service.url}/courses`);
    expect([refused.status, refused.headers.get('content-type')]).toEqual([401, 'application/problem+json; charset=utf-8']);
  });
});
