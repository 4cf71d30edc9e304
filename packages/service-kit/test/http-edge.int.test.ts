import { foreignKey, infra, randomName, signTestToken, testIssuerConfig, testIssuerUrl, tokenFor } from '@rs/testkit';
import type { Express } from 'express';
import { Redis } from 'ioredis';
import request from 'supertest';
import { z } from 'zod';
import {
  codeParam,
  createApp,
  createLogger,
  createMetrics,
  documentedRoutes,
  expressRoutes,
  HttpError,
  cooperationDirectory,
  jwtVerifier,
  mountRoutes,
  type Principal,
  route,
} from '../src';

const token = (p: Principal) => `Bearer ${tokenFor(p)}`;
const lead: Principal = { role: 'jobcentre', sub: 'lead-101', jobcentre: 101 };
const other: Principal = { role: 'jobcentre', sub: 'other-147', jobcentre: 147 };

const Thing = z.strictObject({ name: z.string().min(1).max(50), positions: z.number().int().min(1) });

/** A service in miniature: one creating route whose effect is counted, as a store would count orders. */
function world(redis: Redis, prefix: string, limit = 1000) {
  const created: string[] = [];
  let gate: Promise<void> | undefined;
  const routes = [
    route({
      method: 'post',
      path: '/things',
      summary: 'Create a thing',
      body: Thing,
      creates: true,
      responses: { 201: { description: 'created', schema: z.object({ id: z.string(), name: z.string() }) } },
      handle: async ({ body }) => {
        await gate;
        const id = `t${created.length + 1}`;
        created.push(id);
        return { status: 201, body: { id, name: body.name }, headers: { Location: `/things/${id}` } };
      },
    }),
    route({
      method: 'get',
      path: '/jobcentres/:code',
      summary: 'One jobcentre',
      params: z.object({ code: codeParam }),
      responses: { 200: { description: 'found', schema: z.object({ code: z.number() }) } },
      handle: async ({ params }) => {
        if (params.code === 999) throw new HttpError(409, 'conflict', 'Taken / Optaget');
        return { status: 200, body: { code: params.code } };
      },
    }),
  ];
  const app = (): Express =>
    createApp({
      service: 'edge-test',
      logger: createLogger('edge-test', 'silent'),
      metrics: createMetrics('edge-test'),
      // The cooperations as a service that follows them knows them (here: the seed, HRS and JRS).
      verifyToken: jwtVerifier(testIssuerConfig(), { knownCooperation: cooperationDirectory({ all: async () => [] }).knows }),
      readiness: {},
      redis,
      keyPrefix: prefix,
      edge: { HTTP_RATE_LIMIT: limit, HTTP_RATE_WINDOW_SECONDS: 60 },
      routes: (router) => mountRoutes(router, routes),
    });
  return {
    app,
    created,
    hold: () => {
      let open!: () => void;
      gate = new Promise((r) => (open = r));
      return () => {
        gate = undefined;
        open();
      };
    },
  };
}

describe('the HTTP edge', () => {
  let redis: Redis;
  let prefix: string;
  beforeAll(() => {
    redis = new Redis(infra.redisUrl());
  });
  beforeEach(() => {
    prefix = randomName('edge');
  });
  afterAll(async () => {
    const keys = await redis.keys('edge*:http:*');
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('shares the rate limit of a principal across two replicas and leaves another principal alone', async () => {
    const w = world(redis, prefix, 5);
    const [a, b] = [w.app(), w.app()];
    for (let i = 0; i < 5; i++) {
      await request(i % 2 ? a : b)
        .get('/jobcentres/101')
        .set('authorization', token(lead))
        .expect(200);
    }
    const refused = await request(a).get('/jobcentres/101').set('authorization', token(lead)).expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers.ratelimit).toMatch(/; r=0;/);
    expect(refused.headers['ratelimit-policy']).toMatch(/q=5/);
    expect(refused.headers['retry-after']).toMatch(/^\d+$/);
    expect(refused.body).toMatchObject({ status: 429, type: 'urn:rs:problem:rate-limited', title: 'Too many requests' });
    await request(b).get('/jobcentres/101').set('authorization', token(lead)).expect(429);
    await request(b).get('/jobcentres/147').set('authorization', token(other)).expect(200);
  });

  it('answers a retried create with the first response and registers it once, across replicas', async () => {
    const w = world(redis, prefix);
    const [a, b] = [w.app(), w.app()];
    const body = { name: 'Smed', positions: 2 };
    const first = await request(a).post('/things').set('authorization', token(lead)).set('idempotency-key', 'k-1').send(body).expect(201);
    // The client timed out and retries on the other replica, keys in another order.
    const again = await request(b)
      .post('/things')
      .set('authorization', token(lead))
      .set('idempotency-key', 'k-1')
      .send({ positions: 2, name: 'Smed' })
      .expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.headers.location).toBe(first.headers.location);
    expect(w.created).toHaveLength(1);

    const reused = await request(a)
      .post('/things')
      .set('authorization', token(lead))
      .set('idempotency-key', 'k-1')
      .send({ name: 'Bager', positions: 2 })
      .expect(422);
    expect(reused.body.type).toBe('urn:rs:problem:idempotency-key-reused');
    // The same key is another principal's own key.
    await request(a).post('/things').set('authorization', token(other)).set('idempotency-key', 'k-1').send(body).expect(201);
    expect(w.created).toHaveLength(2);
  });

  it('refuses a concurrent call with the same key while the first is in flight (409)', async () => {
    const w = world(redis, prefix);
    const [a, b] = [w.app(), w.app()];
    const release = w.hold();
    const body = { name: 'Smed', positions: 1 };
    const first = request(a)
      .post('/things')
      .set('authorization', token(lead))
      .set('idempotency-key', 'k-2')
      .send(body)
      .then((r) => r);
    // The first call has claimed its key once its effect is blocked at the gate.
    const deadline = Date.now() + 5_000;
    let second: request.Response | undefined;
    while (Date.now() < deadline) {
      second = await request(b).post('/things').set('authorization', token(lead)).set('idempotency-key', 'k-2').send(body);
      if (second.status === 409) break;
    }
    expect(second?.status).toBe(409);
    expect(second?.headers['retry-after']).toBe('1');
    release();
    expect((await first).status).toBe(201);
    expect(w.created).toHaveLength(1);
  });

  it('answers errors as RFC 9457 problems in English and Danish, naming the field', async () => {
    const app = world(redis, prefix).app();
    const unknown = await request(app)
      .post('/things')
      .set('authorization', token(lead))
      .send({ name: 'x', positions: 1, salary: 1 })
      .expect(400);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({
      type: 'urn:rs:problem:invalid-request',
      title: 'Bad request',
      title_da: 'Ugyldig forespørgsel',
      status: 400,
      instance: '/things',
      errors: [{ field: 'body.salary', message: expect.stringContaining('unknown field') }],
    });
    expect(unknown.body.detail_da).toContain('body.salary');
    const bad = await request(app).post('/things').set('authorization', token(lead)).send({ name: 'x', positions: 0 }).expect(400);
    expect(bad.body.errors).toEqual([
      { field: 'body.positions', message: expect.any(String), message_en: expect.any(String), message_da: 'skal være mindst 1' },
    ]);
    await request(app).post('/things').set('authorization', token(lead)).set('content-type', 'text/plain').send('name=x').expect(415);
    await request(app)
      .post('/things')
      .set('authorization', token(lead))
      .send({ name: 'x'.repeat(200_000), positions: 1 })
      .expect(413);
    const broken = await request(app)
      .post('/things')
      .set('authorization', token(lead))
      .set('content-type', 'application/json')
      .send('{"name":')
      .expect(400);
    expect(broken.body.type).toBe('urn:rs:problem:invalid-json');
    const conflict = await request(app).get('/jobcentres/999').set('authorization', token(lead)).expect(409);
    expect(conflict.body).toMatchObject({ detail: 'Taken', detail_da: 'Optaget' });
    const missing = await request(app).get('/nowhere').set('authorization', token(lead)).expect(404);
    expect(missing.body.title_da).toBe('Ikke fundet');
    expect(JSON.stringify(missing.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('parses path parameters strictly: 0x65, " 101" and 1e2 are not jobcentre 101', async () => {
    const app = world(redis, prefix).app();
    await request(app).get('/jobcentres/101').set('authorization', token(lead)).expect(200, { code: 101 });
    for (const code of ['0x65', '%20101', '1e2', '0101', '101.0', '-101']) {
      const res = await request(app).get(`/jobcentres/${code}`).set('authorization', token(lead)).expect(400);
      expect(res.body.errors[0].field).toBe('params.code');
    }
  });

  it('refuses tokens without exp, aud or iss, expired, from another issuer, and principals naming no real jobcentre or cooperation', async () => {
    const app = world(redis, prefix).app();
    const refused = async (jwt: string, why: RegExp) => {
      const res = await request(app).get('/jobcentres/101').set('authorization', `Bearer ${jwt}`).expect(401);
      expect(res.body.detail).toMatch(why);
    };
    await refused(signTestToken(lead, { expiresIn: null }), /exp/);
    await refused(signTestToken(lead, { expiresIn: -120 }), /expired/);
    await refused(signTestToken(lead, { aud: null }), /aud/);
    await refused(signTestToken(lead, { aud: 'api://someone-else' }), /aud/);
    await refused(signTestToken(lead, { iss: null }), /iss/);
    await refused(signTestToken(lead, { iss: 'https://idp.example.com' }), /iss/);
    // Right iss and aud, but signed by a key the issuer does not publish.
    await refused(signTestToken(lead, { key: foreignKey() }), /not signed by the trusted issuer/);
    expect(testIssuerUrl()).toMatch(/^http/);
    // 155 Dragør is a municipality served by Tårnby, not a jobcentre.
    await request(app)
      .get('/jobcentres/101')
      .set('authorization', token({ role: 'jobcentre', sub: 'x', jobcentre: 155 }))
      .expect(401);
    await request(app)
      .get('/jobcentres/101')
      .set('authorization', token({ role: 'secretariat', sub: 'x', cooperation: 'NOPE' }))
      .expect(401);
    await request(app)
      .get('/jobcentres/101')
      .set('authorization', token({ role: 'secretariat', sub: 'x', cooperation: 'HRS' }))
      .expect(200);
    await request(app).get('/jobcentres/101').expect(401);
  });

  it('neither hangs nor refuses while Redis is away: limits pass, a keyed create is a 503, an unkeyed one works', async () => {
    // Like the services' own client: commands wait in its queue while Redis is unreachable.
    const away = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: null, retryStrategy: () => 200 });
    away.on('error', () => {});
    try {
      const w = world(away, prefix);
      const app = w.app();
      await request(app).get('/jobcentres/101').set('authorization', token(lead)).expect(200);
      const keyed = await request(app)
        .post('/things')
        .set('authorization', token(lead))
        .set('idempotency-key', 'k-3')
        .send({ name: 'x', positions: 1 })
        .expect(503);
      expect(keyed.body.type).toBe('urn:rs:problem:unavailable');
      await request(app).post('/things').set('authorization', token(lead)).send({ name: 'x', positions: 1 }).expect(201);
      expect(w.created).toHaveLength(1);
    } finally {
      away.disconnect();
    }
  });

  it('sends helmet headers, documents every route and serves the docs from node_modules', async () => {
    const app = world(redis, prefix).app();
    const res = await request(app).get('/openapi.json').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(res.body.openapi).toBe('3.1.0');
    expect(documentedRoutes(res.body).sort()).toEqual(expressRoutes(app).sort());
    expect(res.body.paths['/things'].post.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    const html = await request(app).get('/docs/').expect(200);
    expect(html.text).toContain('swagger-ui-bundle.js');
    expect(html.text).not.toMatch(/https?:\/\/(?!www\.w3\.org)/);
    await request(app).get('/docs/swagger-ui-bundle.js').expect(200);
  });
});
