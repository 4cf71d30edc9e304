import { z } from 'zod';
import type { Translate } from '../i18n';
import type { MessageKey } from '../locales';
import { type Form, fieldId, type ShownErrors, showErrors, text } from './operator-forms';

/*
 * The onboarding consultant's follow-ups (R10) as the pages read them from order-intake, and the
 * pure choices the list makes: which are shown for a filter, which are overdue, the Danish week.
 * Loose objects: a field the pages do not read is kept, never a reason to refuse the reply.
 */

export const FollowUp = z.looseObject({
  id: z.string(),
  orderId: z.string(),
  cooperation: z.string(),
  jobcentre: z.number().int(),
  candidateRef: z.string(),
  startDate: z.string(),
  weeklyHours: z.number().optional(),
  weeksAfterStart: z.number().int(),
  /** The order's company, whom the consultant asks; null when order-intake no longer has the order. */
  company: z.looseObject({ name: z.string() }).nullable().optional(),
  dueOn: z.string(),
  state: z.enum(['due', 'upcoming', 'done']),
  outcome: z
    .looseObject({
      status: z.enum(['still-employed', 'left']),
      reason: z.string().optional(),
      recordedAt: z.string(),
      recordedBy: z.string(),
    })
    .nullable(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const FollowUpsPage = z.looseObject({ followUps: z.array(FollowUp), next: z.string().nullable().optional() });

export const FILTERS = ['week', 'overdue', 'open', 'done'] as const;
export type Filter = (typeof FILTERS)[number];
export const filterOf = (value: unknown): Filter => (FILTERS.includes(value as Filter) ? (value as Filter) : 'week');

/** What the list asks order-intake for: every filter but "done" reads the open ones and chooses among them. */
export const apiState = (filter: Filter): 'open' | 'done' => (filter === 'done' ? 'done' : 'open');

/** The calendar day `days` after an ISO date. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Danish week (Monday to Sunday) that holds `today` (YYYY-MM-DD, the Copenhagen day). */
export function weekOf(today: string): { monday: string; sunday: string } {
  const weekday = (new Date(`${today}T00:00:00.000Z`).getUTCDay() + 6) % 7;
  const monday = addDays(today, -weekday);
  return { monday, sunday: addDays(monday, 6) };
}

export interface Row {
  followUp: FollowUp;
  /** Open and its due day has passed. */
  overdue: boolean;
}

/**
 * The rows a filter shows, given `today`: "this week" the open ones due by Sunday (the overdue
 * first, from earlier weeks too), "overdue" the open ones due before today, "all open" every open
 * one, "done" those with an outcome, the newest outcome first. Open rows by due day.
 */
export function chooseRows(followUps: readonly FollowUp[], filter: Filter, today: string): Row[] {
  const { sunday } = weekOf(today);
  const open = followUps.filter((f) => f.outcome === null);
  const rows = (list: FollowUp[]) => list.map((f) => ({ followUp: f, overdue: f.outcome === null && f.dueOn < today }));
  const byDue = (a: FollowUp, b: FollowUp) => a.dueOn.localeCompare(b.dueOn) || a.id.localeCompare(b.id);
  switch (filter) {
    case 'week':
      return rows(open.filter((f) => f.dueOn <= sunday).sort(byDue));
    case 'overdue':
      return rows(open.filter((f) => f.dueOn < today).sort(byDue));
    case 'open':
      return rows(open.sort(byDue));
    case 'done':
      return rows(
        followUps
          .filter((f) => f.outcome !== null)
          .sort((a, b) => (b.outcome?.recordedAt ?? '').localeCompare(a.outcome?.recordedAt ?? '') || byDue(a, b)),
      );
  }
}

/**
 * Why a person left, as the form offers it; the API takes the reason as text (its Danish words, then
 * the remark). No health choice: that would record sensitive data (GDPR art. 9) about the person.
 */
export const LEFT_REASONS = ['new-job', 'resigned', 'dismissed', 'moved', 'education', 'other'] as const;
export type LeftReason = (typeof LEFT_REASONS)[number];

export const OUTCOME_FIELDS = ['status', 'reason', 'remark'] as const;

/**
 * POST /follow-ups/:id/outcome's body from the form, checked by the API (which names the field):
 * nothing chosen sends no status; "left" sends the chosen reason's words (in Danish, the
 * platform's record language) and the remark; "still employed" sends the remark as its note.
 */
export function outcomeBody(form: Form, reasonWords: (reason: LeftReason) => string): { status?: string; reason?: string } {
  const status = text(form, 'status');
  const remark = text(form, 'remark');
  const chosen = text(form, 'reason');
  const reason =
    status === 'left'
      ? [LEFT_REASONS.includes(chosen as LeftReason) ? reasonWords(chosen as LeftReason) : '', remark].filter(Boolean).join(' – ')
      : remark;
  return { ...(status ? { status } : {}), ...(reason ? { reason } : {}) };
}

/**
 * The API's field errors at the form's fields: its `reason` is the chosen reason unless that was
 * chosen and the remark is what it refused (too long); a field left empty says what to choose.
 */
export function outcomeErrors(apiErrors: Record<string, string>, form: Form, t: Translate): ShownErrors {
  const remarkRefused = text(form, 'reason') !== '' && text(form, 'remark') !== '';
  const shown = showErrors(apiErrors, OUTCOME_FIELDS, form, t, '', remarkRefused ? [['reason', 'remark']] : []);
  const empty: Partial<Record<(typeof OUTCOME_FIELDS)[number], MessageKey>> = {
    status: 'followUps.err.status',
    reason: 'followUps.err.reason',
  };
  const byField = { ...shown.byField };
  for (const [field, key] of Object.entries(empty)) if (field in byField && text(form, field) === '') byField[field] = t(key);
  return {
    byField,
    summary: [
      ...OUTCOME_FIELDS.filter((f) => f in byField).map((f) => ({ id: fieldId(f), message: byField[f] as string })),
      ...shown.summary.filter((s) => s.id === undefined),
    ],
  };
}
