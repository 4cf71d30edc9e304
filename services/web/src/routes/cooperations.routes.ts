import { randomUUID } from 'node:crypto';
import { municipality } from '@rs/reference-data';
import { Router } from 'express';
import { z } from 'zod';
import { ApiError, apiClient, fieldErrors } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import type { Cooperation } from '../cooperations';
import { requireCsrf } from '../csrf';
import { mountNewCooperation } from './cooperation-new.routes';

interface Detail {
  cooperation: Cooperation;
  nextChairRotation: string | null;
  history: { state: Cooperation; changed: string[] }[];
}

const Id = z.string().regex(/^[A-Z]{2,10}$/);
const text = z.string().max(1000).optional().default('');
/** The change form as the browser sends it: every field a string, the checkboxes present or absent. */
const ChangeForm = z.object({
  _csrf: z.string(),
  expectedVersion: z.coerce.number().int().min(1),
  reason: text,
  secretariatJobcentre: text,
  secretariatSince: text,
  chairJobcentre: text,
  chairSince: text,
  leaveJobcentre: text,
  leaveFrom: text,
  joinJobcentre: text,
  joinFrom: text,
  placementsPerYear: text,
  replyHours: text,
  replyMode: text,
  autoEscalate: z.string().optional(),
  notifySecretariat: z.string().optional(),
});
type ChangeValues = z.infer<typeof ChangeForm>;

/** Where each of the API's fields sits in the form. */
const FORM_FIELD: Record<string, keyof ChangeValues> = {
  reason: 'reason',
  'secretariat.jobcentre': 'secretariatJobcentre',
  'secretariat.since': 'secretariatSince',
  'chair.jobcentre': 'chairJobcentre',
  'chair.since': 'chairSince',
  'leave.jobcentre': 'leaveJobcentre',
  'leave.from': 'leaveFrom',
  'join.jobcentre': 'joinJobcentre',
  'join.from': 'joinFrom',
  'targets.placementsPerYear': 'placementsPerYear',
  'replyWindow.hours': 'replyHours',
  'replyWindow.mode': 'replyMode',
};

const numberOrText = (s: string): number | string => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s);

/** The change the form asks for: only the parts that differ from the version the admin saw. */
export function changeFromForm(form: ChangeValues, current: Cooperation): Record<string, unknown> {
  const body: Record<string, unknown> = { expectedVersion: form.expectedVersion, reason: form.reason };
  if (form.secretariatJobcentre) body.secretariat = { jobcentre: numberOrText(form.secretariatJobcentre), since: form.secretariatSince };
  if (form.chairJobcentre) body.chair = { jobcentre: numberOrText(form.chairJobcentre), since: form.chairSince };
  if (form.leaveJobcentre) body.leave = { jobcentre: numberOrText(form.leaveJobcentre), from: form.leaveFrom };
  if (form.joinJobcentre) body.join = { jobcentre: numberOrText(form.joinJobcentre), from: form.joinFrom };
  const placements = form.placementsPerYear.trim() === '' ? null : numberOrText(form.placementsPerYear);
  if (placements !== current.targets.placementsPerYear) body.targets = { placementsPerYear: placements };
  const hours = numberOrText(form.replyHours);
  const mode = form.replyMode || current.replyWindow.mode;
  if (hours !== current.replyWindow.hours || mode !== current.replyWindow.mode) body.replyWindow = { hours, mode };
  const escalation = { autoEscalate: form.autoEscalate !== undefined, notifySecretariat: form.notifySecretariat !== undefined };
  if (
    escalation.autoEscalate !== current.escalation.autoEscalate ||
    escalation.notifySecretariat !== current.escalation.notifySecretariat
  ) {
    body.escalation = escalation;
  }
  return body;
}

/** The form's values for a cooperation as it is: nothing to change yet, policies as they are, dates today. */
function formOf(c: Cooperation, today: string): Partial<ChangeValues> {
  return {
    expectedVersion: c.version,
    secretariatSince: today,
    chairSince: today,
    leaveFrom: today,
    joinFrom: today,
    placementsPerYear: c.targets.placementsPerYear === null ? '' : String(c.targets.placementsPerYear),
    replyHours: String(c.replyWindow.hours),
    replyMode: c.replyWindow.mode,
    ...(c.escalation.autoEscalate ? { autoEscalate: 'on' } : {}),
    ...(c.escalation.notifySecretariat ? { notifySecretariat: 'on' } : {}),
  };
}

/** The API's "English / Dansk" message in the page's language. */
const inLanguage = (message: string, lang: string) => {
  const at = message.lastIndexOf(' / ');
  return at < 0 ? message : lang === 'da' ? message.slice(at + 3) : message.slice(0, at);
};

/**
 * R15, the admin's pages (issue 20, part 5): the cooperations, one cooperation's members,
 * secretariat, chair, policies and history, and a form to change it — through reporting's API
 * with the admin's own token, each refusal shown at its field.
 */
export function cooperationsRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const reporting = options.services.reporting;
  const admins = signedIn(['admin']);
  const today = () =>
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
      options.now?.() ?? new Date(),
    );

  mountNewCooperation(router, options, page, today);

  router.get('/cooperations', admins, async (req, res, next) => {
    try {
      const cooperations = await apiClient(req.session.accessToken ?? '').get<Cooperation[]>(reporting, '/cooperations');
      page.render(res, 'cooperations-list', 'cooperations.title', { cooperations, today: today() });
    } catch (error) {
      next(error);
    }
  });

  const show = async (
    req: Parameters<Parameters<typeof router.get>[1]>[0],
    res: Parameters<Parameters<typeof router.get>[1]>[1],
    id: string,
    form?: { values: Partial<ChangeValues>; errors: Record<string, string>; general: string[] },
  ) => {
    const detail = await apiClient(req.session.accessToken ?? '').get<Detail>(reporting, `/cooperations/${id}`);
    const lang = res.locals.lang as string;
    page.render(res, 'cooperation-detail', 'cooperations.title', {
      detail,
      today: today(),
      values: form?.values ?? formOf(detail.cooperation, today()),
      errors: form?.errors ?? {},
      general: (form?.general ?? []).map((m) => inLanguage(m, lang)),
      msg: (m: string) => inLanguage(m, lang),
      municipalityName: (code: number) => municipality(code)?.name ?? String(code),
    });
  };

  router.get('/cooperations/:id', admins, async (req, res, next) => {
    try {
      const id = Id.safeParse(req.params.id);
      if (!id.success) throw new ApiError(404, undefined);
      await show(req, res, id.data);
    } catch (error) {
      next(error);
    }
  });

  router.post('/cooperations/:id', admins, requireCsrf, async (req, res, next) => {
    try {
      const id = Id.safeParse(req.params.id);
      const form = ChangeForm.safeParse(req.body);
      if (!id.success) throw new ApiError(404, undefined);
      if (!form.success) throw new ApiError(400, undefined);
      const api = apiClient(req.session.accessToken ?? '');
      const { cooperation } = await api.get<Detail>(reporting, `/cooperations/${id.data}`);
      const back = `/cooperations/${id.data}`;
      try {
        const answer = await api.post<{ changed?: string[] }>(
          reporting,
          `/cooperations/${id.data}/changes`,
          changeFromForm(form.data, cooperation),
          {
            'idempotency-key': randomUUID(),
          },
        );
        req.session.flash = { kind: 'success', key: answer?.changed ? 'cooperations.saved' : 'cooperations.unchanged' };
        return res.redirect(303, back);
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          req.session.flash = { kind: 'error', key: 'cooperations.conflict' };
          return res.redirect(303, back);
        }
        if (!(error instanceof ApiError) || (error.status !== 400 && error.status !== 422)) throw error;
        const errors: Record<string, string> = {};
        const general: string[] = [];
        for (const [field, message] of Object.entries(fieldErrors(error))) {
          const at = FORM_FIELD[field] ?? FORM_FIELD[field.split('.').slice(0, 2).join('.')];
          if (at) errors[at] = message;
          else general.push(message);
        }
        res.status(422);
        req.session.flash = { kind: 'error', key: 'cooperations.invalid' };
        await show(req, res, id.data, { values: form.data, errors, general });
      }
    } catch (error) {
      next(error);
    }
  });
  return router;
}
