import { z } from 'zod';

const csv = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean),
  );

/**
 * The embedded identity provider's variables. It is the development and test default; in
 * Compose and production the services' OIDC_ISSUER names the municipality's provider instead.
 */
export const identityConfig = {
  /** HTTP port of the provider. */
  PORT: z.coerce.number().int().min(1).max(65535),
  /** The issuer URL as clients reach it (`iss` of every token). Default http://127.0.0.1:<PORT>. */
  IDENTITY_ISSUER: z.url().optional(),
  /** The audience (`aud`) of the access tokens it issues: the platform's APIs. Default api://rs. */
  IDENTITY_AUDIENCE: z.string().min(1).default('api://rs'),
  /**
   * The private signing key as a JWK (JSON, RS256 or ES256). It is published in /jwks. Without it
   * (and without IDENTITY_SIGNING_KEY_FILE) a fresh key is made at start: tokens then end with the process.
   */
  IDENTITY_SIGNING_KEY: z.string().optional(),
  /** A file holding that JWK (npm start keeps one under .data/). */
  IDENTITY_SIGNING_KEY_FILE: z.string().optional(),
  /** Lifetime of an access token in seconds. Default 3600. */
  IDENTITY_ACCESS_TOKEN_SECONDS: z.coerce.number().int().min(10).max(86_400).default(3600),
  /** Lifetime of a sign-in session at the provider in seconds. Default 28800 (a working day). */
  IDENTITY_SESSION_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(28_800),
  /** Client id of the web front. Default rs-web. */
  IDENTITY_WEB_CLIENT_ID: z.string().min(1).default('rs-web'),
  /** Its client secret (at least 16 characters); the web front has the same in OIDC_CLIENT_SECRET. */
  IDENTITY_WEB_CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters'),
  /** Where the web front receives the code, comma-separated, e.g. http://127.0.0.1:3000/auth/callback. */
  IDENTITY_WEB_REDIRECT_URIS: csv.refine((v) => v.length > 0, 'at least one redirect URI'),
  /** Where the provider may send the browser after sign-out, comma-separated. Default none. */
  IDENTITY_WEB_POST_LOGOUT_URIS: csv,
  /**
   * Connectors' client credentials: a JSON file `{ "<jobcentre code>": "<secret>" }`. Each becomes
   * client `connector-<code>` whose tokens name that jobcentre (the catch-up feed). Default none.
   */
  IDENTITY_CONNECTOR_SECRETS_FILE: z.string().optional(),
  /** Keys signing the provider's cookies, comma-separated (first signs, all verify). Default: made at start. */
  IDENTITY_COOKIE_KEYS: csv,
  /** pino level. Default info. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `production` refuses to start: the demo users are for development and tests only. Default development. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
};
