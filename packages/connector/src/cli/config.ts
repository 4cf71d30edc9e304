import { commonVars } from '@rs/config';
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
  LOG_LEVEL: commonVars.LOG_LEVEL,
  /** demo: share of broadcasts left unanswered. Default 0.1. */
  DEMO_SILENT_SHARE: z.coerce.number().min(0).max(1).default(0.1),
  /** demo: share answered "no qualified candidates". Default 0.3. */
  DEMO_NONE_SHARE: z.coerce.number().min(0).max(1).default(0.3),
  /** demo: shortest answering delay in ms. Default 2000. */
  DEMO_MIN_DELAY_MS: z.coerce.number().int().min(0).default(2000),
  /** demo: longest answering delay in ms. Default 20000. */
  DEMO_MAX_DELAY_MS: z.coerce.number().int().min(0).default(20000),
};

export const PasswordsFile = z.record(z.string().regex(/^\d{3}$/), z.string().min(1));
