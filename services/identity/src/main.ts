import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadConfig } from '@rs/config';
import { createLogger } from '@rs/service-kit';
import type { JWK } from 'jose';
import { identityApp } from './app';
import { identityConfig } from './config';
import { createProvider } from './provider';
import { DEMO_USERS } from './users';

function signingKey(config: { IDENTITY_SIGNING_KEY?: string | undefined; IDENTITY_SIGNING_KEY_FILE?: string | undefined }): JWK {
  const text =
    config.IDENTITY_SIGNING_KEY ?? (config.IDENTITY_SIGNING_KEY_FILE ? readFileSync(config.IDENTITY_SIGNING_KEY_FILE, 'utf8') : undefined);
  if (text) return JSON.parse(text) as JWK;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), alg: 'RS256', kid: `ephemeral-${randomBytes(4).toString('hex')}` };
}

function start(): void {
  const config = loadConfig(identityConfig, process.env);
  if (config.NODE_ENV === 'production') {
    throw new Error('The embedded identity service has demo users only: in production OIDC_ISSUER names the municipality’s provider');
  }
  const logger = createLogger('identity', config.LOG_LEVEL);
  const issuer = config.IDENTITY_ISSUER ?? `http://127.0.0.1:${config.PORT}`;
  const key = signingKey(config);
  const connectors = config.IDENTITY_CONNECTOR_SECRETS_FILE
    ? (JSON.parse(readFileSync(config.IDENTITY_CONNECTOR_SECRETS_FILE, 'utf8')) as Record<string, string>)
    : {};
  const provider = createProvider({
    issuer,
    audience: config.IDENTITY_AUDIENCE,
    signingKey: { ...key, alg: key.alg ?? 'RS256' },
    accessTokenSeconds: config.IDENTITY_ACCESS_TOKEN_SECONDS,
    sessionSeconds: config.IDENTITY_SESSION_SECONDS,
    web: {
      clientId: config.IDENTITY_WEB_CLIENT_ID,
      clientSecret: config.IDENTITY_WEB_CLIENT_SECRET,
      redirectUris: config.IDENTITY_WEB_REDIRECT_URIS,
      postLogoutRedirectUris: config.IDENTITY_WEB_POST_LOGOUT_URIS,
    },
    connectors,
    cookieKeys: config.IDENTITY_COOKIE_KEYS.length > 0 ? config.IDENTITY_COOKIE_KEYS : [randomBytes(24).toString('hex')],
  });
  provider.on('server_error', (_ctx, error) => logger.error({ err: error }, 'identity provider error'));
  const server = identityApp(provider).listen(config.PORT, '127.0.0.1', () => {
    logger.info({ issuer, users: DEMO_USERS.map((u) => u.username), connectors: Object.keys(connectors) }, 'identity ready');
  });
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

try {
  start();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
