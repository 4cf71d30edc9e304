import { randomUUID } from 'node:crypto';
import { allMunicipalities, jobcentre as jobcentreOf } from '@rs/reference-data';
import type { Principal } from '@rs/service-kit';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { ApiError, apiClient, fieldErrors } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';
import type { Lang } from '../i18n';
import {
  CERTIFICATE_CODES,
  type CandidateResult,
  groupByJobcentre,
  LANGUAGE_CODES,
  LEVELS,
  LICENCE_CODES,
  type SearchForm,
  searchBody,
  searchForm,
} from './candidates-search';
import type { Inquiry } from './inquiry-view';

declare module 'express-session' {
  interface SessionData {
    /** The consultant's last search criteria (never its results): the results page runs it again. */
    candidateSearch?: SearchForm;
  }
}

type Consultant = Extract<Principal, { role: 'jobcentre' }>;

const Code = z.coerce.number().int().min(100).max(999);
const AskQuery = z.object({ jobcentre: Code, ref: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const AskForm = AskQuery.extend({
  key: z.uuid(),
  orderId: z.string().max(200).default(''),
  company: z.string().max(400).default(''),
  question: z.string().max(4000).default(''),
});

const consultantOf = (req: Request) => req.session.principal as Consultant;
const SEARCH_LIMIT = 30;

/**
 * A jobcentre consultant's pages on the shared pool (R13): "search candidates" across the
 * jobcentres of a scope, with hard requirements and wishes, results grouped per home jobcentre
 * with their reasons; "ask this jobcentre" about a result; and "our CVs", the jobcentre's own
 * pool: its stale CVs and what to do, the questions other jobcentres sent it, and who read its
 * candidates. Matching decides access and records every read; these pages only ask.
 */
export function candidatesRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const matching = options.services.matching;

  const vocabulary = (lang: Lang) => {
    const names = new Intl.DisplayNames([lang === 'da' ? 'da' : 'en'], { type: 'language' });
    return {
      certificates: CERTIFICATE_CODES,
      licences: LICENCE_CODES,
      levels: LEVELS,
      languages: LANGUAGE_CODES.map((code) => ({ code, name: names.of(code) ?? code })),
      languageName: (code: string) => names.of(code) ?? code,
      municipalities: [...allMunicipalities()].sort((a, b) => a.name.localeCompare(b.name, 'da')),
      formatDate: (iso: string) =>
        new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Copenhagen' }).format(
          new Date(iso),
        ),
    };
  };

  const sentInquiries = async (req: Request): Promise<Inquiry[]> => {
    const code = consultantOf(req).jobcentre;
    const api = apiClient(req.session.accessToken ?? '');
    return (await api.get<{ inquiries: Inquiry[] }>(matching, `/jobcentres/${code}/candidate-inquiries?direction=sent&limit=20`)).inquiries;
  };

  const renderSearch = async (req: Request, res: Response, data: Record<string, unknown>) => {
    const lang = res.locals.lang as Lang;
    page.render(res, 'candidates-search', 'candidates.title', {
      form: req.session.candidateSearch ?? searchForm({}, consultantOf(req).jobcentre),
      errors: {},
      results: undefined,
      own: consultantOf(req).jobcentre,
      sent: await sentInquiries(req),
      ...vocabulary(lang),
      ...data,
    });
  };

  router.get('/candidates', signedIn(['jobcentre']), async (req, res, next) => {
    try {
      await renderSearch(req, res, {});
    } catch (error) {
      next(error);
    }
  });

  // Post, redirect, get: the criteria go into the session, the results page runs the search (a
  // language switch or reload runs it again: a new search, logged again by matching).
  router.post('/candidates', signedIn(['jobcentre']), requireCsrf, (req, res) => {
    req.session.candidateSearch = searchForm(req.body as Record<string, unknown>, consultantOf(req).jobcentre);
    res.redirect(303, '/candidates/results');
  });

  router.get('/candidates/results', signedIn(['jobcentre']), async (req, res, next) => {
    try {
      const form = req.session.candidateSearch;
      if (!form) return res.redirect(303, '/candidates');
      const api = apiClient(req.session.accessToken ?? '');
      try {
        const answer = await api.post<{ scope: string; jobcentres: number; results: CandidateResult[] }>(
          matching,
          '/candidate-searches',
          searchBody(form, SEARCH_LIMIT),
        );
        await renderSearch(req, res, {
          form,
          results: { ...answer, groups: groupByJobcentre(answer.results, (code) => jobcentreOf(code)?.name ?? String(code)) },
        });
      } catch (error) {
        // A refused search is shown at its fields; a cooperation search without a cooperation at the scope.
        if (!(error instanceof ApiError) || ![400, 403, 422].includes(error.status)) throw error;
        const errors = error.status === 403 ? { scope: problemText(error.body, res.locals.lang as Lang) } : fieldErrors(error);
        res.status(error.status === 403 ? 403 : 400);
        await renderSearch(req, res, { form, errors });
      }
    } catch (error) {
      next(error);
    }
  });

  const renderAsk = (req: Request, res: Response, ask: z.infer<typeof AskQuery>, values: Record<string, string>, errors = {}) =>
    page.render(res, 'candidates-ask', 'candidates.askTitle', {
      ask: { ...ask, name: `${jobcentreOf(ask.jobcentre)?.name ?? 'Jobcenter'} (${ask.jobcentre})` },
      values,
      errors,
    });

  router.get('/candidates/ask', signedIn(['jobcentre']), (req, res, next) => {
    const ask = AskQuery.safeParse(req.query);
    if (!ask.success || ask.data.jobcentre === consultantOf(req).jobcentre) return next(new ApiError(404, undefined));
    renderAsk(req, res, ask.data, { key: randomUUID(), orderId: req.session.candidateSearch?.orderId ?? '', company: '', question: '' });
  });

  router.post('/candidates/ask', signedIn(['jobcentre']), requireCsrf, async (req, res, next) => {
    try {
      const form = AskForm.safeParse(req.body);
      if (!form.success) throw new ApiError(404, undefined);
      const { jobcentre, ref, key, orderId, company, question } = form.data;
      const api = apiClient(req.session.accessToken ?? '');
      try {
        await api.post(
          matching,
          '/candidate-inquiries',
          {
            jobcentre,
            candidateRef: ref,
            question,
            ...(orderId.trim() ? { orderId: orderId.trim() } : {}),
            ...(company.trim() ? { company } : {}),
          },
          // One key per form: sending it twice asks once.
          { 'idempotency-key': key },
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) {
          req.session.flash = { kind: 'error', key: 'candidates.askGone' };
          return res.redirect(303, '/candidates');
        }
        if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 422)) throw error;
        res.status(400);
        return renderAsk(req, res, { jobcentre, ref }, { key, orderId, company, question }, fieldErrors(error));
      }
      req.session.flash = { kind: 'success', key: 'candidates.askSent' };
      res.redirect(303, '/candidates');
    } catch (error) {
      next(error);
    }
  });

  router.get('/our-cvs', signedIn(['jobcentre']), (req, res) => {
    res.redirect(303, `/jobcentres/${consultantOf(req).jobcentre}/cvs`);
  });

  router.get('/jobcentres/:code/cvs', signedIn(['jobcentre']), async (req, res, next) => {
    try {
      const code = Code.safeParse(req.params.code);
      if (!code.success) throw new ApiError(404, undefined);
      const api = apiClient(req.session.accessToken ?? '');
      // Matching answers 404 for another jobcentre's: the page shows nothing it would not.
      const [pool, stale, received, reads] = await Promise.all([
        api.get<{ candidates: number }>(matching, `/jobcentres/${code.data}/pool`),
        api.get<{ staleAfterDays: number; count: number; candidates: { candidateRef: string; revision: string }[] }>(
          matching,
          `/jobcentres/${code.data}/stale-cvs`,
        ),
        api.get<{ inquiries: Inquiry[] }>(matching, `/jobcentres/${code.data}/candidate-inquiries?limit=50`),
        api.get<{ reads: { at: string; by: string; readerJobcentre?: number; candidateRef: string; kind: string; purpose: string }[] }>(
          matching,
          `/jobcentres/${code.data}/candidate-reads?limit=20`,
        ),
      ]);
      page.render(res, 'candidates-ours', 'candidates.ours.title', {
        code: code.data,
        pool,
        stale: { ...stale, candidates: stale.candidates.slice(0, 100) },
        inquiries: received.inquiries,
        reads: reads.reads,
        ...vocabulary(res.locals.lang as Lang),
      });
    } catch (error) {
      next(error);
    }
  });

  return router;
}

/** The problem's own words in the page's language. */
function problemText(body: unknown, lang: Lang): string {
  const p = (body ?? {}) as { detail?: unknown; detail_da?: unknown };
  const text = lang === 'da' ? p.detail_da : p.detail;
  return typeof text === 'string' ? text : '';
}
