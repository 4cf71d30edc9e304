import { createTestWorld, type TestWorld } from '@rs/testkit';
import type { Express } from 'express';
import { Redis } from 'ioredis';
import pino from 'pino';
import request from 'supertest';
import { createWebApp } from './app';
import type { WebOptions } from './context';

/**
 * No HTML page may be kept by a shared browser's cache (a signed-in page shown to the next
 * person): every page answers `Cache-Control: no-store`; static files keep their max-age. The
 * sessions go to the shared Redis under the test world's own prefix.
 */
describe('the web front’s caching', () => {
  let world: TestWorld;
  let redis: Redis;
  let app: Express;
  beforeAll(async () => {
    world = await createTestWorld();
    redis = new Redis(world.redisUrl);
    app = createWebApp({
      logger: pino({ level: 'silent' }),
      redis,
      oidc: {} as WebOptions['oidc'],
      verifyToken: (async () => {
        throw new Error('no tokens here');
      }) as unknown as WebOptions['verifyToken'],
      issuer: 'http://127.0.0.1:9',
      baseUrl: 'http://127.0.0.1:9',
      keyPrefix: `${world.timerPrefix}:web`,
      sessionSecrets: ['a-session-secret-for-this-test-only'],
      idleSeconds: 600,
      absoluteSeconds: 3600,
      services: { orderIntake: '', broadcast: '', matching: '', upskilling: '', reporting: '' },
      links: { queues: '', timers: '' },
    });
  });
  afterAll(async () => {
    await redis?.quit();
    await world?.dispose();
  });

  it.each(['/', '/accessibility', '/no-such-page'])('sends no-store with %s', async (path) => {
    const res = await request(app).get(path);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('lets static files be cached', async () => {
    const res = await request(app).get('/static/web.css');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=600');
  });

  it('answers /favicon.ico with the icon the pages link, not a 404', async () => {
    const res = await request(app).get('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
  });
});
