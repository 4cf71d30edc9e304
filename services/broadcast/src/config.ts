import { busVars, cooperationVars, mongoVars, redisVars, relayVars, serviceVars } from '@rs/config';
import { httpEdgeVars } from '@rs/service-kit';
import { z } from 'zod';

export const broadcastConfig = {
  ...serviceVars,
  ...mongoVars,
  ...busVars,
  ...redisVars,
  ...relayVars,
  ...cooperationVars,
  ...httpEdgeVars,
  /** Database name of this service. Default broadcast. */
  MONGO_DB: z.string().min(1).default('broadcast'),
  /**
   * Length of the reply window (R6) in seconds, forced for every round (tests use a few seconds).
   * Default: the lead's cooperation's reply-window policy (`replyWindow.hours`, HRS and JRS: 48)
   * as it is when the round opens; 48 hours for a lead in no cooperation.
   */
  REPLY_WINDOW_SECONDS: z.coerce.number().int().min(1).optional(),
  /**
   * `working-time`: weekends and Danish public holidays pause the window; `clock`: plain hours.
   * Default: each cooperation's own policy (HRS and JRS: working-time; no cooperation: working-time).
   */
  REPLY_WINDOW_MODE: z.enum(['working-time', 'clock']).optional(),
  /**
   * Comma-separated seconds before the deadline at which a silent recipient is reminded.
   * Default 86400,14400 (24 h and 4 h before); `none` for no reminders.
   */
  REMINDER_OFFSETS_SECONDS: z
    .string()
    .regex(/^(none|\d+(,\d+)*)$/, 'comma-separated whole seconds, or none')
    .default('86400,14400')
    .transform((s) => (s === 'none' ? [] : s.split(',').map(Number))),
  /**
   * How often every replica re-creates the timers of open rounds that Redis lost or whose job
   * failed for good (e.g. the database was down past its attempts), in seconds; also run at start.
   * Default 300.
   */
  TIMER_RECONCILE_SECONDS: z.coerce.number().int().min(1).default(300),
  /**
   * Cooperations whose policy is to open the next wider round by itself when a round brings no
   * candidates (R7), comma-separated, e.g. HRS,JRS. Default: each cooperation's own policy
   * (HRS and JRS: propose only).
   */
  AUTO_ESCALATE_COOPERATIONS: z
    .string()
    .regex(/^(none|[A-Z]+(,[A-Z]+)*)$/, 'comma-separated cooperation ids, or none')
    .optional()
    .transform((s) => (s === undefined ? undefined : s === 'none' ? [] : s.split(','))),
  /**
   * How long the catch-up feed keeps what was sent to each jobcentre queue, in days. Older
   * records are deleted hourly (FerretDB has no TTL index). Default 90.
   */
  FEED_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  /**
   * Tests only: the service's clock starts at this instant and runs at normal speed from there
   * (e.g. a Saturday, to see the working-time window pause). Default: the real clock.
   */
  TEST_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
  /** Fault injection for tests only: SIGKILL this process after this many confirmed publishes. Default off. */
  FAILPOINT_KILL_AFTER_PUBLISHES: z.coerce.number().int().min(1).optional(),
};
