import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jwtVerifier } from '@rs/service-kit';
import {
  foreignKey,
  type RunningService,
  signTestToken,
  spawnService,
  TEST_AUDIENCE,
  type TestPlatform,
  testIssuerUrl,
  testPlatform,
  tokenFor,
} from '@rs/testkit';

/** A connector's feed token: client credentials at the issuer's token endpoint. */
async function clientCredentials(identity: RunningService, clientId: string, secret: string) {
  const res = await fetch(`${identity.url}/token`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'api', resource: TEST_AUDIENCE }),
  });
  return { status: res.status, body: (await res.json()) as { access_token?: string; token_type?: string; error?: string } };
}

describe('the identity service of the test run', () => {
  it('publishes the key the test tokens are signed with, and the APIs accept those tokens', async () => {
    const discovery = (await (await fetch(`${testIssuerUrl()}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect(discovery.issuer).toBe(testIssuerUrl());
    const jwks = (await (await fetch(discovery.jwks_uri!)).json()) as { keys: { kid: string; d?: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual(['rs-test']);
    // Only the public half is published.
    expect(jwks.keys[0]?.d).toBeUndefined();
    const verify = jwtVerifier({ issuer: testIssuerUrl(), audience: TEST_AUDIENCE });
    expect(await verify(`Bearer ${tokenFor({ role: 'jobcentre', sub: 'c-185', jobcentre: 185 })}`)).toEqual({
      role: 'jobcentre',
      sub: 'c-185',
      jobcentre: 185,
    });
  });
});

describe('connector feed tokens by client credentials, checked by a real API', () => {
  let platform: TestPlatform;
  let identity: RunningService;
  let broadcast: RunningService;
  let intake: RunningService;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rs-identity-'));
    const secrets = join(dir, 'connectors.json');
    writeFileSync(secrets, JSON.stringify({ 185: 'connector-185-secret-value' }));
    identity = await spawnService('identity', {
      IDENTITY_AUDIENCE: TEST_AUDIENCE,
      IDENTITY_WEB_CLIENT_SECRET: 'a-web-secret-of-sixteen',
      IDENTITY_WEB_REDIRECT_URIS: 'http://127.0.0.1:1/auth/callback',
      IDENTITY_CONNECTOR_SECRETS_FILE: secrets,
      NODE_ENV: 'test',
    });
    platform = await testPlatform();
    // These services trust this identity service (its own fresh key), not the run's.
    broadcast = await platform.start('broadcast', { OIDC_ISSUER: identity.url });
    intake = await platform.start('order-intake', { OIDC_ISSUER: identity.url });
  });
  afterAll(async () => {
    await platform?.dispose();
    await identity?.stop();
  });

  it("gives connector-185 a token that reads Tårnby's feed and nobody else's", async () => {
    const { status, body } = await clientCredentials(identity, 'connector-185', 'connector-185-secret-value');
    expect(status).toBe(200);
    expect(body.token_type).toBe('Bearer');
    const feed = (code: number) =>
      fetch(`${broadcast.url}/jobcentres/${code}/feed?since=2026-01-01T00:00:00Z`, {
        headers: { authorization: `Bearer ${body.access_token}` },
      });
    expect((await feed(185)).status).toBe(200);
    expect((await feed(101)).status).toBe(404);
  });

  it('refuses a wrong client secret', async () => {
    expect((await clientCredentials(identity, 'connector-185', 'wrong-secret')).status).toBe(401);
  });

  it('refuses a token from another issuer, an expired one, and one without aud (401)', async () => {
    const lead = { role: 'jobcentre', sub: 'consultant-101', jobcentre: 101 };
    const get = (jwt: string) => fetch(`${intake.url}/orders/some-order`, { headers: { authorization: `Bearer ${jwt}` } });
    // The run's issuer signs with another key than this identity service publishes.
    const cases: Array<[string, string]> = [
      ['another issuer (iss)', signTestToken(lead)],
      ['another key with the right iss', signTestToken(lead, { iss: identity.url, key: foreignKey() })],
      ['expired', signTestToken(lead, { iss: identity.url, expiresIn: -300 })],
      ['without aud', signTestToken(lead, { iss: identity.url, aud: null })],
    ];
    for (const [why, jwt] of cases) {
      const res = await get(jwt);
      expect([why, res.status]).toEqual([why, 401]);
      expect(((await res.json()) as { type: string }).type).toBe('urn:rs:problem:unauthenticated');
    }
  });
});
