import { z } from 'zod';

/** The HTTP edge's variables; each service spreads these into its config schema. */
export const httpEdgeVars = {
  /**
   * Calls one principal (a token's role and subject; without a valid token, the client address)
   * may make per window, counted in Redis across every replica of the service. Default 600.
   */
  HTTP_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000_000).default(600),
  /** The rate-limit window in seconds. Default 60. */
  HTTP_RATE_WINDOW_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
  /** How long the answer to an `Idempotency-Key` is replayed, in seconds. Default 86400 (24 hours). */
  HTTP_IDEMPOTENCY_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(7 * 86_400)
    .default(86_400),
  /**
   * How long a request holds its `Idempotency-Key` while it runs, in seconds: a retry within it is
   * answered 409, after it the request runs again. Set it above the slowest creating request.
   * Routes whose effect must happen once (POST /orders, hires, rounds) are idempotent by their own
   * keys as well, so a lapsed lease costs no duplicate there. Default 60.
   */
  HTTP_IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(60),
};

export interface HttpEdgeConfig {
  HTTP_RATE_LIMIT: number;
  HTTP_RATE_WINDOW_SECONDS: number;
  HTTP_IDEMPOTENCY_TTL_SECONDS: number;
  HTTP_IDEMPOTENCY_LEASE_SECONDS: number;
}

export const HTTP_EDGE_DEFAULTS: HttpEdgeConfig = {
  HTTP_RATE_LIMIT: 600,
  HTTP_RATE_WINDOW_SECONDS: 60,
  HTTP_IDEMPOTENCY_TTL_SECONDS: 86_400,
  HTTP_IDEMPOTENCY_LEASE_SECONDS: 60,
};
