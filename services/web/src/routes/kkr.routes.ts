import { randomUUID } from 'node:crypto';
import { allCooperations, jobcentre as jobcentreById } from '@rs/reference-data';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { ApiError, apiClient, fieldErrors } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';
import type { Lang, Translate } from '../i18n';

type Light = 'green' | 'yellow' | 'red';
interface SchemeRow {
  recommendation: { id: string; year: number; category: string; obligation: 'must' | 'may'; text: string; evidence?: string };
  current: { status: Light; remark: string; source: 'municipality' | 'platform'; at: string | null; by: string | null } | null;
  history: Array<{ id: string; status: Light; remark: string; by: string; at: string }>;
}
interface Scheme {
  municipality: number;
  name: string;
  year: number;
  rows: SchemeRow[];
}
interface Cycle {
  year: number;
  phases: Array<{ id: string; from: string; to: string; label: { da: string; en: string } }>;
  current: string | null;
}

const Code = z.string().regex(/^\d{3}$/);
const YearQuery = z.object({
  year: z
    .string()
    .regex(/^20\d{2}$/)
    .optional()
    .catch(undefined),
  cooperation: z
    .string()
    .regex(/^[A-Z]{2,10}$/)
    .optional()
    .catch(undefined),
});
/** The form of one recommendation's status: the page checks it first, the API again. */
const MarkForm = z.object({
  recommendationId: z.string().min(1).max(60),
  year: z.string().regex(/^20\d{2}$/),
  status: z.enum(['green', 'yellow', 'red'], { message: 'status' }),
  remark: z.string().max(2000, { message: 'remark' }).default(''),
  idempotencyKey: z.string().uuid().optional().catch(undefined),
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
  const dates = (lang: Lang) => (iso: string) =>
    new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));

  router.get('/kkr', readers, async (req, res, next) => {
    try {
      const principal = req.session.principal!;
      const { year, cooperation } = YearQuery.parse(req.query);
      if (principal.role === 'jobcentre') return res.redirect(303, `/kkr/schemes/${principal.jobcentre}${yearQuery(year)}`);
      const [overview, cycle] = await Promise.all([
        api(req).get<{ year: number; schemes: Scheme[] }>(reporting, `/kkr/overview${yearQuery(year, cooperation)}`),
        api(req).get<Cycle>(reporting, `/kkr/cycle${yearQuery(year)}`),
      ]);
      const lang = res.locals.lang as Lang;
      const q = yearQuery(String(overview.year), cooperation);
      page.render(res, 'kkr-overview', 'kkr.title', {
        overview,
        cycle,
        date: dates(lang),
        label: (l: { da: string; en: string }) => l[lang],
        recommendations: overview.schemes[0]?.rows.map((r) => r.recommendation) ?? [],
        cooperations: principal.role === 'admin' ? allCooperations().map((c) => c.id) : [],
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
    failed?: { recommendationId: string; errors: Record<string, string>; values: Record<string, string> },
  ) {
    const [scheme, cycle] = await Promise.all([
      api(req).get<Scheme>(reporting, `/kkr/schemes/${municipality}${yearQuery(year)}`),
      api(req).get<Cycle>(reporting, `/kkr/cycle${yearQuery(year)}`),
    ]);
    const principal = req.session.principal!;
    const lang = res.locals.lang as Lang;
    const t = res.locals.t as Translate;
    const q = yearQuery(String(scheme.year));
    if (failed) res.status(400);
    page.render(res, 'kkr-scheme', 'kkr.title', {
      scheme,
      cycle,
      date: dates(lang),
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
      errorText: (field: string, message: string) =>
        field === 'status' ? t('kkr.chooseStatus') : field === 'remark' ? t('kkr.remarkHint') : message,
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
      const raw = (req.body ?? {}) as Record<string, string>;
      const values = { status: raw.status ?? '', remark: raw.remark ?? '' };
      const form = MarkForm.safeParse(raw);
      if (!form.success) {
        const errors: Record<string, string> = {};
        for (const issue of form.error.issues) errors[String(issue.path[0])] ??= String(issue.path[0]);
        return await renderScheme(req, res, code.data, raw.year, { recommendationId: String(raw.recommendationId ?? ''), errors, values });
      }
      const { recommendationId, year, status, remark, idempotencyKey } = form.data;
      try {
        await api(req).post(
          reporting,
          `/kkr/schemes/${code.data}/statuses`,
          { recommendationId, year: Number(year), status, remark },
          { 'Idempotency-Key': idempotencyKey ?? randomUUID() },
        );
      } catch (error) {
        if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 422)) throw error;
        const errors = fieldErrors(error);
        if (Object.keys(errors).length === 0)
          errors.recommendationId = (error.body as { detail?: string } | undefined)?.detail ?? 'recommendationId';
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

const yearsAround = (year: number) => [year + 1, year, year - 1].filter((y) => y >= 2026 || y === year);
