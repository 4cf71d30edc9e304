import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';
import type { IssuerConfig, Principal } from '@rs/service-kit';
import { identityVars } from './config';

/**
 * The tests' token issuer. Jest's global setup makes one RSA key per run, starts the identity
 * service with it (so it is published in that service's /jwks) and exports it here; test tokens
 * are signed with the same key, issuer and audience, synchronously (node:crypto), so `tokenFor`
 * stays a plain function. Without the global setup (RS_SKIP_INFRA=1) a key is made per process:
 * tokens then verify only in-process, against `testIssuerConfig().jwks`.
 */
export const TEST_AUDIENCE = 'api://rs';
const TEST_KID = 'rs-test';

/** The web front's client at the tests' identity service; its redirect URI is on testWebPort(). */
export const TEST_WEB_CLIENT = { id: 'rs-web', secret: 'test-web-client-secret' } as const;

/** The port the identity service of this run expects the web front on (one web front at a time). */
export function testWebPort(): number {
  const port = identityVars().webPort;
  if (!port) throw new Error("RS_TEST_WEB_PORT is not set: run the tests through jest's global setup");
  return port;
}

let local: { key: KeyObject; jwk: Record<string, unknown> } | undefined;

/** A fresh RS256 private key as a JWK with the tests' key id. */
export function newSigningJwk(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(privateKey.export({ format: 'jwk' }) as Record<string, unknown>), kid: TEST_KID, alg: 'RS256' };
}

function signingKey(): { key: KeyObject; jwk: Record<string, unknown> } {
  const { signingJwk } = identityVars();
  if (signingJwk) {
    const jwk = JSON.parse(signingJwk) as Record<string, unknown>;
    return { key: createPrivateKey({ key: jwk as never, format: 'jwk' }), jwk };
  }
  if (!local) {
    const jwk = newSigningJwk();
    local = { key: createPrivateKey({ key: jwk as never, format: 'jwk' }), jwk };
  }
  return local;
}

/** The identity service of this test run, or a placeholder issuer for in-process verification. */
export const testIssuerUrl = (): string => identityVars().issuer ?? 'http://127.0.0.1:9/test-issuer';

/** What an in-process API under test trusts: the test issuer with its public key inline. */
export function testIssuerConfig(): IssuerConfig {
  const publicJwk = createPublicKey(signingKey().key).export({ format: 'jwk' });
  return { issuer: testIssuerUrl(), audience: TEST_AUDIENCE, jwks: { keys: [{ ...publicJwk, kid: TEST_KID, alg: 'RS256', use: 'sig' }] } };
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export interface SignOptions {
  /** Seconds from now; negative for an expired token, null for none. Default 3600. */
  expiresIn?: number | null;
  /** Override or drop (`null`) the standard claims. */
  iss?: string | null;
  aud?: string | null;
  /** Sign with another key (a token from another issuer). */
  key?: KeyObject;
}

/** A signed RS256 JWT with these claims and the test issuer's iss/aud/exp unless told otherwise. */
export function signTestToken(claims: Record<string, unknown>, options: SignOptions = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = {
    iat: now,
    jti: randomBytes(8).toString('hex'),
    ...claims,
  };
  if (options.expiresIn !== null) payload.exp = now + (options.expiresIn ?? 3600);
  const iss = options.iss === undefined ? testIssuerUrl() : options.iss;
  const aud = options.aud === undefined ? TEST_AUDIENCE : options.aud;
  if (iss !== null) payload.iss = iss;
  if (aud !== null) payload.aud = aud;
  const input = `${b64({ alg: 'RS256', typ: 'at+jwt', kid: TEST_KID })}.${b64(payload)}`;
  const signature = sign('sha256', Buffer.from(input), options.key ?? signingKey().key).toString('base64url');
  return `${input}.${signature}`;
}

/** An access token for this principal from the test issuer, valid an hour. */
export function tokenFor(principal: Principal): string {
  return signTestToken({ ...principal });
}

/** A key no issuer the services trust publishes (for "token from another issuer" tests). */
export function foreignKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}
