import { RETRY_DEFAULTS } from '@rs/contracts';
import { z } from 'zod';

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    `must be a ${protocols.join(' or ')} URL`,
  );

/**
 * Variables of every service (its HTTP API and health endpoints). A service's config.ts spreads
 * these and then only the fragments of the servers it connects to (`mongoVars`, `busVars`,
 * `redisVars` or `redisEdgeVars`, `relayVars`), so it asks for no URL it does not use.
 */
export const serviceVars = {
  /** HTTP port of the service's API and health endpoints. */
  PORT: z.coerce.number().int().min(1).max(65535),
  /**
   * The OpenID Connect issuer whose access tokens the API accepts (`iss` must equal it), e.g. the
   * municipality's Entra ID `https://login.microsoftonline.com/<tenant>/v2.0`, or the embedded
   * identity service (`npm start`: http://127.0.0.1:3010). Required; no shared secret exists.
   */
  OIDC_ISSUER: url(['http:', 'https:']),
  /** The `aud` every access token must carry: this platform's API at the provider. Default api://rs. */
  OIDC_AUDIENCE: z.string().min(1).default('api://rs'),
  /** The provider's signing keys (JWKS). Default: `jwks_uri` of the issuer's discovery document. */
  OIDC_JWKS_URL: url(['http:', 'https:']).optional(),
  /** The claim holding the role (a string or, as Entra ID's `roles`, an array). Default role. */
  OIDC_ROLE_CLAIM: z.string().min(1).default('role'),
  /** The claim holding a consultant's jobcentre code (number or 3-digit string). Default jobcentre. */
  OIDC_JOBCENTRE_CLAIM: z.string().min(1).default('jobcentre'),
  /** The claim holding a secretariat or onboarding user's cooperation id. Default cooperation. */
  OIDC_COOPERATION_CLAIM: z.string().min(1).default('cooperation'),
  /**
   * The provider's role values mapped to this platform's roles, `value=role,…` with role one of
   * jobcentre, phone-line, secretariat, onboarding, admin (e.g. `RS.Consultant=jobcentre`).
   * Values that already are our roles need no entry. Default empty.
   */
  OIDC_ROLE_MAP: z
    .string()
    .default('')
    .refine(
      (s) => s.split(',').every((p) => !p.trim() || /^[^=]+=(jobcentre|phone-line|secretariat|onboarding|admin)$/.test(p.trim())),
      'value=role pairs, comma-separated; role one of jobcentre, phone-line, secretariat, onboarding, admin',
    )
    .transform((s) =>
      Object.fromEntries(
        s
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)
          .map((p) => p.split('=').map((x) => x.trim()) as [string, string]),
      ),
    ),
  /** pino level: fatal, error, warn, info, debug, trace or silent. Default info. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `production` refuses unsafe infrastructure (e.g. Redis without AOF). Default development. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
};

/** For a service with a database. It adds `MONGO_DB` (its own database name, default the service name). */
export const mongoVars = {
  /** MongoDB connection string, e.g. mongodb://127.0.0.1:27017. The database name comes from MONGO_DB. */
  MONGO_URL: url(['mongodb:', 'mongodb+srv:']),
};

/** For a service that publishes or consumes messages. */
export const busVars = {
  /** AMQP URL of the service's broker user, e.g. amqp://guest:guest@127.0.0.1:5672/ (the vhost is the path). */
  AMQP_URL: url(['amqp:', 'amqps:']),
  /**
   * Delays in seconds between retries of a message whose handler failed for a transient reason
   * (database, Redis or broker unavailable), comma-separated and ascending; the last one repeats.
   * Each delay is a delay queue `<queue>.retry-<delay>` (a new value declares a new queue; an old
   * one drains by itself and can be deleted). Fractions are allowed for tests (0.2).
   * Default 1,10,60,300.
   */
  RETRY_DELAYS_SECONDS: z
    .string()
    .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, 'comma-separated seconds, e.g. 1,10,60,300')
    .default(RETRY_DEFAULTS.delaysSeconds.join(','))
    .transform((s) => s.split(',').map(Number))
    .refine((d) => d.every((s) => s >= 0.001 && s <= 86_400), 'each delay between 0.001 and 86400 seconds')
    .refine((d) => d.length <= 10, 'at most 10 delays (one queue each)'),
  /**
   * Seconds a failing message is retried, counted from its first failure, before it is
   * dead-lettered as retries-exhausted (then `rs-admin dead-letters redrive` puts it back).
   * Default 1800 (30 minutes: an outage that long loses no message).
   */
  RETRY_MAX_SECONDS: z.coerce
    .number()
    .min(0)
    .max(7 * 86_400)
    .default(RETRY_DEFAULTS.maxSeconds),
};

/**
 * For a service that uses Redis only at its HTTP edge: rate-limit counts and Idempotency-Key
 * records shared by every replica (runService `redis: { readiness: false }`, http `redis` and
 * `keyPrefix: TIMER_PREFIX`). Without them each replica would count and remember on its own.
 */
export const redisEdgeVars = {
  /** Redis for BullMQ timers and the HTTP edge, e.g. redis://127.0.0.1:6379. Must run with AOF and noeviction. */
  REDIS_URL: url(['redis:', 'rediss:']),
  /** Prefix for BullMQ and HTTP-edge keys in Redis; lets several installations (or tests) share one Redis. Default rs. */
  TIMER_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
    .default('rs'),
};

/** For a service with BullMQ timers (and the HTTP edge's shared keys, as redisEdgeVars). */
export const redisVars = {
  ...redisEdgeVars,
  /**
   * Runs of a timer job whose handler fails (database or broker down) before BullMQ keeps it as
   * failed; broadcast's periodic reconcile then re-creates it. Default 10 (about 17 minutes with
   * the default backoff).
   */
  TIMER_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  /** First delay before a failed timer job runs again, in ms, doubled each time. Default 1000. */
  TIMER_BACKOFF_MS: z.coerce.number().int().min(1).default(1000),
};

/** For a service that writes through the change log (outbox) and so runs a relay. */
export const relayVars = {
  /** Milliseconds between outbox relay polls (the relay is also kicked after each local write). Default 500. */
  OUTBOX_POLL_MS: z.coerce.number().int().min(10).max(60_000).default(500),
  /**
   * Milliseconds a replica holds a document while relaying its outbox. After a crash, another
   * replica (or the restarted one) takes over once it lapses. Default 10000.
   */
  OUTBOX_LEASE_MS: z.coerce.number().int().min(500).max(300_000).default(10_000),
};

/** For a service that follows the cooperations (service-kit's runService `cooperations` part). */
export const cooperationVars = {
  /**
   * How often every replica re-reads the cooperations it follows from its own store, in seconds:
   * a cooperation.changed goes to one replica of a service, the others pick it up within this
   * time. Default 5.
   */
  COOPERATION_RELOAD_SECONDS: z.coerce.number().int().min(1).default(5),
};

/** Every variable above (for tools that take any of them). */
export const commonVars = { ...mongoVars, ...busVars, ...redisVars, ...serviceVars, ...relayVars, ...cooperationVars };
