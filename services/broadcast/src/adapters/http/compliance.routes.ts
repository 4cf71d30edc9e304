import { CooperationIdField, cooperationById } from '@rs/contracts';
import {
  copenhagenDayAfter,
  copenhagenDayStart,
  FROM_AFTER_TO,
  fromNotAfterTo,
  HttpError,
  isoDate,
  mountRoutes,
  route,
} from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { BroadcastDeps } from '../../app/deps';
import { complianceAudience } from '../../domain/access';
import { compliance } from '../../domain/compliance';

const ComplianceQuery = z
  .object({
    from: isoDate,
    to: isoDate,
    /** Any cooperation broadcast follows (one created today too); an unknown id is a 400 at this field. */
    cooperation: CooperationIdField.optional(),
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

const ComplianceReport = z.object({
  from: z.string(),
  to: z.string(),
  rounds: z.number().int(),
  jobcentres: z.array(
    z.object({
      jobcentre: z.number().int(),
      received: z.number().int(),
      repliedInTime: z.number().int(),
      late: z.number().int(),
      never: z.number().int(),
      pending: z.number().int(),
      medianReplyMinutes: z.number().nullable(),
    }),
  ),
});

/** R11: reply compliance per jobcentre for rounds opened in [from, to] (dates in UTC). */
export function complianceRoutes(deps: BroadcastDeps) {
  const report = route({
    method: 'get',
    path: '/compliance',
    summary: 'R11: how each jobcentre answered the rounds opened from `from` to `to` (UTC days, both included)',
    description: 'A report, not a list: one row per jobcentre (at most 96), so it is not paged.',
    tags: ['compliance'],
    query: ComplianceQuery,
    responses: { 200: { description: 'the report', schema: ComplianceReport } },
    handle: async ({ principal, query }) => {
      if (query.cooperation !== undefined && !cooperationById(deps.cooperations(), query.cooperation)) {
        const message = { en: `No cooperation ${query.cooperation}`, da: `Intet samarbejde ${query.cooperation}` };
        throw new HttpError(400, 'invalid-input', message, [{ field: 'query.cooperation', message: `${message.en} / ${message.da}` }]);
      }
      const include = complianceAudience(principal, deps.cooperations(), query.cooperation);
      if (!include) throw new HttpError(403, 'forbidden', { en: 'Not allowed', da: 'Ikke tilladt' });
      const rounds = await deps.rounds.openedBetween(
        copenhagenDayStart(query.from).toISOString(),
        copenhagenDayAfter(query.to).toISOString(),
      );
      return { status: 200, body: { from: query.from, to: query.to, rounds: rounds.length, jobcentres: compliance(rounds, include) } };
    },
  });
  return (router: Router) => mountRoutes(router, [report]);
}
