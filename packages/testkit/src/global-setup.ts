import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportIdentityVars, exportServerUrls, skipInfra } from './config';
import { freePort, type RunningService, spawnService } from './spawn-service';
import { newSigningJwk, TEST_AUDIENCE, TEST_WEB_CLIENT } from './test-issuer';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Starts (or finds) the real RabbitMQ, Redis and MongoDB-wire server once per jest run and
 * exports their URLs to the test workers; then the identity service, with a signing key made for
 * this run, whose issuer URL and key the workers get too (testkit's tokenFor signs with it).
 * Nothing here is mocked.
 */
export default async function globalSetup(): Promise<void> {
  if (skipInfra()) return;
  execFileSync('bash', [join(ROOT, 'scripts', 'infra.sh'), 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
  exportServerUrls(readFileSync(join(ROOT, '.data', 'infra.env'), 'utf8'));
  const jwk = newSigningJwk();
  const webPort = await freePort();
  const identity = await spawnService('identity', {
    IDENTITY_SIGNING_KEY: JSON.stringify(jwk),
    IDENTITY_AUDIENCE: TEST_AUDIENCE,
    IDENTITY_WEB_CLIENT_ID: TEST_WEB_CLIENT.id,
    IDENTITY_WEB_CLIENT_SECRET: TEST_WEB_CLIENT.secret,
    IDENTITY_WEB_REDIRECT_URIS: `http://127.0.0.1:${webPort}/auth/callback`,
    IDENTITY_WEB_POST_LOGOUT_URIS: `http://127.0.0.1:${webPort}/`,
    NODE_ENV: 'test',
  });
  exportIdentityVars({ signingJwk: JSON.stringify(jwk), issuer: identity.url, webPort });
  (globalThis as { rsIdentity?: RunningService }).rsIdentity = identity;
}
