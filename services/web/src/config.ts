import { serviceVars } from '@rs/config';
import { z } from 'zod';

const url = z.url({ protocol: /^https?$/ });

/**
 * The web front's variables: the API ones (serviceVars: its port, and the issuer whose access
 * tokens it signs users in for — the same OIDC_* the APIs verify), its client at that issuer,
 * the session store and the services it calls.
 */
export const webConfig = {
  ...serviceVars,
  /** The address users reach the web front at (the redirect URI is <this>/auth/callback). Default http://127.0.0.1:<PORT>. */
  WEB_BASE_URL: url.optional(),
  /** The web front's client id at the issuer. Default rs-web. */
  OIDC_CLIENT_ID: z.string().min(1).default('rs-web'),
  /** Its client secret (confidential client; PKCE as well). */
  OIDC_CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters'),
  /** Scopes asked for at sign-in. Default "openid profile api". */
  OIDC_SCOPES: z.string().min(1).default('openid profile api'),
  /** Redis holding the sessions (nothing else of the web front is stored). */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis: or rediss: URL'),
  /** Prefix of the session keys in Redis (lets tests share one Redis). Default rs:web. */
  WEB_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_:-]+$/)
    .default('rs:web'),
  /** Signs the session cookie, at least 32 characters; comma-separated to rotate (first signs). */
  WEB_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters'),
  /** A session unused this long ends, in seconds. Default 1800 (30 minutes). */
  WEB_SESSION_IDLE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(1800),
  /** A session ends this long after sign-in however active, in seconds. Default 28800 (8 hours). */
  WEB_SESSION_ABSOLUTE_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(7 * 86_400)
    .default(28_800),
  /** order-intake's API. */
  ORDER_INTAKE_URL: url,
  /** broadcast's API. */
  BROADCAST_URL: url,
  /** matching's API (candidate search, the pool). Default http://127.0.0.1:3003, as `npm start` runs it. */
  MATCHING_URL: url.default('http://127.0.0.1:3003'),
  /** upskilling-seat's API (courses and seats). Default http://127.0.0.1:3004. */
  UPSKILLING_URL: url.default('http://127.0.0.1:3004'),
  /** reporting's API (figures, the KKR scheme, cooperations). Default http://127.0.0.1:3005. */
  REPORTING_URL: url.default('http://127.0.0.1:3005'),
  /** The RabbitMQ management dashboard, linked from the admin page. Default http://127.0.0.1:15672. */
  RABBITMQ_DASHBOARD_URL: url.default('http://127.0.0.1:15672'),
  /** The Bull Board timer dashboard, linked from the admin page. Default /admin/queues/ on this front, which passes it on from broadcast with the admin's token. */
  BULL_BOARD_URL: url.optional(),
};
