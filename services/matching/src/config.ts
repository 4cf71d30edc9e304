import { busVars, mongoVars, redisVars, relayVars, serviceVars } from '@rs/config';
import { httpEdgeVars } from '@rs/service-kit';
import { z } from 'zod';

/** No timers; Redis holds the HTTP edge's rate-limit counts, shared by the replicas. */
export const serviceConfig = {
  ...serviceVars,
  ...mongoVars,
  ...busVars,
  ...relayVars,
  ...redisVars,
  ...httpEdgeVars,
  /** Database name of this service. Default matching. */
  MONGO_DB: z.string().min(1).default('matching'),
};
