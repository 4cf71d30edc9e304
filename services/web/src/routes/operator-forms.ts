import { ORDER_EMPLOYMENT_TYPES, ORDER_WORKING_TIMES } from '@rs/contracts';
import type { Translate } from '../i18n';
import type { MessageKey } from '../locales';

/**
 * The operator's forms as order-intake's bodies, and order-intake's field errors back at the
 * forms' fields. The API is the one that validates (CVR modulus 11, postal codes, DISCO-08 codes,
 * dates, the requirements' vocabulary): a form only drops what was left empty and turns numbers
 * into numbers, so what the API refuses is shown at the field the operator typed it in.
 */
export type Form = Record<string, string | string[] | undefined>;

/** A form's value as typed, trimmed; '' when absent. A repeated field gives its first value. */
export const text = (form: Form, name: string): string => {
  const v = form[name];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};

/** A repeated field (checkboxes) as a list. */
export const list = (form: Form, name: string): string[] => {
  const v = form[name];
  return (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== '');
};

/** A number typed as digits; anything else is sent as typed, so the API names the field. Empty: left out. */
const num = (form: Form, name: string): number | string | undefined => {
  const v = text(form, name);
  if (v === '') return undefined;
  return /^\d+([.,]\d+)?$/.test(v) ? Number(v.replace(',', '.')) : v;
};

/** Only the fields with a value: an empty optional field is not sent (the API would refuse ''). */
function defined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

export const CONTACT_SLOTS = [0, 1] as const;

/** The company form's inputs, in the order they are shown (the error summary follows it). */
export const COMPANY_FIELDS = [
  'cvr',
  'pNumber',
  'name',
  'address.street',
  'address.postalCode',
  'address.city',
  'municipality',
  ...CONTACT_SLOTS.flatMap((i) => [`contacts.${i}.name`, `contacts.${i}.role`, `contacts.${i}.phone`, `contacts.${i}.email`]),
];

/** POST /companies from the company form. A contact slot left empty is no contact. */
export function companyBody(form: Form) {
  const contacts = CONTACT_SLOTS.map((i) =>
    defined({
      name: text(form, `contacts.${i}.name`),
      role: text(form, `contacts.${i}.role`),
      phone: text(form, `contacts.${i}.phone`),
      email: text(form, `contacts.${i}.email`),
    }),
  ).filter((c) => Object.keys(c).length > 0);
  return {
    cvr: text(form, 'cvr').replace(/\s/g, ''),
    ...defined({ pNumber: text(form, 'pNumber').replace(/\s/g, '') }),
    name: text(form, 'name'),
    address: { street: text(form, 'address.street'), postalCode: text(form, 'address.postalCode'), city: text(form, 'address.city') },
    ...defined({ municipality: num(form, 'municipality') }),
    contacts,
  };
}

export const CALL_FIELDS = ['caller.name', 'caller.phone', 'caller.role', 'need', 'orderId', 'note'];

/**
 * POST /calls from the call form, for the company the operator found or created. A call about an
 * existing order names it (`orderId`): order-intake attaches the call to it and routes it to that
 * order's lead. The order chosen counts only with that need: the list stays on the form either way.
 */
export function callBody(form: Form, companyId: string) {
  const need = text(form, 'need');
  return {
    caller: defined({ name: text(form, 'caller.name'), phone: text(form, 'caller.phone'), role: text(form, 'caller.role') }),
    company: { companyId },
    need,
    note: text(form, 'note'),
    ...(need === 'existing-order' ? defined({ orderId: text(form, 'orderId') }) : {}),
  };
}

/** order-intake's employment types and working times, from contracts, in the order the form offers them. */
export const EMPLOYMENT_TYPES = ORDER_EMPLOYMENT_TYPES;
export const WORKING_TIMES = ORDER_WORKING_TIMES;

export const ORDER_FIELDS = [
  'title',
  'occupation',
  'occupationText',
  'positions',
  'municipality',
  'description',
  'employmentType',
  'workingTime',
  'weeklyHours',
  'startBy',
  'applicationDeadline',
  'certificates',
  'licences',
  'language',
  'wishes',
  'shortNotice',
  'largeProject',
  'contact.name',
  'contact.phone',
  'contact.email',
];

/** Where the API's names of the requirements land in the form. */
const ORDER_ALIASES: [string, string][] = [
  ['requirements.certificates', 'certificates'],
  ['requirements.licences', 'licences'],
  ['requirements.languages', 'language'],
];

/** The order of a call (POST /calls/:id/resolution) from the order form: every field of an order; the channel is the phone line's. */
export function orderBody(form: Form) {
  const language = text(form, 'language').toLowerCase();
  const level = text(form, 'languageLevel');
  const contact = defined({ name: text(form, 'contact.name'), phone: text(form, 'contact.phone'), email: text(form, 'contact.email') });
  return {
    order: {
      title: text(form, 'title'),
      occupation: text(form, 'occupation'),
      ...defined({ occupationText: text(form, 'occupationText') }),
      ...defined({ positions: num(form, 'positions'), municipality: num(form, 'municipality') }),
      description: text(form, 'description'),
      ...defined({
        employmentType: text(form, 'employmentType'),
        workingTime: text(form, 'workingTime'),
        weeklyHours: num(form, 'weeklyHours'),
        startBy: text(form, 'startBy'),
        applicationDeadline: text(form, 'applicationDeadline'),
      }),
      requirements: {
        certificates: list(form, 'certificates'),
        licences: list(form, 'licences'),
        languages: language || level ? [{ language, level }] : [],
      },
      wishes: text(form, 'wishes')
        .split(/\r?\n/)
        .map((w) => w.trim())
        .filter((w) => w !== ''),
      shortNotice: text(form, 'shortNotice') === 'yes',
      largeProject: text(form, 'largeProject') === 'yes',
      ...(Object.keys(contact).length > 0 ? { contact } : {}),
    },
  };
}

export interface ShownErrors {
  /** Each field's message, by the form's field name. */
  byField: Record<string, string>;
  /** The summary at the top: a link to each field in the form's order; messages no field owns have no link. */
  summary: { id?: string; message: string }[];
}

export const fieldId = (name: string) => `f-${name.replace(/\./g, '-')}`;

/** An API message as a sentence: the APIs write them in lower case to follow a field's name. */
export const sentence = (message: string) => message.charAt(0).toUpperCase() + message.slice(1);

/**
 * The API's field errors (from `fieldErrors(error, lang)`, already in the page's language) at the form's fields: `prefix` is the part of the
 * API's name the form leaves out (`order.` for the order form), a nested name (a contact's e-mail,
 * the first certificate) lands at the field that holds it. A required field left empty says so in
 * the page's language rather than the API's "expected string".
 */
export function showErrors(
  apiErrors: Record<string, string>,
  fields: readonly string[],
  form: Form,
  t: Translate,
  prefix = '',
  aliases: readonly [string, string][] = [],
): ShownErrors {
  const byField: Record<string, string> = {};
  const loose: string[] = [];
  for (const [rawKey, message] of Object.entries(apiErrors)) {
    let key = prefix && rawKey.startsWith(prefix) ? rawKey.slice(prefix.length) : rawKey;
    for (const [from, to] of aliases) if (key === from || key.startsWith(`${from}.`)) key = to;
    const field = fields.find((f) => key === f || key.startsWith(`${f}.`));
    if (!field) {
      loose.push(sentence(message));
      continue;
    }
    if (field in byField) continue;
    // An empty field the API refuses was refused for being empty: say that, in the page's language.
    const empty = text(form, field) === '' && list(form, field).length === 0;
    byField[field] = empty ? t('operator.required') : sentence(message);
  }
  return {
    byField,
    summary: [
      ...fields.filter((f) => f in byField).map((f) => ({ id: fieldId(f), message: byField[f] as string })),
      ...loose.map((message) => ({ message })),
    ],
  };
}

export const orderErrors = (apiErrors: Record<string, string>, form: Form, t: Translate) =>
  showErrors(apiErrors, ORDER_FIELDS, form, t, 'order.', ORDER_ALIASES);

/** A reference as it is read out: its groups, each character with its word of the spelling alphabet. */
export function spelled(reference: string, t: Translate): { char: string; word: string }[][] {
  return reference.split('-').map((group) => [...group].map((char) => ({ char, word: t(`operator.spell.${char}` as MessageKey) })));
}

const danishDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's ISO date in Danish time: between 23:00 and 24:00 UTC it is already tomorrow in Copenhagen. */
export const copenhagenDate = (now: Date): string => danishDate.format(now);
