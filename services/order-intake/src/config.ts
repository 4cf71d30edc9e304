import { busVars, mongoVars, redisVars, relayVars, serviceVars } from '@rs/config';
import { httpEdgeVars } from '@rs/service-kit';
import { z } from 'zod';

/** Redis holds the HTTP edge's rate-limit counts and idempotency keys (the service-goal timers R3, R4 will use it too). */
export const orderIntakeConfig = {
  ...serviceVars,
  ...mongoVars,
  ...busVars,
  ...relayVars,
  ...redisVars,
  ...httpEdgeVars,
  /** Database name of this service. Default order-intake. */
  MONGO_DB: z.string().min(1).default('order-intake'),
};
