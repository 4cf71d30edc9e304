import { randomUUID } from 'node:crypto';
import type { Principal } from '@rs/service-kit';
import { type Request, type Response, Router } from 'express';
import { ApiError, apiClient, fieldErrors } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';
import type { Translate } from '../i18n';
import {
  FIELD_LABELS,
  NEED_FIELDS,
  type NeedField,
  type NeedProblem,
  type NeedValues,
  type NeedBody,
  needBody,
  needValues,
  QUARTER,
  quarterOf,
  shiftQuarter,
} from './needs-form';

/* Companies' coming needs (issue 18, parts 6–7): the quarter's list, the record form, the CSV for AMK Øst. */

const NEED_ROLES = ['jobcentre', 'secretariat', 'admin'] as const;

/** A need as GET /needs lists it: what was posted, with its id and recording jobcentre. */
interface Need extends NeedBody {
  id: string;
  jobcentre: number | null;
}
interface FoundCompany {
  id: string;
  cvr: string;
  name: string;
}

const tOf = (res: Response) => res.locals.t as Translate;
const api = (req: Request) => apiClient(req.session.accessToken ?? '');

export function needsRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const base = options.services.upskilling;
  const now = () => options.now?.() ?? new Date();
  const quarterFrom = (value: unknown) => (typeof value === 'string' && QUARTER.test(value) ? value : quarterOf(now()));
  const quarterLabel = (t: Translate) => (quarter: string) => {
    const [year, n] = quarter.split('-Q');
    return t('needs.quarterLabel', { n: n ?? '', year: year ?? '' });
  };

  router.get('/needs', signedIn([...NEED_ROLES]), async (req, res, next) => {
    try {
      const quarter = quarterFrom(req.query.quarter);
      // The API chooses whose needs these are: a jobcentre its own, a secretariat its cooperation's.
      const { needs } = await api(req).get<{ needs: Need[] }>(base, `/needs?quarter=${quarter}`);
      const principal = req.session.principal as Principal;
      page.render(res, 'needs-list', 'needs.title', {
        quarter,
        quarterLabel: quarterLabel(tOf(res)),
        prev: shiftQuarter(quarter, -1),
        next: shiftQuarter(quarter, 1),
        own: principal.role === 'jobcentre',
        needs: [...needs].sort((a, b) => a.expectedBy.localeCompare(b.expectedBy) || a.company.localeCompare(b.company, 'da')),
      });
    } catch (error) {
      next(error);
    }
  });

  router.get('/needs/export', signedIn([...NEED_ROLES]), async (req, res, next) => {
    try {
      const quarter = quarterFrom(req.query.quarter);
      const file = await api(req).download(base, `/needs/export?quarter=${quarter}`);
      res.type(file.contentType);
      res.setHeader('content-disposition', file.disposition ?? `attachment; filename="behov-${quarter}.csv"`);
      res.send(file.body);
    } catch (error) {
      next(error);
    }
  });

  /** Companies from order-intake's search; a search that fails leaves the name to be typed. */
  const searchCompanies = async (req: Request, q: string): Promise<{ companies?: FoundCompany[]; unavailable: boolean }> => {
    if (!q) return { unavailable: false };
    const digits = q.replace(/\s/g, '');
    const query = /^\d{8}$/.test(digits) ? `cvr=${digits}` : `name=${encodeURIComponent(q)}`;
    try {
      const found = await api(req).get<{ companies: FoundCompany[] }>(options.services.orderIntake, `/companies?${query}&limit=10`);
      return { companies: found.companies, unavailable: false };
    } catch (error) {
      options.logger.warn({ err: error }, 'company search for a coming need failed');
      return { unavailable: true };
    }
  };

  const renderForm = async (req: Request, res: Response, values: NeedValues, problems: Partial<Record<NeedField, NeedProblem>> = {}) => {
    const t = tOf(res);
    const message = (name: NeedField) => {
      const p = problems[name];
      return p ? ('text' in p ? p.text : t(p.key)) : undefined;
    };
    const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
    page.render(res, 'needs-new', 'needs.new.title', {
      values,
      message,
      q,
      ...(await searchCompanies(req, q)),
      problems: NEED_FIELDS.filter((name) => problems[name]).map((name) => ({
        name,
        label: t(FIELD_LABELS[name]).replace(/ \*$/, ''),
        message: message(name),
      })),
    });
  };

  router.get('/needs/new', signedIn([...NEED_ROLES]), async (req, res, next) => {
    try {
      const company = typeof req.query.company === 'string' ? req.query.company.slice(0, 200) : '';
      // A key per form: the same form sent twice (a double click, a retry) records one need.
      const key = typeof req.query.key === 'string' && /^[0-9a-f-]{36}$/.test(req.query.key) ? req.query.key : randomUUID();
      await renderForm(req, res, { idempotencyKey: key, company });
    } catch (error) {
      next(error);
    }
  });

  router.post('/needs', signedIn([...NEED_ROLES]), requireCsrf, async (req, res, next) => {
    try {
      const values = needValues(req.body);
      if (!/^[0-9a-f-]{36}$/.test(values.idempotencyKey ?? '')) values.idempotencyKey = randomUUID();
      const parsed = needBody(values);
      if (!parsed.ok) {
        res.status(400);
        return await renderForm(req, res, values, parsed.problems);
      }
      try {
        await api(req).post(base, '/needs', parsed.body, { 'idempotency-key': values.idempotencyKey as string });
      } catch (error) {
        const fields = fieldErrors(error);
        if (!(error instanceof ApiError) || error.status !== 400 || Object.keys(fields).length === 0) throw error;
        const problems: Partial<Record<NeedField, NeedProblem>> = {};
        for (const [name, text] of Object.entries(fields)) {
          const field = (NEED_FIELDS as readonly string[]).includes(name) ? (name as NeedField) : 'note';
          problems[field] ??= { text };
        }
        res.status(400);
        return await renderForm(req, res, values, problems);
      }
      req.session.flash = { kind: 'success', key: 'needs.recorded' };
      res.redirect(303, `/needs?quarter=${quarterOf(parsed.body.expectedBy)}`);
    } catch (error) {
      next(error);
    }
  });

  return router;
}
