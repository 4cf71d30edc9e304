import { commonVars, ConfigError } from '@rs/config';
import { z } from 'zod';

/** Environment of the rs-connector CLI. */
export const connectorVars = {
  /**
   * Broker URL. With one jobcentre it carries that jobcentre's credentials
   * (amqp://jobcentre-147:secret@host:5672/); with several (demo) it carries none and
   * CONNECTOR_PASSWORDS_FILE supplies them.
   */
  AMQP_URL: commonVars.AMQP_URL,
  /** The jobcentre code(s) to run, comma-separated, e.g. 147 or 147,151. */
  JOBCENTRES: z
    .string()
    .regex(/^\d{3}(,\d{3})*$/, 'comma-separated three-digit jobcentre codes')
    .transform((s) => s.split(',').map(Number)),
  /** JSON file {"147": "password", ...}; needed when AMQP_URL has no credentials. */
  CONNECTOR_PASSWORDS_FILE: z.string().optional(),
  /**
   * File holding the one jobcentre's broker password (a secret file, e.g. /run/secrets/broker_password;
   * a trailing line break is ignored); used when AMQP_URL has no credentials, before CONNECTOR_PASSWORDS_FILE.
   */
  AMQP_PASSWORD_FILE: z.string().optional(),
  LOG_LEVEL: commonVars.LOG_LEVEL,
  /** demo: share of broadcasts left unanswered. Default 0.1. */
  DEMO_SILENT_SHARE: z.coerce.number().min(0).max(1).default(0.1),
  /** demo: share answered "no qualified candidates". Default 0.3. */
  DEMO_NONE_SHARE: z.coerce.number().min(0).max(1).default(0.3),
  /** demo: shortest answering delay in ms. Default 2000. */
  DEMO_MIN_DELAY_MS: z.coerce.number().int().min(0).default(2000),
  /** demo: generated CVs each demo jobcentre shares with the pool at start (0 = none). Default 40. */
  DEMO_POOL_SIZE: z.coerce.number().int().min(0).max(5000).default(40),
  /**
   * demo: jobcentres (comma-separated) that only share their generated CVs with the pool — their
   * consultants answer by hand in the web front, so the demo does not consume their queues.
   * Default none.
   */
  DEMO_SHARE_ONLY: z
    .string()
    .regex(/^(\d{3}(,\d{3})*)?$/, 'comma-separated three-digit jobcentre codes')
    .default('')
    .transform((s) => (s === '' ? [] : s.split(',').map(Number))),
  /** demo: longest answering delay in ms. Default 20000. */
  DEMO_MAX_DELAY_MS: z.coerce.number().int().min(0).default(20000),
};

const httpUrl = z.string().refine((v) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
}, 'must be an http or https URL');

/** Environment of `rs-connector webhook`: one jobcentre, its local system's endpoint. */
export const webhookVars = {
  AMQP_URL: connectorVars.AMQP_URL,
  /** The one jobcentre this connector serves, e.g. 147 (webhook mode serves exactly one). */
  JOBCENTRES: connectorVars.JOBCENTRES.refine((codes) => codes.length === 1, 'webhook mode serves exactly one jobcentre'),
  CONNECTOR_PASSWORDS_FILE: connectorVars.CONNECTOR_PASSWORDS_FILE,
  AMQP_PASSWORD_FILE: connectorVars.AMQP_PASSWORD_FILE,
  LOG_LEVEL: commonVars.LOG_LEVEL,
  /**
   * The local system's endpoint, e.g. http://127.0.0.1:8080/rs-messages. Every message is POSTed
   * as JSON `{ type, id, data }`; see docs/connector.md for the answers it may give.
   */
  WEBHOOK_URL: httpUrl,
  /** Milliseconds one POST may take before it counts as failed (and is retried). Default 10000. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(300_000).default(10_000),
  /**
   * Milliseconds one message is retried in-process while the local system is down (1 s doubling
   * to 60 s), before it goes back to the broker for a later redelivery. Must stay below RabbitMQ's
   * consumer_timeout (30 min). Default 600000 (10 minutes).
   */
  WEBHOOK_MAX_WAIT_MS: z.coerce.number().int().min(0).max(1_500_000).default(600_000),
};

/** Environment of `rs-admin`. */
export const adminVars = {
  /**
   * RabbitMQ management API with an administrator's credentials,
   * e.g. http://admin:secret@127.0.0.1:15672.
   */
  RABBITMQ_MGMT_URL: httpUrl,
};

/** Environment of `rs-admin dead-letters`. */
export const deadLetterVars = {
  /**
   * Broker URL with an administrator's credentials, the path being the vhost,
   * e.g. amqp://admin:secret@127.0.0.1:5672/ (it reads the dead-letter queues and publishes
   * redrives to rs.retry, which no jobcentre user may do).
   */
  AMQP_URL: commonVars.AMQP_URL,
};

export const PasswordsFile = z.record(z.string().regex(/^\d{3}$/), z.string().min(1));

/** Environment of `rs-connector inbox`. */
export const inboxVars = {
  AMQP_URL: connectorVars.AMQP_URL,
  /** The one jobcentre whose inbox this is, e.g. 147. */
  JOBCENTRES: connectorVars.JOBCENTRES.refine((codes) => codes.length === 1, 'the inbox serves exactly one jobcentre'),
  CONNECTOR_PASSWORDS_FILE: connectorVars.CONNECTOR_PASSWORDS_FILE,
  AMQP_PASSWORD_FILE: connectorVars.AMQP_PASSWORD_FILE,
  /** Log level for the connection itself (the inbox prints to the terminal). Default warn. */
  LOG_LEVEL: commonVars.LOG_LEVEL.default('warn'),
  /** Where unanswered broadcasts are kept between sessions. Default ./rs-inbox-<code>.json. */
  INBOX_STATE_FILE: z.string().min(1).optional(),
};

/** Environment of `rs-connector sync`: one jobcentre, whose candidates the file holds. */
export const syncVars = {
  AMQP_URL: connectorVars.AMQP_URL,
  /** The one jobcentre whose CVs are synced, e.g. 147. */
  JOBCENTRES: connectorVars.JOBCENTRES.refine((codes) => codes.length === 1, 'sync serves exactly one jobcentre'),
  CONNECTOR_PASSWORDS_FILE: connectorVars.CONNECTOR_PASSWORDS_FILE,
  AMQP_PASSWORD_FILE: connectorVars.AMQP_PASSWORD_FILE,
  /** Log level for the connection (progress and the summary are printed regardless). Default warn. */
  LOG_LEVEL: commonVars.LOG_LEVEL.default('warn'),
};

/** Command-line flags of `rs-connector sync`. */
export const SyncFlags = z.object({
  format: z.enum(['csv', 'jsonl']).optional(),
  batch: z.coerce.number().int().min(1).max(500),
  full: z.boolean().default(false),
});

/** Flags validated like the environment: every bad one named at once. */
export function parseFlags<T extends z.ZodType>(schema: T, flags: unknown): z.infer<T> {
  const parsed = schema.safeParse(flags);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`));
  return parsed.data;
}

/** Environment of `rs-connector doctor`: the connector's own, plus the feed to check the clock and token against. */
export const doctorVars = {
  AMQP_URL: connectorVars.AMQP_URL,
  /** The one jobcentre to check, e.g. 147. */
  JOBCENTRES: connectorVars.JOBCENTRES.refine((codes) => codes.length === 1, 'the doctor checks exactly one jobcentre'),
  CONNECTOR_PASSWORDS_FILE: connectorVars.CONNECTOR_PASSWORDS_FILE,
  AMQP_PASSWORD_FILE: connectorVars.AMQP_PASSWORD_FILE,
  /**
   * Base URL of the platform's broadcast service, whose catch-up feed the token is for, e.g.
   * https://broadcast.example.dk. Unset: the clock and the feed token are not checked.
   */
  FEED_URL: httpUrl.optional(),
  /** The jobcentre's feed token, an opaque bearer token issued by the platform. */
  FEED_TOKEN: z.string().min(1).optional(),
  /** File holding the feed token (a secret file); used when FEED_TOKEN is not set. */
  FEED_TOKEN_FILE: z.string().optional(),
  /** Seconds this server's clock may differ from the platform's before the doctor says so. Default 30. */
  DOCTOR_MAX_CLOCK_SKEW_SECONDS: z.coerce.number().min(0).max(86_400).default(30),
  /** Milliseconds each network step (connect, queue check, feed read) may take. Default 5000. */
  DOCTOR_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
};
