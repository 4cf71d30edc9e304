import { jobcentre as jobcentreById } from '@rs/reference-data';
import { type Cooperation, cooperationsFor, membersOf } from '../cooperations';
import { type Request, type Response, Router } from 'express';
import { getParsed } from '../answer';
import { apiClient } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import type { Lang, Translate } from '../i18n';
import { type ParsedFilters, parseFilters, queryOf, type Viewer } from './dashboard-filters';
import {
  type ChartData,
  chartSuffix,
  type DashboardView,
  DashboardViewSchema,
  formatValue,
  periodLabel,
  periodOptions,
  plotted,
  scriptJson,
} from './dashboard-view';
import { kkrRoutes } from './kkr.routes';

/**
 * The steering group's dashboard (issue 20, part 3): the figures as tiles with their lights, the
 * months as lines and the members as bars (Chart.js, drawn by /static/dashboard.js from JSON in
 * the page — the CSP allows no inline script), each chart with its table; the filters are a GET
 * form so a filtered view has its own address; the quarterly report as CSV and PDF straight from
 * reporting. The API decides who sees what; the page shows what it answers.
 */
export function dashboardRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const reporting = options.services.reporting;
  const now = options.now ?? (() => new Date());
  const readers = signedIn(['secretariat', 'jobcentre', 'admin']);

  router.get('/dashboard', readers, async (req, res, next) => {
    try {
      const cooperations = await cooperationsFor(reporting, req.session.accessToken);
      const parsed = parseFilters(req.query, viewerOf(req), cooperations);
      const query = queryOf(parsed.filters);
      const path = `/figures/dashboard${query ? `?${query}` : ''}`;
      const view = await getParsed(apiClient(req.session.accessToken ?? ''), reporting, path, DashboardViewSchema, 'reporting');
      page.render(res, 'dashboard', 'dashboard.title', model(req, res, view, parsed, cooperations));
    } catch (error) {
      next(error);
    }
  });

  const download = (kind: 'csv' | 'pdf') => async (req: Request, res: Response, next: (e?: unknown) => void) => {
    try {
      const query = queryOf(parseFilters(req.query, viewerOf(req), await cooperationsFor(reporting, req.session.accessToken)).filters);
      const file = await apiClient(req.session.accessToken ?? '').download(reporting, `/figures/report.${kind}${query ? `?${query}` : ''}`);
      res.type(file.contentType);
      if (file.disposition) res.set('Content-Disposition', file.disposition);
      res.send(file.body);
    } catch (error) {
      next(error);
    }
  };
  router.get('/dashboard/report.csv', readers, download('csv'));
  router.get('/dashboard/report.pdf', readers, download('pdf'));

  function model(
    req: Request,
    res: Response,
    view: DashboardView,
    { filters, dropped, notMember }: ParsedFilters,
    all: readonly Cooperation[],
  ) {
    const lang = res.locals.lang as Lang;
    const t = res.locals.t as Translate;
    const principal = req.session.principal!;
    const fmt = (value: number | null, unit: DashboardView['tiles'][number]['unit']) => formatValue(value, unit, lang, t);
    const label = (l: { da: string; en: string }) => l[lang];
    const coop = all.find((c) => c.id === view.cooperation);
    const members = membersOf(all, view.cooperation);
    const cooperations = principal.role === 'admin' ? all.map((c) => c.id) : principal.role === 'secretariat' ? [view.cooperation] : [];
    const figureOf = (id: string) =>
      view.tiles.find((x) => x.figure === id) ?? (view.all.find((a) => a.path === id) as (typeof view.all)[number] | undefined);
    const monthLabel = (id: string) => periodLabel(id, lang, t);

    const trendChart = (series: string[], percent: boolean): ChartData => ({
      type: 'line',
      percent,
      // The rates chart is all per cent; the counts chart mixes nothing but counts.
      suffix: percent ? chartSuffix('ratio', lang) : '',
      labels: view.trend.map((m) => monthLabel(m.period)),
      datasets: series.map((s) => {
        const f = figureOf(s);
        return { label: f ? label(f.label) : s, data: view.trend.map((m) => plotted(m.values[s] ?? null, f?.unit ?? 'count')) };
      }),
    });
    const barsFigure =
      view.tiles.find((x) => x.figure === filters.bars) ?? view.tiles.find((x) => x.figure === 'replyInTimeRate') ?? view.tiles[0];
    const bars: ChartData | null =
      barsFigure && view.jobcentres.length > 0
        ? {
            type: 'bar',
            percent: barsFigure.unit === 'ratio',
            suffix: chartSuffix(barsFigure.unit, lang),
            labels: view.jobcentres.map((j) => j.name),
            datasets: [
              {
                label: label(barsFigure.label),
                data: view.jobcentres.map((j) => plotted(j.values[barsFigure.figure]?.value ?? null, barsFigure.unit)),
              },
            ],
          }
        : null;
    const limits = (tile: DashboardView['tiles'][number]) => {
      if (!tile.threshold) return '';
      const word = tile.threshold.better === 'higher' ? t('dashboard.from') : t('dashboard.upTo');
      return t('dashboard.limits', {
        gw: word,
        g: fmt(tile.threshold.green, tile.unit),
        yw: word,
        y: fmt(tile.threshold.yellow, tile.unit),
      });
    };
    const query = queryOf({ cooperation: view.cooperation, period: view.period.id, jobcentre: filters.jobcentre });
    return {
      view,
      fmt,
      label,
      limits,
      who: view.jobcentreName ? `${view.jobcentreName} (${view.jobcentre})` : `${coop?.name ?? view.cooperation} (${view.cooperation})`,
      periodText: periodLabel(view.period.id, lang, t),
      monthLabel,
      figureOf,
      options: periodOptions(now(), view.period.id),
      periodLabel: (id: string) => periodLabel(id, lang, t),
      cooperations,
      // A consultant sees only its own jobcentre: no choice of another.
      jobcentreChoices:
        principal.role === 'jobcentre' ? [] : members.map((code) => ({ code, name: jobcentreById(code)?.name ?? String(code) })),
      selectedJobcentre: filters.jobcentre ? Number(filters.jobcentre) : null,
      barsFigure,
      charts: {
        rates: scriptJson(trendChart(view.trendSeries.rates, true)),
        counts: scriptJson(trendChart(view.trendSeries.counts, false)),
        bars: bars ? scriptJson(bars) : null,
      },
      notices: [
        ...dropped.map((field) => t('dashboard.notice.dropped', { field: t(`dashboard.field.${field}`) })),
        ...(notMember
          ? [t('dashboard.notice.notMember', { jobcentre: String(notMember.jobcentre), cooperation: notMember.cooperation })]
          : []),
      ],
      exports: { csv: `/dashboard/report.csv?${query}`, pdf: `/dashboard/report.pdf?${query}` },
    };
  }

  router.use(kkrRoutes(options, page));
  return router;
}

/** The signed-in principal as the filters see it (the page's guard lets only these roles in). */
function viewerOf(req: Request): Viewer {
  const p = req.session.principal;
  if (p?.role === 'secretariat') return { role: 'secretariat', cooperation: p.cooperation };
  if (p?.role === 'jobcentre') return { role: 'jobcentre', jobcentre: p.jobcentre };
  return { role: 'admin' };
}
