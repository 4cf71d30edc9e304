import { busVars, mongoVars, serviceVars } from '@rs/config';
import { z } from 'zod';

/** No timers yet (no Redis) and no outbox (it records what it saw with an upsert). */
export const serviceConfig = {
  ...serviceVars,
  ...mongoVars,
  ...busVars,
  /** Database name of this service. Default upskilling-seat. */
  MONGO_DB: z.string().min(1).default('upskilling-seat'),
};
