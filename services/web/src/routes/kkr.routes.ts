import { randomUUID } from 'node:crypto';
import { KkrCycle, KkrOverview, KkrScheme } from '@rs/contracts';
import { jobcentre as jobcentreById } from '@rs/reference-data';
import { cooperationsFor } from '../cooperations';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { getParsed } from '../answer';
import { ApiError, apiClient, fieldErrors } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';
import type { Lang, Translate } from '../i18n';
import { errorTarget, type MarkField, parseMark, YearText } from './kkr-form';

const Code = z.string().regex(/^\d{3}$/);
const YearQuery = z.object({
  year: YearText.optional().catch(undefined),
  cooperation: z
    .string()
    .regex(/^[A-Z]{2,10}$/)
    .optional()
    .catch(undefined),
});
/**
 * The KKR progress scheme (issue 20, part 4): the collected overview (secretariat, admin), one
 * municipality's scheme with each "must" recommendation's status, its source (the platform's
 * proposal is marked as such) and history, the form to mark it (the municipality's consultants,
 * admin — the API decides), the annual cycle, and the exports as reporting makes them.
 */
export function kkrRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const reporting = options.services.reporting;
  const readers = signedIn(['secretariat', 'jobcentre', 'admin']);
  const api = (req: Request) => apiClient(req.session.accessToken ?? '');
  const yearQuery = (year: string | undefined, cooperation?: string) => {
    const q = new URLSearchParams();
    if (year) q.set('year', year);
    if (cooperation) q.set('cooperation', cooperation);
    const s = q.toString();
    return s ? `?${s}` : '';
  };

  router.get('/kkr', readers, async (req, res, next) => {
    try {
      const principal = req.session.principal!;
      const { year, cooperation } = YearQuery.parse(req.query);
      if (principal.role === 'jobcentre') return res.redirect(303, `/kkr/schemes/${principal.jobcentre}${yearQuery(year)}`);
      const [overview, cycle] = await Promise.all([
        getParsed(api(req), reporting, `/kkr/overview${yearQuery(year, cooperation)}`, KkrOverview, 'reporting'),
        getParsed(api(req), reporting, `/kkr/cycle${yearQuery(year)}`, KkrCycle, 'reporting'),
      ]);
      const lang = res.locals.lang as Lang;
      const q = yearQuery(String(overview.year), cooperation);
      // The columns are every scheme's recommendations; each cell is looked up by id, never by position.
      const recommendations = [
        ...new Map(overview.schemes.flatMap((sc) => sc.rows.map((r) => [r.recommendation.id, r.recommendation] as const))).values(),
      ];
      page.render(res, 'kkr-overview', 'kkr.title', {
        overview,
        cycle: cycleView(cycle, lang),
        label: (l: { da: string; en: string }) => l[lang],
        recommendations,
        cell: (scheme: KkrScheme, recommendationId: string) => scheme.rows.find((r) => r.recommendation.id === recommendationId) ?? null,
        cooperations: principal.role === 'admin' ? (await cooperationsFor(reporting, req.session.accessToken)).map((c) => c.id) : [],
        cooperation: cooperation ?? '',
        years: yearsAround(overview.year),
        exports: { csv: `/kkr/overview.csv${q}`, pdf: `/kkr/overview.pdf${q}` },
      });
    } catch (error) {
      next(error);
    }
  });

  async function renderScheme(
    req: Request,
    res: Response,
    municipality: string,
    year: string | undefined,
    failed?: { recommendationId: string; errors: Partial<Record<MarkField, string>>; values: { status: string; remark: string } },
  ) {
    const [scheme, cycle] = await Promise.all([
      getParsed(api(req), reporting, `/kkr/schemes/${municipality}${yearQuery(year)}`, KkrScheme, 'reporting'),
      getParsed(api(req), reporting, `/kkr/cycle${yearQuery(year)}`, KkrCycle, 'reporting'),
    ]);
    const principal = req.session.principal!;
    const lang = res.locals.lang as Lang;
    const t = res.locals.t as Translate;
    const q = yearQuery(String(scheme.year));
    if (failed) res.status(400);
    // A message from the API is shown as it came (it is bilingual); the page's own are keys.
    const text = (message: string) => (message.startsWith('kkr.') ? t(message as Parameters<Translate>[0]) : message);
    const found = failed && scheme.rows.some((r) => r.recommendation.id === failed.recommendationId);
    page.render(res, 'kkr-scheme', 'kkr.title', {
      scheme,
      cycle: cycleView(cycle, lang),
      instant: (iso: string) =>
        new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
          dateStyle: 'long',
          timeStyle: 'short',
          timeZone: 'Europe/Copenhagen',
        }).format(new Date(iso)),
      label: (l: { da: string; en: string }) => l[lang],
      // Only the municipality itself (and an admin) marks its status; others read it.
      mayMark: principal.role === 'admin' || (principal.role === 'jobcentre' && principal.jobcentre === scheme.municipality),
      mayCollect: principal.role !== 'jobcentre',
      years: yearsAround(scheme.year),
      failed,
      errorText: (_field: string, message: string) => text(message),
      // The summary links each message to its field in the failing recommendation's form (when that form is on the page).
      summary: failed
        ? Object.entries(failed.errors).map(([field, message]) => ({
            text: text(message),
            href: found ? errorTarget(field, failed.recommendationId) : null,
          }))
        : [],
      idempotencyKey: randomUUID,
      exports: { csv: `/kkr/schemes/${scheme.municipality}/scheme.csv${q}`, pdf: `/kkr/schemes/${scheme.municipality}/scheme.pdf${q}` },
    });
  }

  router.get('/kkr/schemes/:municipality', readers, async (req, res, next) => {
    try {
      const code = Code.safeParse(req.params.municipality);
      if (!code.success || !jobcentreById(Number(code.data))) throw new ApiError(404, undefined);
      await renderScheme(req, res, code.data, YearQuery.parse(req.query).year);
    } catch (error) {
      next(error);
    }
  });

  router.post('/kkr/schemes/:municipality/statuses', readers, requireCsrf, async (req, res, next) => {
    try {
      const code = Code.safeParse(req.params.municipality);
      if (!code.success || !jobcentreById(Number(code.data))) throw new ApiError(404, undefined);
      const mark = parseMark((req.body ?? {}) as Record<string, unknown>);
      if (!mark.ok) {
        const { recommendationId, errors, values } = mark;
        return await renderScheme(req, res, code.data, mark.year, { recommendationId, errors, values });
      }
      const { recommendationId, year, status, remark, idempotencyKey } = mark.form;
      const values = { status, remark };
      try {
        await api(req).post(
          reporting,
          `/kkr/schemes/${code.data}/statuses`,
          { recommendationId, year: Number(year), status, remark },
          { 'Idempotency-Key': idempotencyKey ?? randomUUID() },
        );
      } catch (error) {
        if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 422)) throw error;
        const errors: Partial<Record<MarkField, string>> = {};
        for (const [field, message] of Object.entries(fieldErrors(error))) {
          const name = field.replace(/^body\./, '');
          const known = (['recommendationId', 'year', 'status', 'remark'] as const).find((f) => f === name);
          errors[known ?? 'recommendationId'] ??= message;
        }
        if (Object.keys(errors).length === 0)
          errors.recommendationId = (error.body as { detail?: string } | undefined)?.detail ?? 'kkr.error.recommendationId';
        return await renderScheme(req, res, code.data, year, { recommendationId, errors, values });
      }
      req.session.flash = { kind: 'success', key: 'kkr.saved' };
      res.redirect(303, `/kkr/schemes/${code.data}?year=${year}#rec-${encodeURIComponent(recommendationId)}`);
    } catch (error) {
      next(error);
    }
  });

  const download = (path: (req: Request) => string) => async (req: Request, res: Response, next: (e?: unknown) => void) => {
    try {
      const file = await api(req).download(reporting, path(req));
      res.type(file.contentType);
      if (file.disposition) res.set('Content-Disposition', file.disposition);
      res.send(file.body);
    } catch (error) {
      next(error);
    }
  };
  const schemeFile = (kind: 'csv' | 'pdf') =>
    download((req) => {
      const code = Code.safeParse(req.params.municipality);
      if (!code.success) throw new ApiError(404, undefined);
      return `/kkr/schemes/${code.data}/scheme.${kind}${yearQuery(YearQuery.parse(req.query).year)}`;
    });
  const overviewFile = (kind: 'csv' | 'pdf') =>
    download((req) => {
      const { year, cooperation } = YearQuery.parse(req.query);
      return `/kkr/overview.${kind}${yearQuery(year, cooperation)}`;
    });
  router.get('/kkr/schemes/:municipality/scheme.csv', readers, schemeFile('csv'));
  router.get('/kkr/schemes/:municipality/scheme.pdf', readers, schemeFile('pdf'));
  router.get('/kkr/overview.csv', readers, overviewFile('csv'));
  router.get('/kkr/overview.pdf', readers, overviewFile('pdf'));
  return router;
}

// Reporting keeps schemes from 2020 on (its Year is min 2020): offer no year before.
const yearsAround = (year: number) => [year + 1, year, year - 1].filter((y) => y >= 2020 || y === year);

/** The cycle with each phase's first and last day in words (`to` is the day after the phase). */
function cycleView(cycle: KkrCycle, lang: Lang) {
  const day = (iso: string) =>
    new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));
  const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T12:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return {
    year: cycle.year,
    current: cycle.current,
    phases: cycle.phases.map((p) => ({ id: p.id, label: p.label, from: day(p.from), until: day(dayBefore(p.to)) })),
  };
}
