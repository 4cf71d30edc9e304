import { busVars, cooperationVars, mongoVars, redisEdgeVars, relayVars, serviceVars } from '@rs/config';
import { httpEdgeVars } from '@rs/service-kit';
import { z } from 'zod';
import { DEFAULT_THRESHOLDS, ThresholdOverrides } from './domain/thresholds';

/** What the rebuild command reads: the services' own databases on the same server. */
export const sourceVars = {
  ...mongoVars,
  /** Database name of this service (its read model and the KKR scheme). Default reporting. */
  MONGO_DB: z.string().min(1).default('reporting'),
  /** order-intake's database, read by the rebuild (orders, service-goal clocks, follow-ups, agreements). Default order-intake. */
  ORDER_INTAKE_DB: z.string().min(1).default('order-intake'),
  /** broadcast's database, read by the rebuild (rounds and replies). Default broadcast. */
  BROADCAST_DB: z.string().min(1).default('broadcast'),
  /** upskilling-seat's database, read by the rebuild (courses, seats, outcomes, companies' needs). Default upskilling-seat. */
  UPSKILLING_DB: z.string().min(1).default('upskilling-seat'),
};

const json = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((s, ctx) => {
      try {
        return JSON.parse(s) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

export const reportingConfig = {
  ...serviceVars,
  ...busVars,
  ...cooperationVars,
  // The change log's relay: cooperation.changed leaves with the cooperation's new version.
  ...relayVars,
  // No timers: Redis holds the HTTP edge's rate-limit counts and Idempotency-Key records, so every
  // replica counts one limit per principal and replays one answer per key.
  ...redisEdgeVars,
  ...httpEdgeVars,
  ...sourceVars,
  /**
   * Placements each cooperation aims for per quarter, as `HRS=125,JRS=60` (placements against
   * target, R11). A year's target is four quarters', a month's a third of a quarter's.
   * Default HRS=125 (HRS's 500 for its first period of a year), JRS=none. A cooperation not named
   * here uses its own `targets.placementsPerYear` ÷ 4 (one the admin created or re-targeted too).
   */
  PLACEMENT_TARGETS: z
    .string()
    .regex(/^(none|[A-Z]+=\d+(,[A-Z]+=\d+)*)$/, 'comma-separated COOPERATION=number, or none')
    .default('HRS=125')
    .transform((s) => (s === 'none' ? {} : Object.fromEntries(s.split(',').map((p) => [p.split('=')[0]!, Number(p.split('=')[1])])))),
  /**
   * Green/yellow/red limits per figure as JSON, e.g. `{"fillRate":{"green":0.8,"yellow":0.6}}`;
   * a figure not named keeps its default (docs/reporting.md lists them). Default {}.
   */
  REPORT_THRESHOLDS: json(ThresholdOverrides)
    .default({})
    .transform((overrides) => ({ ...DEFAULT_THRESHOLDS, ...overrides })),
};
