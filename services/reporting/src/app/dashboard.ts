import { jobcentre as jobcentreById } from '@rs/reference-data';
import type { Actor } from '../domain/access';
import { type DashboardView, dashboardView, trendMonths } from '../domain/dashboard-view';
import type { Fact } from '../domain/facts';
import { type Period, parsePeriod, quarterOf } from '../domain/period';
import type { ReportingDeps } from './deps';
import { type FiguresAnswer, figuresFor } from './figures';

export type DashboardAnswer = { kind: 'view'; view: DashboardView } | Exclude<FiguresAnswer, { kind: 'report' }>;

export const jobcentreName = (code: number): string => jobcentreById(code)?.name ?? String(code);

/**
 * The dashboard of a period for this actor: the period's report and, for the trend, the reports
 * of the twelve months up to its end, all asked for as the actor (the same access rules as
 * GET /figures) over one read of the cooperation's facts.
 */
export async function dashboardFor(
  deps: ReportingDeps,
  actor: Actor,
  query: { cooperation?: string | undefined; period: Period; jobcentre?: number | undefined },
): Promise<DashboardAnswer> {
  const read = new Map<string, Promise<Fact[]>>();
  const once: ReportingDeps = {
    ...deps,
    facts: {
      ...deps.facts,
      ofCooperation: (c) => {
        if (!read.has(c)) read.set(c, deps.facts.ofCooperation(c));
        return read.get(c)!;
      },
    },
  };
  const main = await figuresFor(once, actor, query);
  if (main.kind !== 'report') return main;
  const nowMonth = quarterOf(deps.now()).id.slice(0, 4) + monthSuffix(deps.now());
  const months: FiguresAnswer[] = [];
  for (const id of trendMonths(query.period, nowMonth)) {
    months.push(await figuresFor(once, actor, { ...query, cooperation: main.report.cooperation, period: parsePeriod(id)! }));
  }
  const reports = months.flatMap((m) => (m.kind === 'report' ? [m.report] : []));
  return { kind: 'view', view: dashboardView(main.report, reports, deps.thresholds, jobcentreName) };
}

/** `-MM` of an instant's month in Danish local time. */
function monthSuffix(instant: Date): string {
  const month = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', month: '2-digit' }).format(instant);
  return `-${month}`;
}
