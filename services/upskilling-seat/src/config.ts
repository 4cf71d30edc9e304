import { busVars, mongoVars, redisVars, relayVars, serviceVars } from '@rs/config';
import { httpEdgeVars } from '@rs/service-kit';
import { z } from 'zod';

/**
 * Courses are written through the change log (outbox relay), their request windows are BullMQ
 * timers (Redis), and the HTTP edge shares its rate limits and idempotency keys through Redis.
 */
export const serviceConfig = {
  ...serviceVars,
  ...mongoVars,
  ...busVars,
  ...redisVars,
  ...relayVars,
  ...httpEdgeVars,
  /** Database name of this service. Default upskilling-seat. */
  MONGO_DB: z.string().min(1).default('upskilling-seat'),
  /**
   * How often every replica re-creates the window timers of open courses that Redis lost or whose
   * job failed for good, in seconds; also run at start. Default 300.
   */
  TIMER_RECONCILE_SECONDS: z.coerce.number().int().min(1).default(300),
};
