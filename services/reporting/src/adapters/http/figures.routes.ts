import { CooperationIdField } from '@rs/contracts';
import { jobcentre as jobcentreById } from '@rs/reference-data';
import { HttpError, mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { ReportingDeps } from '../../app/deps';
import { figuresFor } from '../../app/figures';
import { PERIOD_PATTERN, parsePeriod, quarterOf } from '../../domain/period';
import { reportCsv } from '../../domain/report-csv';
import { LIT_FIGURES } from '../../domain/thresholds';
import { FORBIDDEN, figuresProblem } from './figure-problems';

export const FiguresQuery = z.object({
  /** Any cooperation the admin keeps (a cooperation created today too); an unknown id is a 400 at this field. */
  cooperation: CooperationIdField.optional(),
  period: z
    .string()
    .regex(PERIOD_PATTERN, 'a quarter 2026-Q4, a month 2026-11 or a year 2026, from 2000 to 2099 (et kvartal, en måned eller et år)')
    .optional(),
  jobcentre: z.coerce.number().int().min(100).max(999).optional(),
});

const nullableNumber = z.number().nullable();
const Light = z.enum(['green', 'yellow', 'red']).nullable();
const Goal = z.object({ orders: z.number().int(), warned: z.number().int(), breached: z.number().int(), compliance: nullableNumber });
const FigureSet = z.object({
  orders: z.object({
    received: z.number().int(),
    byChannel: z.object({
      jobcentre: z.number().int(),
      phoneLine: z.number().int(),
      aKasse: z.number().int(),
      api: z.number().int(),
      unknown: z.number().int(),
    }),
    filled: z.number().int(),
    partlyFilled: z.number().int(),
    unfilled: z.number().int(),
    cancelled: z.number().int(),
    open: z.number().int(),
    fillRate: nullableNumber,
    medianDaysToFill: nullableNumber,
  }),
  serviceGoals: z.object({ dialogue: Goal, candidates: Goal }),
  replies: z.object({
    received: z.number().int(),
    inTime: z.number().int(),
    late: z.number().int(),
    never: z.number().int(),
    pending: z.number().int(),
    /** Silent where silence means "none" (R6): its own count, not a reply in time. */
    silenceMeansNone: z.number().int(),
    inTimeRate: nullableNumber,
    medianReplyMinutes: nullableNumber,
  }),
  placements: z.object({ hires: z.number().int(), target: z.number().int().nullable(), progress: nullableNumber }),
  followUps: z.object({
    due: z.number().int(),
    done: z.number().int(),
    stillEmployed: z.number().int(),
    left: z.number().int(),
    open: z.number().int(),
    doneRate: nullableNumber,
    retention: nullableNumber,
  }),
  agreements: z.object({ recruitment: z.number().int(), expectedHires: z.number().int(), aKasse: z.number().int().nullable() }),
  escalations: z.object({
    eastDenmark: z.number().int(),
    national: z.number().int(),
    orders: z.number().int(),
    asked: z.number().int(),
    filled: z.number().int(),
    unfilled: z.number().int(),
    hiresFromOutside: z.number().int(),
    fillRate: nullableNumber,
  }),
  upskilling: z.object({
    courses: z.number().int(),
    positiveListCourses: z.number().int(),
    seatsBought: z.number().int().nullable(),
    seatsAllocated: z.number().int(),
    seatsUsed: z.number().int(),
    completed: z.number().int(),
    droppedOut: z.number().int(),
    hiredAfter: z.number().int(),
    hiresLinkedToOrders: z.number().int(),
    costDkk: z.number().int(),
    costPerHireDkk: z.number().int().nullable(),
    seatUseRate: nullableNumber,
    completionRate: nullableNumber,
    hireRate: nullableNumber,
  }),
  needs: z.object({ recorded: z.number().int(), people: z.number().int(), courseWouldHelp: z.number().int() }),
  lights: z.object(Object.fromEntries(LIT_FIGURES.map((f) => [f, Light])) as Record<(typeof LIT_FIGURES)[number], typeof Light>),
});
const Report = z.object({
  cooperation: z.string(),
  period: z.object({ id: z.string(), kind: z.enum(['quarter', 'month', 'year']), from: z.string(), to: z.string(), quarters: z.number() }),
  jobcentre: z.number().int().nullable(),
  figures: FigureSet,
  jobcentres: z.array(z.object({ jobcentre: z.number().int(), figures: FigureSet })),
});
const ThresholdsBody = z.record(z.string(), z.object({ better: z.enum(['higher', 'lower']), green: z.number(), yellow: z.number() }));

const nameOf = (code: number) => jobcentreById(code)?.name ?? String(code);

/** R11: the steering group's figures and the quarterly report. */
export function figuresRoutes(deps: ReportingDeps) {
  const answer = async (principal: Parameters<typeof figuresFor>[1], query: z.infer<typeof FiguresQuery>) => {
    const period = query.period ? parsePeriod(query.period) : quarterOf(deps.now());
    if (!period) throw new HttpError(400, 'invalid-period', { en: 'Unknown period', da: 'Ukendt periode' });
    const result = await figuresFor(deps, principal, { cooperation: query.cooperation, period, jobcentre: query.jobcentre });
    if (result.kind !== 'report') throw figuresProblem(result);
    return result.report;
  };
  const figures = route({
    method: 'get',
    path: '/figures',
    summary: 'R11: the figures of a cooperation, or of one of its jobcentres, for a period (default the current quarter)',
    description:
      'A consultant sees its own jobcentre; the secretariat its cooperation with a row per member jobcentre; an admin any. Lights follow the configured thresholds (GET /thresholds).',
    tags: ['figures'],
    query: FiguresQuery,
    responses: { 200: { description: 'the figures', schema: Report } },
    handle: async ({ principal, query }) => ({ status: 200, body: await answer(principal, query) }),
  });
  const csv = route({
    method: 'get',
    path: '/figures/report.csv',
    summary: 'The quarterly report as CSV for Danish Excel (semicolon, decimal comma, UTF-8 with BOM, Danish headers)',
    tags: ['figures'],
    query: FiguresQuery,
    responses: {
      200: {
        description: 'the report, one line for the whole and one per member jobcentre',
        schema: z.string(),
        contentType: 'text/csv; charset=utf-8',
        headers: { 'Content-Disposition': 'attachment; file name kvartalsrapport-<cooperation>-<period>.csv' },
      },
    },
    handle: async ({ principal, query }) => {
      const report = await answer(principal, query);
      const file = `kvartalsrapport-${report.cooperation}-${report.period.id}${report.jobcentre ? `-${report.jobcentre}` : ''}.csv`;
      return { status: 200, body: reportCsv(report, nameOf), headers: { 'Content-Disposition': `attachment; filename="${file}"` } };
    },
  });
  const thresholds = route({
    method: 'get',
    path: '/thresholds',
    summary: 'The green/yellow/red limits of each figure, as configured (REPORT_THRESHOLDS)',
    tags: ['figures'],
    responses: { 200: { description: 'limits per figure', schema: ThresholdsBody } },
    handle: async ({ principal }) => {
      if (principal.role === 'phone-line') throw FORBIDDEN;
      return { status: 200, body: deps.thresholds };
    },
  });
  return (router: Router) => mountRoutes(router, [figures, csv, thresholds]);
}
