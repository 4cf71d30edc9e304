import { cooperationById } from '@rs/contracts';
import { HttpError, mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { dashboardFor } from '../../app/dashboard';
import type { ReportingDeps } from '../../app/deps';
import { parsePeriod, quarterOf } from '../../domain/period';
import { reportPdf } from '../pdf/report.pdf';
import { FiguresQuery } from './figures.routes';
import { figuresProblem } from './figure-problems';

const Label = z.object({ da: z.string(), en: z.string() });
const Unit = z.enum(['ratio', 'count', 'days', 'minutes', 'dkk']);
const Light = z.enum(['green', 'yellow', 'red']).nullable();
const View = z.object({
  cooperation: z.string(),
  period: z.object({ id: z.string(), kind: z.enum(['quarter', 'month', 'year']), from: z.string(), to: z.string(), quarters: z.number() }),
  jobcentre: z.number().int().nullable(),
  jobcentreName: z.string().nullable(),
  tiles: z.array(
    z.object({
      figure: z.string(),
      label: Label,
      unit: Unit,
      value: z.number().nullable(),
      light: Light,
      threshold: z.object({ better: z.enum(['higher', 'lower']), green: z.number(), yellow: z.number() }).nullable(),
    }),
  ),
  jobcentres: z.array(
    z.object({
      jobcentre: z.number().int(),
      name: z.string(),
      values: z.record(z.string(), z.object({ value: z.number().nullable(), light: Light })),
    }),
  ),
  trend: z.array(z.object({ period: z.string(), values: z.record(z.string(), z.number().nullable()) })),
  trendSeries: z.object({ rates: z.array(z.string()), counts: z.array(z.string()) }),
  all: z.array(z.object({ path: z.string(), label: Label, unit: Unit, value: z.number().nullable() })),
});

/** The dashboard's view of the figures (tiles, members, months) and the quarterly report as PDF. */
export function dashboardRoutes(deps: ReportingDeps) {
  const viewOf = async (principal: Parameters<typeof dashboardFor>[1], query: z.infer<typeof FiguresQuery>) => {
    const period = query.period ? parsePeriod(query.period) : quarterOf(deps.now());
    if (!period) throw new HttpError(400, 'invalid-period', { en: 'Unknown period', da: 'Ukendt periode' });
    const answer = await dashboardFor(deps, principal, { cooperation: query.cooperation, period, jobcentre: query.jobcentre });
    if (answer.kind !== 'view') throw figuresProblem(answer);
    return answer.view;
  };
  const dashboard = route({
    method: 'get',
    path: '/figures/dashboard',
    summary:
      'The dashboard of a period: each lit figure as a tile with its light and limits, a row per member jobcentre, the months before',
    description:
      'The same access as GET /figures. Names and units come with each figure, so a figure added to the set is shown without a change to the page.',
    tags: ['figures'],
    query: FiguresQuery,
    responses: { 200: { description: 'the dashboard', schema: View } },
    handle: async ({ principal, query }) => ({ status: 200, body: await viewOf(principal, query) }),
  });
  const pdf = route({
    method: 'get',
    path: '/figures/report.pdf',
    summary: 'The quarterly report as a PDF that looks like the dashboard (tiles with lights, the months, a row per member)',
    tags: ['figures'],
    query: FiguresQuery,
    responses: {
      200: {
        description: 'the report',
        schema: z.string(),
        contentType: 'application/pdf',
        headers: { 'Content-Disposition': 'attachment; file name kvartalsrapport-<cooperation>-<period>.pdf' },
      },
    },
    handle: async ({ principal, query }) => {
      const view = await viewOf(principal, query);
      const file = `kvartalsrapport-${view.cooperation}-${view.period.id}${view.jobcentre ? `-${view.jobcentre}` : ''}.pdf`;
      return {
        status: 200,
        body: await reportPdf(view, deps.now().toISOString(), cooperationById(deps.cooperations(), view.cooperation)?.name),
        headers: { 'Content-Disposition': `attachment; filename="${file}"` },
      };
    },
  });
  return (router: Router) => mountRoutes(router, [dashboard, pdf]);
}
