import { busVars, cooperationVars, mongoVars, redisVars, relayVars, serviceVars } from '@rs/config';
import { httpEdgeVars } from '@rs/service-kit';
import { z } from 'zod';

/** Redis holds the HTTP edge's rate-limit counts and idempotency keys, and the service-goal timers (R3, R4). */
export const orderIntakeConfig = {
  ...serviceVars,
  ...mongoVars,
  ...busVars,
  ...cooperationVars,
  ...relayVars,
  ...redisVars,
  ...httpEdgeVars,
  /** Database name of this service. Default order-intake. */
  MONGO_DB: z.string().min(1).default('order-intake'),
  /**
   * How long before a service goal (R3, R4) falls due its lead jobcentre is warned, in seconds.
   * A lead time longer than the goal's window warns at registration. Default 14400 (4 hours).
   */
  SERVICE_GOAL_WARN_BEFORE_SECONDS: z.coerce.number().int().min(0).default(14_400),
  /**
   * Tests only: one "working day" of the service goals is this many plain seconds (no calendar),
   * so the 1- and 3-day windows pass in seconds. Default: Danish working days in Europe/Copenhagen.
   */
  SERVICE_GOAL_DAY_SECONDS: z.coerce.number().int().min(1).optional(),
  /**
   * How often every replica re-creates the service-goal timers that Redis lost or whose job
   * failed for good, in seconds; also run once at start. Default 300.
   */
  TIMER_RECONCILE_SECONDS: z.coerce.number().int().min(1).default(300),
  /**
   * Weeks after a hire's start date at which the cooperation's onboarding consultant follows up
   * (R10), comma-separated. Default 4,13.
   */
  ONBOARDING_FOLLOW_UP_WEEKS: z
    .string()
    .regex(/^\d{1,3}(,\d{1,3})*$/, 'comma-separated whole weeks, e.g. 4,13')
    .default('4,13')
    .transform((s) => s.split(',').map(Number))
    .refine((weeks) => weeks.every((w) => w >= 1 && w <= 156), 'each week between 1 and 156'),
  /**
   * Shared secret the telephony system signs its webhook calls with (HMAC-SHA256), at least 32
   * characters. Unset (the default): POST /webhooks/telephony/calls answers 404.
   */
  TELEPHONY_WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** How far a webhook call's timestamp may be from now, in seconds, before it is refused as a replay. Default 300. */
  TELEPHONY_WEBHOOK_TOLERANCE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
};
