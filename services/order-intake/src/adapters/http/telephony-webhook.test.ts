import { randomUUID } from 'node:crypto';
import { createApp, createLogger, createMetrics, jwtVerifier } from '@rs/service-kit';
import request from 'supertest';
import type { CallStore, NonceStore } from '../../app/company-ports';
import type { CompanyDeps } from '../../app/company-deps';
import type { Call } from '../../domain/call';
import { telephonySignature, telephonyWebhookRoutes } from './telephony-webhook.routes';

const SECRET = 'telephony-secret-that-is-at-least-32-characters';

/**
 * The webhook on in-memory stores whose call store can be made to fail: the nonce must not be
 * used up by a request that stored nothing, and a telephony call stored already answers as it is.
 */
function world() {
  const calls = new Map<string, Call>();
  const nonces = new Set<string>();
  let failNext = 0;
  const callStore: Partial<CallStore> = {
    async insert(call) {
      if (failNext > 0) {
        failNext--;
        throw new Error('the database is away');
      }
      if (calls.has(call.id)) return { kind: 'id-exists' };
      calls.set(call.id, call);
      return { kind: 'inserted' };
    },
    load: async (id) => calls.get(id),
  };
  const nonceStore: NonceStore = {
    async claim(nonce) {
      if (nonces.has(nonce)) return false;
      nonces.add(nonce);
      return true;
    },
    release: async (nonce) => void nonces.delete(nonce),
    prune: async () => 0,
  };
  const deps = {
    calls: callStore,
    nonces: nonceStore,
    companies: { load: async () => undefined, list: async () => [] },
    now: () => new Date(),
    randomInt: () => 0,
    telephony: { secret: SECRET, toleranceSeconds: 60 },
  } as unknown as CompanyDeps;
  const app = createApp({
    service: 'webhook-test',
    logger: createLogger('webhook-test', 'silent'),
    metrics: createMetrics('webhook-test'),
    // The webhook authenticates by its own signature; no bearer token is trusted here.
    verifyToken: jwtVerifier({ issuer: 'http://127.0.0.1/no-issuer', audience: 'api://rs', jwks: { keys: [] } }),
    readiness: {},
    routes: telephonyWebhookRoutes(deps),
  });
  return { app, calls, failOnce: () => (failNext = 1) };
}

function send(app: ReturnType<typeof world>['app'], payload: object, nonce = randomUUID(), signed = true) {
  const body = JSON.stringify(payload);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const req = request(app).post('/webhooks/telephony/calls').set('content-type', 'application/json');
  if (signed)
    req.set({ 'x-rs-timestamp': timestamp, 'x-rs-nonce': nonce, 'x-rs-signature': telephonySignature(SECRET, timestamp, nonce, body) });
  return req.send(body);
}

const event = (callId: string) => ({ callId, receivedAt: new Date().toISOString(), need: 'question' });

describe('the telephony webhook', () => {
  it('gives the nonce back when storing the call fails, so the telephony system’s retry is stored', async () => {
    const w = world();
    w.failOnce();
    const nonce = randomUUID();
    await send(w.app, event('pbx-1'), nonce).expect(500);
    const retry = await send(w.app, event('pbx-1'), nonce).expect(201);
    expect(retry.body).toMatchObject({ telephonyCallId: 'pbx-1', outcome: 'logged' });
    expect(w.calls.size).toBe(1);
  });

  it('answers a call stored already as it is, even under a used nonce; a used nonce with another call is a replay', async () => {
    const w = world();
    const nonce = randomUUID();
    const first = await send(w.app, event('pbx-2'), nonce).expect(201);
    const again = await send(w.app, event('pbx-2'), nonce).expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect((await send(w.app, event('pbx-3'), nonce).expect(409)).body.type).toBe('urn:rs:problem:replayed');
  });

  it('refuses an unsigned request with 401 before it reads the body (no field names)', async () => {
    const w = world();
    const res = await send(w.app, { nonsense: true }, randomUUID(), false).expect(401);
    expect(JSON.stringify(res.body)).not.toContain('callId');
  });
});
