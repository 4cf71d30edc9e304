import type { MessageKey } from '../locales';

/*
 * The "open a course" form: its fields carry the API's own names (`provider.name`,
 * `guarantee.declaration.employmentMonths`), so a problem from upskilling-seat lands at the field
 * it names. The page checks what a person can get wrong by typing (required, whole numbers,
 * dates) in their language first; the course's rules (dates in order, the window in the future,
 * the positive-list pool's guarantee, ceilings in scope) are upskilling-seat's and come back from it.
 */

export type FormValues = Record<string, string>;

/** A field's problem: a catalogue key and its placeholders, or a message from the API already in the page's language. */
export type FieldProblem = { key: MessageKey; vars?: Record<string, string | number> } | { text: string };
export type FieldProblems = Record<string, FieldProblem>;

export const PROVIDER_KINDS = ['vocational-school', 'veu-centre', 'amu'] as const;
export const FUNDINGS = ['regional-pool', 'jobcentres', 'company'] as const;
export const GUARANTEES = ['none', 'near-job', 'job'] as const;
export const SCOPES = ['cooperation', 'east-denmark', 'national'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const REF = /^[A-Za-z0-9_-]{1,64}$/;
// The API refuses references shaped like a CPR number (ddmmyy-xxxx or ddmmyyxxxx); so does the page.
const CPR_SHAPED = /^\d{6}-?\d{4}$/;

/** The form's body as posted (urlencoded, flat): every value a string; repeated keys keep the first. */
export function formValues(body: unknown): FormValues {
  const out: FormValues = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const value = Array.isArray(v) ? v[0] : v;
    if (typeof value === 'string') out[k] = value.trim();
  }
  return out;
}

const validDate = (s: string) =>
  DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

const TIME_ZONE = 'Europe/Copenhagen';
const wallClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Copenhagen's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(ms: number): number {
  const p = Object.fromEntries(wallClock.formatToParts(ms).map((x) => [x.type, x.value]));
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(ms / 1000) * 1000;
}

/** A `datetime-local` value read as Danish time (Europe/Copenhagen), as an ISO instant; undefined when it is no such time. */
export function copenhagenInstant(local: string): string | undefined {
  const m = LOCAL_DATETIME.exec(local);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return undefined;
  // Twice: the offset at the guessed instant may differ from the offset at the wall time (DST).
  const first = wall - offsetAt(wall);
  return new Date(wall - offsetAt(first)).toISOString();
}

/** Candidate references as typed: separated by commas, spaces or new lines. */
export const splitRefs = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((r) => r.trim())
    .filter((r) => r.length > 0);

export const badRefs = (refs: string[]): boolean => refs.some((r) => !REF.test(r) || CPR_SHAPED.test(r));

/** A whole number from min to max, or the problem. */
function int(v: FormValues, name: string, min: number, max: number, problems: FieldProblems, required = true): number | null {
  const raw = v[name] ?? '';
  if (raw === '') {
    if (required) problems[name] = { key: 'courses.err.required' };
    return null;
  }
  const n = Number(raw);
  if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
    problems[name] = { key: 'courses.err.int', vars: { min, max } };
    return null;
  }
  return n;
}

function text(v: FormValues, name: string, problems: FieldProblems, required = true, max = 200): string | null {
  const raw = v[name] ?? '';
  if (raw === '') {
    if (required) problems[name] = { key: 'courses.err.required' };
    return null;
  }
  if (raw.length > max) {
    problems[name] = { key: 'courses.err.tooLong', vars: { max } };
    return null;
  }
  return raw;
}

function choice<T extends string>(v: FormValues, name: string, options: readonly T[], problems: FieldProblems): T | null {
  const raw = v[name] ?? '';
  if ((options as readonly string[]).includes(raw)) return raw as T;
  problems[name] = { key: 'courses.err.choose' };
  return null;
}

function date(v: FormValues, name: string, problems: FieldProblems): string | null {
  const raw = v[name] ?? '';
  if (raw === '') problems[name] = { key: 'courses.err.required' };
  else if (!validDate(raw)) problems[name] = { key: 'courses.err.date' };
  else return raw;
  return null;
}

/** The label of each field, for the list of problems above the form (a ceiling field names its jobcentre). */
export const FIELD_LABELS: Record<string, MessageKey> = {
  title: 'courses.f.title',
  'provider.kind': 'courses.f.providerKind',
  'provider.name': 'courses.f.providerName',
  onPositiveList: 'courses.f.onPositiveList',
  'positiveList.list': 'courses.f.positiveListName',
  'positiveList.year': 'courses.f.positiveListYear',
  startDate: 'courses.f.startDate',
  endDate: 'courses.f.endDate',
  place: 'courses.f.place',
  windowClosesAt: 'courses.f.windowClosesAt',
  leadJobcentre: 'courses.f.leadJobcentre',
  scope: 'courses.f.scope',
  seats: 'courses.f.seats',
  boughtBy: 'courses.f.boughtBy',
  fundedBy: 'courses.f.fundedBy',
  pricePerSeatDkk: 'courses.f.price',
  defaultBudgetCeilingDkk: 'courses.f.defaultCeiling',
  'company.name': 'courses.f.company',
  orderId: 'courses.f.orderId',
  'guarantee.kind': 'courses.f.guarantee',
  'guarantee.declaration.employCount': 'courses.f.employCount',
  'guarantee.declaration.employmentMonths': 'courses.f.employmentMonths',
  'guarantee.declaration.ordinaryEmployment': 'courses.f.ordinaryEmployment',
  'guarantee.declaration.declaredBy': 'courses.f.declaredBy',
  'guarantee.declaration.declaredOn': 'courses.f.declaredOn',
};

/** What the form offers as ceilings: one field `ceiling.<code>` per jobcentre shown. */
export const ceilingField = (code: number) => `ceiling.${code}`;

/**
 * The API's body for POST /courses from the form, or the problems by field. `ceilingCodes` are the
 * jobcentres the form offered a ceiling field for; `leadChoice` whether the lead is chosen (a
 * secretariat or admin opens it for a jobcentre).
 */
export function courseBody(
  v: FormValues,
  ceilingCodes: readonly number[],
  leadChoice: boolean,
): { ok: true; body: Record<string, unknown>; ceilingOrder: number[] } | { ok: false; problems: FieldProblems } {
  const p: FieldProblems = {};
  const title = text(v, 'title', p);
  const providerKind = choice(v, 'provider.kind', PROVIDER_KINDS, p);
  const providerName = text(v, 'provider.name', p);
  const onList = v.onPositiveList === 'yes';
  const listName = onList ? text(v, 'positiveList.list', p, true, 100) : null;
  const listYear = onList ? int(v, 'positiveList.year', 2015, 2100, p) : null;
  const startDate = date(v, 'startDate', p);
  const endDate = date(v, 'endDate', p);
  const place = text(v, 'place', p);
  const seats = int(v, 'seats', 1, 500, p);
  const boughtBy = text(v, 'boughtBy', p);
  const fundedBy = choice(v, 'fundedBy', FUNDINGS, p);
  const price = int(v, 'pricePerSeatDkk', 0, 1_000_000, p);
  const company = text(v, 'company.name', p);
  const orderId = text(v, 'orderId', p, false, 100);
  const guaranteeKind = choice(v, 'guarantee.kind', GUARANTEES, p);
  const scope = choice(v, 'scope', SCOPES, p);
  const lead = leadChoice ? int(v, 'leadJobcentre', 100, 999, p) : null;
  const defaultCeiling = int(v, 'defaultBudgetCeilingDkk', 0, 100_000_000, p, false);
  let windowClosesAt: string | undefined;
  if ((v.windowClosesAt ?? '') === '') p.windowClosesAt = { key: 'courses.err.required' };
  else {
    windowClosesAt = copenhagenInstant(v.windowClosesAt ?? '');
    if (!windowClosesAt) p.windowClosesAt = { key: 'courses.err.datetime' };
  }
  let declaration: Record<string, unknown> | undefined;
  if (guaranteeKind && guaranteeKind !== 'none') {
    const d = 'guarantee.declaration.';
    const employCount = int(v, `${d}employCount`, 1, 1000, p);
    const employmentMonths = int(v, `${d}employmentMonths`, 1, 120, p);
    const declaredBy = text(v, `${d}declaredBy`, p);
    const declaredOn = date(v, `${d}declaredOn`, p);
    declaration = { employCount, employmentMonths, ordinaryEmployment: v[`${d}ordinaryEmployment`] === 'yes', declaredBy, declaredOn };
  }
  const ceilings: { jobcentre: number; dkk: number }[] = [];
  for (const code of ceilingCodes) {
    const dkk = int(v, ceilingField(code), 0, 100_000_000, p, false);
    if (dkk !== null) ceilings.push({ jobcentre: code, dkk });
  }
  if (Object.keys(p).length > 0) return { ok: false, problems: p };
  return {
    ok: true,
    ceilingOrder: ceilings.map((c) => c.jobcentre),
    body: {
      title,
      provider: { kind: providerKind, name: providerName },
      positiveList: onList ? { list: listName, year: listYear } : null,
      startDate,
      endDate,
      place,
      seats,
      boughtBy,
      fundedBy,
      pricePerSeatDkk: price,
      company: { name: company },
      orderId: orderId ?? null,
      guarantee: guaranteeKind === 'none' ? { kind: 'none' } : { kind: guaranteeKind, declaration },
      windowClosesAt,
      scope,
      ...(lead !== null ? { leadJobcentre: lead } : {}),
      budgetCeilings: ceilings,
      defaultBudgetCeilingDkk: defaultCeiling,
    },
  };
}

/**
 * A problem message of the API in the page's language: upskilling-seat writes a rule's message
 * as "English / Dansk"; other messages (zod's) are English only and shown as they are.
 */
export function inLanguage(message: string, lang: 'da' | 'en'): string {
  const parts = message.split(' / ');
  if (parts.length < 2) return message;
  return lang === 'en' ? (parts[0] ?? message) : parts.slice(1).join(' / ');
}
