import { z } from 'zod';
import { fieldErrors } from '../api';
import type { Lang, Translate } from '../i18n';

/*
 * The lead's forms on the order page: what each one sends, and what comes back when it is refused
 * — the page's own check or the API's field errors (`fieldErrors(error, lang)`) — placed at the
 * form's fields, with what was typed kept, so the order page shows each message at its field.
 */

const Code = z.coerce.number().int().min(100).max(999);
/** Every form carries its CSRF token and the Idempotency-Key rendered with it: a resubmit is the same request. */
const Csrf = { _csrf: z.string(), idempotencyKey: z.uuid().optional() };
const Candidate = z
  .string()
  .regex(/^\d{3}\/[A-Za-z0-9_-]{1,64}$/)
  .transform((v) => ({ jobcentre: Number(v.slice(0, 3)), candidateRef: v.slice(4) }));
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));
/** A number as typed; its range is the API's to judge (and to name at the field). */
const Num = z
  .string()
  .trim()
  .regex(/^\d+([.,]\d+)?$/)
  .transform((v) => Number(v.replace(',', '.')));

/** The page checks a form's shape only; the API decides what is allowed (dates, hours, who may take over). */
export const Forms = {
  rounds: z.object({ ...Csrf, scope: z.enum(['cooperation', 'east-denmark', 'national']) }),
  dialogue: z.object({ ...Csrf, note: z.string().trim().max(2000).optional() }),
  referrals: z.object({ ...Csrf, candidate: Candidate, screening: list }),
  hires: z.object({ ...Csrf, candidate: Candidate, startDate: z.string().trim().min(1), weeklyHours: Num }),
  handover: z.object({ ...Csrf, to: Code, reason: z.string().trim().min(1).max(2000) }),
  close: z.object({
    ...Csrf,
    outcome: z.enum(['filled', 'partly-filled', 'cancelled', 'closed-unfilled']),
    reason: z.string().trim().max(2000).optional(),
  }),
};
export type FormName = keyof typeof Forms | 'close-unfilled';

/** The API's names of a form's fields (its request body) and the form field each is shown at. */
const API_FIELDS: Record<FormName, Record<string, string>> = {
  rounds: { scope: 'scope' },
  dialogue: { reason: 'note' },
  referrals: { jobcentre: 'candidate', candidateRef: 'candidate', screening: 'screening' },
  hires: { jobcentre: 'candidate', candidateRef: 'candidate', startDate: 'startDate', weeklyHours: 'weeklyHours' },
  handover: { to: 'to', reason: 'reason' },
  close: { outcome: 'outcome', reason: 'reason' },
  'close-unfilled': {},
};

/** A refused form, as the order page shows it once: messages by field, those of no field, and what was typed. */
export interface FormProblem {
  form: FormName;
  fields: Record<string, string>;
  loose: string[];
  values: Record<string, string | string[]>;
}

/** What was typed, without the form's tokens, each value cut to the forms' longest. */
function typed(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf' || k === 'idempotencyKey') continue;
    if (typeof v === 'string') out[k] = v.slice(0, 2000);
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string').slice(0, 20);
  }
  return out;
}

const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

/** The page's own check failed: each field it names says so in the page's language. */
export function checkProblem(form: FormName, error: z.ZodError, body: unknown, t: Translate): FormProblem {
  const fields: Record<string, string> = {};
  const values = typed(body);
  for (const issue of error.issues) {
    const name = String(issue.path[0] ?? '');
    if (!name || name in fields) continue;
    const value = values[name];
    const empty = value === undefined || (typeof value === 'string' ? value.trim() === '' : value.length === 0);
    fields[name] = t(empty ? 'orders.field.required' : 'orders.field.invalid');
  }
  return { form, fields, loose: Object.keys(fields).length === 0 ? [t('orders.field.invalid')] : [], values };
}

/**
 * The API refused the form: its field errors at the form's fields, in the page's language; one
 * of a field the form does not have, or a problem without fields, is kept apart (`loose`, or the
 * caller's problem text). Undefined when the API named no field.
 */
export function apiProblem(form: FormName, error: unknown, body: unknown, lang: Lang): FormProblem | undefined {
  const found = fieldErrors(error, lang);
  if (Object.keys(found).length === 0) return undefined;
  const fields: Record<string, string> = {};
  const loose: string[] = [];
  for (const [apiName, message] of Object.entries(found)) {
    const top = apiName.split('.')[0] ?? '';
    const field = API_FIELDS[form][top];
    if (!field) loose.push(sentence(message));
    else if (!(field in fields)) fields[field] = sentence(message);
  }
  return { form, fields, loose, values: typed(body) };
}
