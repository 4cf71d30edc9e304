import { z } from 'zod';

/** A year the KKR pages take (reporting keeps schemes from 2020 on). */
export const YearText = z.string().regex(/^20[2-9]\d$/);

/** The form of one recommendation's status: the page checks it first, the API again. */
export const MarkForm = z.object({
  recommendationId: z.string().min(1).max(60),
  year: YearText,
  status: z.enum(['green', 'yellow', 'red']),
  remark: z.string().max(2000).default(''),
  idempotencyKey: z.string().uuid().optional().catch(undefined),
});
export type MarkField = 'recommendationId' | 'year' | 'status' | 'remark';

/** The message key of each field's problem: the hidden fields too, so no raw field name is shown. */
export const MARK_ERROR_KEYS: Record<MarkField, string> = {
  recommendationId: 'kkr.error.recommendationId',
  year: 'kkr.error.year',
  status: 'kkr.chooseStatus',
  remark: 'kkr.remarkHint',
};

export type MarkResult =
  | { ok: true; form: z.infer<typeof MarkForm> }
  | {
      ok: false;
      /** The message key of every failing field. */
      errors: Partial<Record<MarkField, string>>;
      /** The year to show the scheme of again: the posted one if it is one, else none (the default). */
      year: string | undefined;
      recommendationId: string;
      values: { status: string; remark: string };
    };

/** A posted mark, checked: the form, or each failing field's message key and what to re-render. */
export function parseMark(raw: Record<string, unknown>): MarkResult {
  const form = MarkForm.safeParse(raw);
  if (form.success) return { ok: true, form: form.data };
  const errors: Partial<Record<MarkField, string>> = {};
  for (const issue of form.error.issues) {
    const field = issue.path[0];
    if (typeof field === 'string' && field in MARK_ERROR_KEYS) errors[field as MarkField] ??= MARK_ERROR_KEYS[field as MarkField];
  }
  const year = YearText.safeParse(raw.year);
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    ok: false,
    errors,
    year: year.success ? year.data : undefined,
    recommendationId: text(raw.recommendationId),
    values: { status: text(raw.status), remark: text(raw.remark) },
  };
}

/**
 * Where the error summary links for a field of a recommendation's form: the control itself, or —
 * for a hidden field (year, recommendationId) the person cannot reach — the message shown in the form.
 */
export function errorTarget(field: string, recommendationId: string): string {
  if (field === 'status') return `#st-${recommendationId}-green`;
  if (field === 'remark') return `#remark-${recommendationId}`;
  return `#err-form-${recommendationId}`;
}
