import { busVars, mongoVars, relayVars, serviceVars } from '@rs/config';
import { z } from 'zod';

/** No Redis until the service-goal timers (R3, R4) are built. */
export const orderIntakeConfig = {
  ...serviceVars,
  ...mongoVars,
  ...busVars,
  ...relayVars,
  /** Database name of this service. Default order-intake. */
  MONGO_DB: z.string().min(1).default('order-intake'),
};
