import { busVars, mongoVars, relayVars, serviceVars } from '@rs/config';
import { z } from 'zod';

/** No timers, so no Redis. */
export const serviceConfig = {
  ...serviceVars,
  ...mongoVars,
  ...busVars,
  ...relayVars,
  /** Database name of this service. Default matching. */
  MONGO_DB: z.string().min(1).default('matching'),
};
