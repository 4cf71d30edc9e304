import { jobcentreToken, type RunningService, type TestPlatform, testPlatform, tokenFor } from '@rs/testkit';

/**
 * reporting's HTTP edge keeps its rate-limit counts and Idempotency-Key records in Redis, as the
 * other services do: two replicas count one limit per principal and replay one answer per key.
 * (Each replica counting on its own would let the fourth call through on the second replica.)
 */
describe('reporting replicas share their HTTP edge through Redis', () => {
  let platform: TestPlatform;
  let a: RunningService;
  let b: RunningService;
  const taarnby = jobcentreToken(185);
  const hvidovre = jobcentreToken(167);
  const admin = tokenFor({ role: 'admin', sub: 'admin-1' });
  const get = (service: RunningService, token: string) =>
    fetch(`${service.url}/kkr/cycle?year=2026`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    platform = await testPlatform();
    const limit = { HTTP_RATE_LIMIT: '3', HTTP_RATE_WINDOW_SECONDS: '60' };
    [a, b] = await Promise.all([platform.start('reporting', limit), platform.start('reporting', limit)]);
  }, 90_000);
  afterAll(async () => platform?.dispose());

  it('counts a principal’s calls across both replicas and leaves another principal alone', async () => {
    const statuses = [];
    for (const replica of [a, b, a, b]) statuses.push((await get(replica, taarnby)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect((await get(a, hvidovre)).status).toBe(200);
  });

  it('answers a mark retried on the other replica with the first answer, recorded once', async () => {
    const mark = (service: RunningService) =>
      fetch(`${service.url}/kkr/schemes/167/statuses`, {
        method: 'POST',
        headers: { authorization: `Bearer ${hvidovre}`, 'content-type': 'application/json', 'idempotency-key': 'mark-167-2026-4' },
        body: JSON.stringify({ recommendationId: 'kkr-2026-4', year: 2026, status: 'red', remark: 'Ikke aftalt endnu' }),
      });
    const first = await mark(a);
    const again = await mark(b);
    expect([first.status, again.status]).toEqual([201, 201]);
    const [one, two] = (await Promise.all([first.json(), again.json()])) as Array<{ id: string }>;
    expect(two!.id).toBe(one!.id);
    // Hvidovre has used its three calls by now: another principal reads the history.
    const scheme = await fetch(`${a.url}/kkr/schemes/167?year=2026`, { headers: { authorization: `Bearer ${admin}` } });
    const rows = ((await scheme.json()) as { rows: Array<{ recommendation: { id: string }; history: unknown[] }> }).rows;
    expect(rows.find((r) => r.recommendation.id === 'kkr-2026-4')?.history).toHaveLength(1);
  });
});
