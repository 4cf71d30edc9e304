import { randomUUID } from 'node:crypto';
import { CEFR_LEVELS, CERTIFICATES, LICENCE_CATEGORIES } from '@rs/contracts';
import { allMunicipalities } from '@rs/reference-data';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { ApiError, apiClient, fieldErrors } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';
import type { Lang, Translate } from '../i18n';
import {
  CALL_FIELDS,
  COMPANY_FIELDS,
  CONTACT_SLOTS,
  callBody,
  companyBody,
  copenhagenDate,
  EMPLOYMENT_TYPES,
  type Form,
  fieldId,
  orderBody,
  orderErrors,
  type ShownErrors,
  sentence,
  showErrors,
  spelled,
  text,
  WORKING_TIMES,
} from './operator-forms';
import { type Call, CallReply, CallsReply, type OpenOrder, OrdersReply, parseReply } from './operator-replies';

interface Company {
  id: string;
  cvr: string;
  pNumber?: string;
  name: string;
  address: { street: string; postalCode: string; city: string };
  municipality: number;
  leadJobcentre: number;
  contacts: { name: string; role?: string; phone?: string; email?: string }[];
}

const CompanyId = z.string().regex(/^\d{8}(-\d{10})?$/);
/** order-intake's call ids: its idParam (letters, digits, `_`, `-`), at most 100. */
const CallId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
const Cursor = z.string().regex(/^[A-Za-z0-9_-]{1,500}$/);

/** The law statuses of an order still running (BEK 442/2023 § 137): a call can be about one of those. */
const OPEN_LAW_STATUSES = ['in-progress', 'inactive-enough-referrals'] as const;
const MUNICIPALITIES = [...allMunicipalities()].sort((a, b) => a.name.localeCompare(b.name, 'da'));
const NO_ERRORS: ShownErrors = { byField: {}, summary: [] };

/**
 * The phone-line operator (issue 16, part 3): find the company by CVR number or name, create it
 * when it is new, record the call, register the order from it with every field of an order, and
 * read the reference out; the call log. Every page calls order-intake with the operator's own
 * token, and the API decides: the pages are for the phone line and admins, a jobcentre consultant
 * is refused (403). Field errors come from the API (`fieldErrors`) and are shown at each field.
 */
export function operatorRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const intake = options.services.orderIntake;
  const operators = signedIn(['phone-line', 'admin']);
  const api = (req: Request) => apiClient(req.session.accessToken ?? '');
  const t = (res: Response) => res.locals.t as Translate;
  const lang = (res: Response) => res.locals.lang as Lang;
  // The phone line's day is the Danish one: order-intake reads `from` in Europe/Copenhagen.
  const today = () => copenhagenDate(options.now?.() ?? new Date());
  const common = { fieldId, municipalities: MUNICIPALITIES };

  router.get('/operator', operators, async (req, res, next) => {
    try {
      const q = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 100) : '';
      let companies: Company[] | undefined;
      let errors = NO_ERRORS;
      const digits = q.replace(/\s/g, '');
      const isCvr = /^\d+$/.test(digits);
      if (req.query.q !== undefined && q === '') errors = { byField: { q: t(res)('operator.search.required') }, summary: [] };
      else if (q !== '') {
        const query = isCvr ? `cvr=${digits}` : `name=${encodeURIComponent(q)}`;
        try {
          companies = (await api(req).get<{ companies: Company[] }>(intake, `/companies?${query}&limit=20`)).companies;
        } catch (error) {
          const found = fieldErrors(error, lang(res));
          if (Object.keys(found).length === 0) throw error;
          // The API names the query parameter it refused (cvr or name): it is the search field here.
          errors = { byField: { q: sentence(Object.values(found)[0] as string) }, summary: [] };
        }
      }
      const calls = parseReply(CallsReply, await api(req).get<unknown>(intake, `/calls?from=${today()}&limit=10`)).calls;
      page.render(res, 'operator-search', 'operator.title', {
        ...common,
        q,
        cvr: isCvr ? digits : undefined,
        companies,
        errors,
        calls,
      });
    } catch (error) {
      next(error);
    }
  });

  router.get('/operator/companies/new', operators, (req, res) => {
    const cvr = typeof req.query.cvr === 'string' && /^\d{8}$/.test(req.query.cvr) ? req.query.cvr : '';
    page.render(res, 'operator-company', 'operator.company.title', { ...common, values: { cvr }, errors: NO_ERRORS, slots: CONTACT_SLOTS });
  });

  router.post('/operator/companies', operators, requireCsrf, async (req, res, next) => {
    const form = req.body as Form;
    try {
      const company = await api(req).post<Company>(intake, '/companies', companyBody(form));
      req.session.flash = { kind: 'success', key: 'operator.company.created' };
      res.redirect(303, `/operator/companies/${encodeURIComponent(company.id)}`);
    } catch (error) {
      const found = fieldErrors(error, lang(res));
      if (Object.keys(found).length === 0) return next(error);
      res.status(error instanceof ApiError ? error.status : 400);
      page.render(res, 'operator-company', 'operator.company.title', {
        ...common,
        values: form,
        errors: showErrors(found, COMPANY_FIELDS, form, t(res)),
        slots: CONTACT_SLOTS,
      });
    }
  });

  /**
   * The company's open orders, to attach a call about one of them. GET /orders has no company
   * filter: every order of a company goes to its lead, so the lead's open orders (one page per
   * law status, at most 200 each) are read and the company's kept. An order handed over to
   * another jobcentre is not among them.
   */
  const openOrders = async (req: Request, company: Company): Promise<OpenOrder[]> => {
    const pages = await Promise.all(
      OPEN_LAW_STATUSES.map(async (status) =>
        parseReply(OrdersReply, await api(req).get<unknown>(intake, `/orders?lead=${company.leadJobcentre}&lawStatus=${status}&limit=200`)),
      ),
    );
    return pages
      .flatMap((p) => p.orders)
      .filter((o) => o.company.id === company.id || (o.company.cvr !== undefined && o.company.cvr === company.cvr))
      .sort((a, b) => b.registeredAt.localeCompare(a.registeredAt));
  };

  const renderCompany = async (req: Request, res: Response, id: string, values: Form, errors: ShownErrors) => {
    const company = await api(req).get<Company>(intake, `/companies/${id}`);
    page.render(res, 'operator-call', 'operator.call.title', {
      ...common,
      company,
      orders: await openOrders(req, company),
      values: { key: randomUUID(), need: 'new-order', ...values },
      errors,
    });
  };

  router.get('/operator/companies/:id', operators, async (req, res, next) => {
    try {
      const id = CompanyId.safeParse(req.params.id);
      if (!id.success) throw new ApiError(404, undefined);
      await renderCompany(req, res, id.data, {}, NO_ERRORS);
    } catch (error) {
      next(error);
    }
  });

  router.post('/operator/companies/:id/calls', operators, requireCsrf, async (req, res, next) => {
    const form = req.body as Form;
    try {
      const id = CompanyId.safeParse(req.params.id);
      if (!id.success) throw new ApiError(404, undefined);
      // The key is made when the form is shown: sending the form twice records one call.
      const key = /^[A-Za-z0-9-]{1,100}$/.test(text(form, 'key')) ? text(form, 'key') : randomUUID();
      let call: Call;
      try {
        call = parseReply(CallReply, await api(req).post<unknown>(intake, '/calls', callBody(form, id.data), { 'idempotency-key': key }));
      } catch (error) {
        const found = fieldErrors(error, lang(res));
        if (Object.keys(found).length === 0) throw error;
        res.status(error instanceof ApiError ? error.status : 400);
        return await renderCompany(req, res, id.data, form, showErrors(found, CALL_FIELDS, form, t(res)));
      }
      if (call.need === 'new-order') {
        req.session.flash = { kind: 'success', key: 'operator.call.recorded' };
        return res.redirect(303, `/operator/calls/${encodeURIComponent(call.id)}/order`);
      }
      res.redirect(303, `/operator/calls/${encodeURIComponent(call.id)}`);
    } catch (error) {
      next(error);
    }
  });

  /** The call, checked against the contracts' vocabularies. */
  const loadCall = async (req: Request) => {
    const id = CallId.safeParse(req.params.id);
    if (!id.success) throw new ApiError(404, undefined);
    const call = parseReply(CallReply, await api(req).get<unknown>(intake, `/calls/${id.data}`));
    return call;
  };
  /** The call with its company, for the order form (the confirmation page needs only the call). */
  const loadCallAndCompany = async (req: Request) => {
    const call = await loadCall(req);
    const company = call.company ? await api(req).get<Company>(intake, `/companies/${call.company.id}`) : undefined;
    return { call, company };
  };

  const renderOrder = (res: Response, call: Call, company: Company, values: Form, errors: ShownErrors) =>
    page.render(res, 'operator-order', 'operator.order.title', {
      ...common,
      call,
      company,
      values,
      errors,
      certificates: Object.entries(CERTIFICATES).map(([key, label]) => ({ key, label })),
      licences: LICENCE_CATEGORIES,
      levels: [...CEFR_LEVELS, 'native'],
      employmentTypes: EMPLOYMENT_TYPES,
      workingTimes: WORKING_TIMES,
    });

  router.get('/operator/calls/:id/order', operators, async (req, res, next) => {
    try {
      const { call, company } = await loadCallAndCompany(req);
      // An order needs its company, and a call resolved already has its order: the confirmation shows it.
      if (!company || call.outcome !== 'logged') return res.redirect(303, `/operator/calls/${encodeURIComponent(call.id)}`);
      renderOrder(
        res,
        call,
        company,
        { municipality: String(company.municipality), 'contact.name': call.caller.name ?? '', 'contact.phone': call.caller.phone ?? '' },
        NO_ERRORS,
      );
    } catch (error) {
      next(error);
    }
  });

  router.post('/operator/calls/:id/order', operators, requireCsrf, async (req, res, next) => {
    const form = req.body as Form;
    try {
      const { call, company } = await loadCallAndCompany(req);
      if (!company || call.outcome !== 'logged') return res.redirect(303, `/operator/calls/${encodeURIComponent(call.id)}`);
      try {
        await api(req).post<Call>(intake, `/calls/${encodeURIComponent(call.id)}/resolution`, orderBody(form));
      } catch (error) {
        const found = fieldErrors(error, lang(res));
        if (Object.keys(found).length === 0) throw error;
        res.status(error instanceof ApiError ? error.status : 400);
        return renderOrder(res, call, company, form, orderErrors(found, form, t(res)));
      }
      res.redirect(303, `/operator/calls/${encodeURIComponent(call.id)}`);
    } catch (error) {
      next(error);
    }
  });

  router.get('/operator/calls/:id', operators, async (req, res, next) => {
    try {
      const call = await loadCall(req);
      page.render(res, 'operator-done', 'operator.done.title', { ...common, call, groups: spelled(call.reference, t(res)) });
    } catch (error) {
      next(error);
    }
  });

  router.get('/operator/calls', operators, async (req, res, next) => {
    try {
      const reference = typeof req.query.reference === 'string' ? req.query.reference.trim().slice(0, 20) : '';
      const cursor = Cursor.safeParse(req.query.cursor);
      const query = new URLSearchParams({ limit: '50' });
      if (reference) query.set('reference', reference);
      if (cursor.success) query.set('cursor', cursor.data);
      const found = parseReply(CallsReply, await api(req).get<unknown>(intake, `/calls?${query}`));
      const nextCursor = found.next ? new URL(found.next, 'http://x').searchParams.get('cursor') : null;
      page.render(res, 'operator-log', 'operator.log.title', { ...common, calls: found.calls, reference, nextCursor });
    } catch (error) {
      next(error);
    }
  });

  return router;
}
