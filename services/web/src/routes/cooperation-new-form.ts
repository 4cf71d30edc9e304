import { allJobcentres, jobcentre as jobcentreOf } from '@rs/reference-data';
import { z } from 'zod';
import { type Cooperation, cooperationOfJobcentre } from '../cooperations';

const text = z.string().max(1000).optional().default('');

/** The new-cooperation form as the browser sends it: strings, the ticked members one or many, checkboxes present or absent. */
export const NewCooperationForm = z.object({
  _csrf: z.string(),
  idempotencyKey: z.string().regex(/^[\x21-\x7e]{1,255}$/),
  id: text,
  name: text,
  from: text,
  members: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((m) => (m === undefined ? [] : Array.isArray(m) ? m : [m])),
  secretariat: text,
  chair: text,
  placementsPerYear: text,
  replyHours: text,
  replyMode: text,
  autoEscalate: z.string().optional(),
  notifySecretariat: z.string().optional(),
  reason: text,
});
export type NewCooperationValues = z.infer<typeof NewCooperationForm>;

/** The form's fields an error can sit at (each the id of its input, `members` its fieldset's first box). */
export type NewCooperationField =
  | 'id'
  | 'name'
  | 'from'
  | 'members'
  | 'secretariat'
  | 'chair'
  | 'placementsPerYear'
  | 'replyHours'
  | 'replyMode'
  | 'reason';

/** The form before anything is filled in: members from today, the seed's policies (48 h, working time, notices to the secretariat). */
export function emptyNewCooperation(today: string, idempotencyKey: string): Partial<NewCooperationValues> {
  return { idempotencyKey, from: today, replyHours: '48', replyMode: 'working-time', notifySecretariat: 'on', members: [] };
}

const numberOrText = (s: string): number | string => (/^\d+$/.test(s.trim()) ? Number(s.trim()) : s);

/**
 * reporting's POST /cooperations body from the form. Values are passed on as typed (a code that is
 * not a number stays text), so the API names what is wrong at its field; the offices start the
 * day the members do.
 */
export function creationFromForm(form: NewCooperationValues): Record<string, unknown> {
  const from = form.from.trim();
  const body: Record<string, unknown> = {
    id: form.id.trim(),
    name: form.name.trim(),
    members: form.members.map((m) => ({ jobcentre: numberOrText(m), from })),
    targets: { placementsPerYear: form.placementsPerYear.trim() === '' ? null : numberOrText(form.placementsPerYear) },
    replyWindow: { hours: numberOrText(form.replyHours), mode: form.replyMode || 'working-time' },
    escalation: { autoEscalate: form.autoEscalate !== undefined, notifySecretariat: form.notifySecretariat !== undefined },
    reason: form.reason,
  };
  if (form.secretariat) body.secretariat = { jobcentre: numberOrText(form.secretariat), since: from };
  if (form.chair) body.chair = { jobcentre: numberOrText(form.chair), since: from };
  return body;
}

/** Where each of the API's fields sits in the form. */
const AT: Record<string, NewCooperationField> = {
  id: 'id',
  name: 'name',
  members: 'members',
  'secretariat.jobcentre': 'secretariat',
  'secretariat.since': 'from',
  'chair.jobcentre': 'chair',
  'chair.since': 'from',
  'targets.placementsPerYear': 'placementsPerYear',
  'replyWindow.hours': 'replyHours',
  'replyWindow.mode': 'replyMode',
  reason: 'reason',
};

/**
 * The API's field errors (`members.3.jobcentre`, `secretariat.jobcentre`, …) at the form's fields;
 * a member's message names the jobcentre it is about (several may be refused at once). What has
 * no field of its own is returned as `general`.
 */
export function errorsAtFields(
  fields: Record<string, string>,
  form: NewCooperationValues,
): { errors: Partial<Record<NewCooperationField, string>>; general: string[] } {
  const errors: Partial<Record<NewCooperationField, string>> = {};
  const general: string[] = [];
  const add = (at: NewCooperationField, message: string) => {
    errors[at] = errors[at] ? `${errors[at]} ${message}` : message;
  };
  for (const [field, message] of Object.entries(fields)) {
    const member = /^members\.(\d+)\.(jobcentre|from)$/.exec(field);
    if (member) {
      if (member[2] === 'from') add('from', message);
      else {
        const code = Number(form.members[Number(member[1])]);
        add('members', `${jobcentreOf(code)?.name ?? code}: ${message}`);
      }
      continue;
    }
    const at = AT[field];
    if (at) add(at, message);
    else general.push(message);
  }
  return { errors, general };
}

/** The jobcentres a new cooperation may take today: those in no cooperation now, by region, by name. */
export function freeJobcentres(
  cooperations: readonly Cooperation[],
  today: Date,
): { regionCode: number; jobcentres: { code: number; name: string }[] }[] {
  const free = allJobcentres().filter((j) => !cooperationOfJobcentre(cooperations, j.code, today));
  const regions = [...new Set(free.map((j) => j.regionCode))].sort((a, b) => a - b);
  return regions.map((regionCode) => ({
    regionCode,
    jobcentres: free
      .filter((j) => j.regionCode === regionCode)
      .map((j) => ({ code: j.code, name: j.name }))
      .sort((a, b) => a.name.localeCompare(b.name, 'da')),
  }));
}
