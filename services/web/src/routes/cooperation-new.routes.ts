import { randomUUID } from 'node:crypto';
import { region } from '@rs/reference-data';
import type { Request, Response, Router } from 'express';
import { ApiError, apiClient, fieldErrors } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { type Cooperation, cooperationsFor, forgetCooperations } from '../cooperations';
import { requireCsrf } from '../csrf';
import {
  creationFromForm,
  emptyNewCooperation,
  errorsAtFields,
  freeJobcentres,
  type NewCooperationField,
  NewCooperationForm,
  type NewCooperationValues,
} from './cooperation-new-form';

/** The labels of the fields, for the error summary's links (keys of locales/cooperations.ts). */
const LABEL: Record<NewCooperationField, string> = {
  id: 'cooperations.new.id',
  name: 'cooperations.new.name',
  from: 'cooperations.new.from',
  members: 'cooperations.new.members',
  secretariat: 'cooperations.secretariat',
  chair: 'cooperations.chair',
  placementsPerYear: 'cooperations.placementsPerYear',
  replyHours: 'cooperations.new.replyHours',
  replyMode: 'cooperations.new.replyMode',
  reason: 'cooperations.reason',
};
/** The form's order, for the summary (the first error first). */
const ORDER = Object.keys(LABEL) as NewCooperationField[];

/** The problem's own text in the page's language (a 409 carries no field errors). */
const detailOf = (error: ApiError, lang: string): string => {
  const body = error.body as { detail?: unknown; detail_da?: unknown } | null;
  const text = lang === 'da' ? body?.detail_da : body?.detail;
  return typeof text === 'string' ? text : '';
};

/**
 * R15, "Nyt samarbejde / New cooperation" (issue 20, part 5): the admin names a new cooperation,
 * ticks its members among the jobcentres in no cooperation today and sets its offices and
 * policies (the seed's as defaults); reporting's POST /cooperations decides, with the admin's own
 * token, and each refusal is shown at its field with an error summary. Mounted before
 * /cooperations/:id (a path segment `new` is no cooperation id).
 */
export function mountNewCooperation(router: Router, options: WebOptions, page: PageContext, today: () => string): void {
  const reporting = options.services.reporting;
  const admins = signedIn(['admin']);
  const now = () => options.now?.() ?? new Date();

  const render = async (
    req: Request,
    res: Response,
    values: Partial<NewCooperationValues>,
    problems: { errors: Partial<Record<NewCooperationField, string>>; general: string[] } = { errors: {}, general: [] },
  ) => {
    const cooperations: readonly Cooperation[] = await apiClient(req.session.accessToken ?? '').get<Cooperation[]>(
      reporting,
      '/cooperations',
    );
    const t = res.locals.t as (key: string) => string;
    const regions = freeJobcentres(cooperations, now()).map((r) => ({ ...r, name: region(r.regionCode)?.name ?? String(r.regionCode) }));
    // The members' link goes to their first box (a fieldset takes no focus).
    const first = regions[0]?.jobcentres[0];
    const summary = [
      ...ORDER.filter((f) => problems.errors[f]).map((f) => ({
        id: f === 'members' ? (first ? `member-${first.code}` : '') : f,
        message: `${t(LABEL[f])}: ${problems.errors[f]}`,
      })),
      ...problems.general.map((message) => ({ id: '', message })),
    ];
    page.render(res, 'cooperation-new', 'cooperations.new.title', {
      values,
      errors: problems.errors,
      summary,
      regions,
      // The messages are in the page's language already (fieldErrors with the language).
      msg: (m: string) => m,
    });
  };

  router.get('/cooperations/new', admins, async (req, res, next) => {
    try {
      await render(req, res, emptyNewCooperation(today(), randomUUID()));
    } catch (error) {
      next(error);
    }
  });

  router.post('/cooperations/new', admins, requireCsrf, async (req, res, next) => {
    try {
      const form = NewCooperationForm.safeParse(req.body);
      if (!form.success) throw new ApiError(400, undefined);
      const lang = res.locals.lang as 'da' | 'en';
      try {
        const made = await apiClient(req.session.accessToken ?? '').post<{ state: Cooperation }>(
          reporting,
          '/cooperations',
          creationFromForm(form.data),
          { 'idempotency-key': form.data.idempotencyKey },
        );
        // Every page of this process lists it at once, not after the cache's 15 s.
        forgetCooperations(reporting);
        req.session.flash = { kind: 'success', key: 'cooperations.new.created' };
        return res.redirect(303, `/cooperations/${made.state.id}`);
      } catch (error) {
        if (!(error instanceof ApiError) || ![400, 409, 422].includes(error.status)) throw error;
        const problems =
          error.status === 409
            ? { errors: { id: detailOf(error, lang) }, general: [] }
            : errorsAtFields(fieldErrors(error, lang), form.data);
        res.status(error.status === 409 ? 409 : 422);
        // The same key again: only a success is kept, so the corrected form creates once.
        await render(req, res, form.data, problems);
      }
    } catch (error) {
      next(error);
    }
  });
}
