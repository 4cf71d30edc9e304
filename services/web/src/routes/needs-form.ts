import { z } from 'zod';
import type { MessageKey } from '../locales';

/* The "record a coming need" form: its fields as the page sends them, checked before the API is asked. */

export const NEED_FIELDS = ['company', 'occupation', 'count', 'expectedBy', 'courseWouldHelp', 'course', 'note'] as const;
export type NeedField = (typeof NEED_FIELDS)[number];
export type NeedValues = Partial<Record<NeedField | 'idempotencyKey', string>>;

/** What POST /needs takes (upskilling-seat's NeedBody). */
export interface NeedBody {
  company: string;
  occupation: string;
  count: number;
  expectedBy: string;
  courseWouldHelp: boolean;
  course: string | null;
  note: string;
}

/** A field's problem: a catalogue key (the page's check) or the API's own text. */
export type NeedProblem = { key: MessageKey } | { text: string };

export const FIELD_LABELS: Record<NeedField, MessageKey> = {
  company: 'needs.f.company',
  occupation: 'needs.f.occupation',
  count: 'needs.f.count',
  expectedBy: 'needs.f.expectedBy',
  courseWouldHelp: 'needs.f.courseWouldHelp',
  course: 'needs.f.course',
  note: 'needs.f.note',
};

const text = (max: number) => z.string().trim().min(1).max(max);
const Shape = z.object({
  company: text(200),
  occupation: text(200),
  count: z
    .string()
    .trim()
    .regex(/^\d{1,5}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(10_000)),
  expectedBy: z
    .string()
    .trim()
    .regex(/^20\d{2}-(0[1-9]|1[0-2])$/),
  courseWouldHelp: z.enum(['yes', 'no']),
  course: z.string().trim().max(200),
  note: z.string().trim().max(2000),
});

/** Only the form's own fields, as strings (anything else in the body is ignored). */
export function needValues(body: unknown): NeedValues {
  const raw = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const out: NeedValues = {};
  for (const name of [...NEED_FIELDS, 'idempotencyKey'] as const) {
    const v = raw[name];
    if (typeof v === 'string') out[name] = v;
  }
  return out;
}

/** The API's body, or each field's problem: a course is named when one would help. */
export function needBody(
  values: NeedValues,
): { ok: true; body: NeedBody } | { ok: false; problems: Partial<Record<NeedField, NeedProblem>> } {
  const parsed = Shape.safeParse({ course: '', note: '', ...values });
  const problems: Partial<Record<NeedField, NeedProblem>> = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const name = issue.path[0] as NeedField;
      if (NEED_FIELDS.includes(name)) problems[name] = { key: `needs.err.${name}` as MessageKey };
    }
  }
  const wouldHelp = values.courseWouldHelp === 'yes';
  if (wouldHelp && !(values.course ?? '').trim()) problems.course = { key: 'needs.err.course' };
  if (!parsed.success || Object.keys(problems).length > 0) return { ok: false, problems };
  const v = parsed.data;
  return {
    ok: true,
    body: {
      company: v.company,
      occupation: v.occupation,
      count: v.count,
      expectedBy: v.expectedBy,
      courseWouldHelp: wouldHelp,
      // A course named while "no" is chosen is not kept: the export says "Nej" with no course.
      course: wouldHelp ? v.course : null,
      note: v.note,
    },
  };
}

/** The quarter a month (YYYY-MM) or a date falls in, as the API names it: 2027-Q1. */
export function quarterOf(date: Date | string): string {
  const iso = typeof date === 'string' ? date : date.toISOString();
  return `${iso.slice(0, 4)}-Q${Math.ceil(Number(iso.slice(5, 7)) / 3)}`;
}

/** The quarter `step` quarters from `quarter` (2027-Q1, -1 → 2026-Q4). */
export function shiftQuarter(quarter: string, step: number): string {
  const [year, q] = quarter.split('-Q').map(Number) as [number, number];
  const index = year * 4 + (q - 1) + step;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

export const QUARTER = /^20\d{2}-Q[1-4]$/;
