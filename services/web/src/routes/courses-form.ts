import { z } from 'zod';
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

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
export const REF = /^[A-Za-z0-9_-]{1,64}$/;
// The API refuses references shaped like a CPR number (ddmmyy-xxxx or ddmmyyxxxx); so does the page.
const CPR_SHAPED = /^\d{6}-?\d{4}$/;
/** The most seats a course has and a jobcentre may ask for (upskilling-seat's CourseSummary and SeatsBody). */
export const MAX_SEATS = 500;

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

/*
 * The form as zod schemas over its flat string values. The error map gives each issue a
 * catalogue key (`courses.err.*`) as its message; `problemsOf` turns the issues into the problems
 * by field, the key's placeholders from the issue (a text's maximum, a number's range).
 */

/** A check of our own: its catalogue key and placeholders travel in the issue's params. */
const own = (key: MessageKey, vars?: Record<string, number>) => ({ code: 'custom' as const, params: { key, vars }, message: key });

/** Each issue's catalogue key: a required field left empty, a choice not offered, a malformed date, a text too long. */
export const courseErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'custom':
      return (issue.params as { key?: MessageKey } | undefined)?.key ?? 'courses.err.required';
    case 'invalid_value':
      return 'courses.err.choose';
    case 'invalid_format':
      return 'courses.err.date';
    case 'too_big':
      return 'courses.err.tooLong';
    default:
      // An absent field (invalid_type) and an empty one (too_small on min(1)).
      return 'courses.err.required';
  }
};

/** The problems by field of a failed parse: the first issue of each field. */
export function problemsOf(error: z.ZodError): FieldProblems {
  const out: FieldProblems = {};
  for (const issue of error.issues) {
    const name = issue.path.map(String).join('.') || 'form';
    if (name in out) continue;
    const vars =
      issue.code === 'too_big'
        ? { max: Number(issue.maximum) }
        : issue.code === 'custom'
          ? (issue.params as { vars?: Record<string, number> } | undefined)?.vars
          : undefined;
    out[name] = { key: issue.message as MessageKey, ...(vars ? { vars } : {}) };
  }
  return out;
}

const text = (max = 200) => z.string().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((v) => (v ? v : null));
const choice = <T extends readonly [string, ...string[]]>(options: T) => z.enum(options);
const date = z.string().min(1).pipe(z.iso.date());

/** A whole number from min to max as typed; `required: false` reads an empty field as null. */
function int(min: number, max: number, required: boolean) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): number | null => {
      if (raw === undefined || raw === '') {
        if (required) ctx.issues.push({ ...own('courses.err.required'), input: raw });
        return null;
      }
      const n = Number(raw);
      if (/^-?\d+$/.test(raw) && Number.isSafeInteger(n) && n >= min && n <= max) return n;
      ctx.issues.push({ ...own('courses.err.int', { min, max }), input: raw });
      return z.NEVER;
    });
}

/** A `datetime-local` value read as Copenhagen time, as an ISO instant. */
const copenhagenDateTime = z
  .string()
  .min(1)
  .transform((raw, ctx) => {
    const instant = copenhagenInstant(raw);
    if (instant) return instant;
    ctx.issues.push({ ...own('courses.err.datetime'), input: raw });
    return z.NEVER;
  });

const DECLARATION = 'guarantee.declaration.';

/**
 * The form's schema. Its shape follows what the form offers (`ceilingCodes`: a ceiling field per
 * jobcentre shown; `leadChoice`: a secretariat or admin chooses the lead) and its two switches as
 * sent (on the positive list: its name and year; a guarantee: the company's declaration).
 */
export function courseForm(ceilingCodes: readonly number[], leadChoice: boolean, switches: { onPositiveList: boolean; declared: boolean }) {
  const shape = {
    title: text(),
    'provider.kind': choice(PROVIDER_KINDS),
    'provider.name': text(),
    startDate: date,
    endDate: date,
    place: text(),
    windowClosesAt: copenhagenDateTime,
    scope: choice(SCOPES),
    seats: int(1, MAX_SEATS, true),
    boughtBy: text(),
    fundedBy: choice(FUNDINGS),
    pricePerSeatDkk: int(0, 1_000_000, true),
    defaultBudgetCeilingDkk: int(0, 100_000_000, false),
    'company.name': text(),
    orderId: optionalText(100),
    'guarantee.kind': choice(GUARANTEES),
    ...(leadChoice ? { leadJobcentre: int(100, 999, true) } : {}),
    ...(switches.onPositiveList ? { 'positiveList.list': text(100), 'positiveList.year': int(2015, 2100, true) } : {}),
    ...(switches.declared
      ? {
          [`${DECLARATION}employCount`]: int(1, 1000, true),
          [`${DECLARATION}employmentMonths`]: int(1, 120, true),
          [`${DECLARATION}ordinaryEmployment`]: z.string().optional(),
          [`${DECLARATION}declaredBy`]: text(),
          [`${DECLARATION}declaredOn`]: date,
        }
      : {}),
    ...Object.fromEntries(ceilingCodes.map((code) => [ceilingField(code), int(0, 100_000_000, false)])),
  };
  return z.object(shape).transform((v) => {
    const f = v as Record<string, unknown>;
    const ceilings = ceilingCodes
      .map((code) => ({ jobcentre: code, dkk: f[ceilingField(code)] as number | null }))
      .filter((c): c is { jobcentre: number; dkk: number } => c.dkk !== null);
    const kind = v['guarantee.kind'];
    return {
      ceilingOrder: ceilings.map((c) => c.jobcentre),
      body: {
        title: v.title,
        provider: { kind: v['provider.kind'], name: v['provider.name'] },
        positiveList: switches.onPositiveList ? { list: f['positiveList.list'], year: f['positiveList.year'] } : null,
        startDate: v.startDate,
        endDate: v.endDate,
        place: v.place,
        seats: v.seats,
        boughtBy: v.boughtBy,
        fundedBy: v.fundedBy,
        pricePerSeatDkk: v.pricePerSeatDkk,
        company: { name: v['company.name'] },
        orderId: v.orderId,
        guarantee:
          kind === 'none'
            ? { kind }
            : {
                kind,
                declaration: {
                  employCount: f[`${DECLARATION}employCount`],
                  employmentMonths: f[`${DECLARATION}employmentMonths`],
                  ordinaryEmployment: f[`${DECLARATION}ordinaryEmployment`] === 'yes',
                  declaredBy: f[`${DECLARATION}declaredBy`],
                  declaredOn: f[`${DECLARATION}declaredOn`],
                },
              },
        windowClosesAt: v.windowClosesAt,
        scope: v.scope,
        ...(leadChoice ? { leadJobcentre: f.leadJobcentre } : {}),
        budgetCeilings: ceilings,
        defaultBudgetCeilingDkk: v.defaultBudgetCeilingDkk,
      } as Record<string, unknown>,
    };
  });
}

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
  const kind = v['guarantee.kind'];
  const switches = { onPositiveList: v.onPositiveList === 'yes', declared: kind === 'near-job' || kind === 'job' };
  const parsed = courseForm(ceilingCodes, leadChoice, switches).safeParse(v, { error: courseErrorMap });
  if (!parsed.success) return { ok: false, problems: problemsOf(parsed.error) };
  return { ok: true, ...parsed.data };
}

/** A seat request as typed: the seats, and the candidates' pseudonymous references. */
export const SeatsForm = z.object({
  seats: int(1, MAX_SEATS, false).refine((n) => n !== null, { ...own('courses.err.int', { min: 1, max: MAX_SEATS }) }),
  candidates: z
    .string()
    .optional()
    .transform((text) => splitRefs(text ?? ''))
    .refine((refs) => !badRefs(refs), { ...own('courses.err.refs') }),
});

/** A seat request's form, or the problems by field. */
export function seatsBody(v: FormValues) {
  const parsed = SeatsForm.safeParse(v, { error: courseErrorMap });
  if (!parsed.success) return { ok: false as const, problems: problemsOf(parsed.error) };
  return { ok: true as const, body: { seats: parsed.data.seats as number, candidates: parsed.data.candidates } };
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
