import { busVars, mongoVars, serviceVars } from '@rs/config';
import { httpEdgeVars } from '@rs/service-kit';
import { z } from 'zod';

/**
 * No timers yet (no Redis) and no outbox (it records what it saw with an upsert). It serves no
 * API of its own, only the probes and its document: the edge's limits count in the process.
 */
export const serviceConfig = {
  ...serviceVars,
  ...mongoVars,
  ...busVars,
  ...httpEdgeVars,
  /** Database name of this service. Default upskilling-seat. */
  MONGO_DB: z.string().min(1).default('upskilling-seat'),
};
