import { busVars, cooperationVars, mongoVars, redisVars, relayVars, serviceVars } from '@rs/config';
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
  ...cooperationVars,
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
  /**
   * A seat request is on time when it arrived (its envelope time) before the window closed, even
   * if processed later; this bounds how far before its processing that time may lie (a sender's
   * clock that is off, a long queue), in seconds. The allocation runs this long after the close,
   * so requests in flight land first. Default 60.
   */
  COURSE_REQUEST_SKEW_SECONDS: z.coerce.number().int().min(0).max(3600).default(60),
};
