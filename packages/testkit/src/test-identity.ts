import { exportIdentityVars } from './config';
import { freePort, type RunningService, spawnService } from './spawn-service';
import { newSigningJwk, TEST_AUDIENCE, TEST_WEB_CLIENT } from './test-issuer';

/**
 * The identity service for a run of tests or benchmarks: a signing key made for the run, the
 * web client's redirect on a free port, and the key and issuer URL exported to this process (and
 * what it starts), so tokenFor signs tokens the services it starts verify against this issuer.
 */
export async function startTestIdentity(): Promise<RunningService> {
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
  return identity;
}
