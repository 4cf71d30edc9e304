import { busVars, cooperationVars, mongoVars, redisVars, relayVars, serviceVars } from '@rs/config';
import { httpEdgeVars } from '@rs/service-kit';
import { z } from 'zod';

/** No timers; Redis holds the HTTP edge's rate-limit counts, shared by the replicas. */
export const serviceConfig = {
  ...serviceVars,
  ...mongoVars,
  ...busVars,
  ...cooperationVars,
  ...relayVars,
  ...redisVars,
  ...httpEdgeVars,
  /** Database name of this service. Default matching. */
  MONGO_DB: z.string().min(1).default('matching'),
  /** A searchable CV not updated for this many days is reported to its jobcentre ("keep CVs current"). Default 30. */
  STALE_CV_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** How often stale CVs are looked for; each jobcentre is told at most once a day. Default 3600 s. */
  STALE_REPORT_SECONDS: z.coerce.number().int().min(1).default(3600),
  /** Reads of candidate data (CV, search, shortlist) are kept this many days, then deleted. Default 183 (6 months). */
  READ_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(183),
  /**
   * How often this replica's in-memory index takes over the CVs other replicas stored (each
   * replica applies the CV messages it consumes at once). Default 10 s.
   */
  INDEX_REFRESH_SECONDS: z.coerce.number().int().min(1).default(10),
};
