import { type ApiError, fieldErrors } from '../api';
import type { Lang } from '../i18n';
import { ceilingField, type FieldProblems, inLanguage } from './courses-form';
import { problemText } from './course-shared';

/**
 * Where an API field's problem is shown on the "open a course" form, first match wins. The API
 * names its own fields (`guarantee`, `budgetCeilings.2.jobcentre`); the form's inputs carry the
 * same names except where a rule is about a group (the guarantee, the positive list, the ceilings).
 * `ceilingOrder` is the jobcentres whose ceilings were sent, in the order sent.
 */
const FIELD_RULES: readonly [RegExp, (m: RegExpExecArray, ceilingOrder: readonly number[]) => string | undefined][] = [
  // One ceiling: the field of the jobcentre sent at that index.
  [/^budgetCeilings\.(\d+)(\.|$)/, (m, order) => codeField(order[Number(m[1])])],
  // The ceilings as a whole (or an index not sent): the first ceiling field sent, else the form.
  [/^budgetCeilings(\.|$)/, (_m, order) => codeField(order[0]) ?? 'form'],
  [/^guarantee(\.declaration)?$/, () => 'guarantee.kind'],
  [/^positiveList$/, () => 'onPositiveList'],
  // Groups whose inputs carry the whole dotted name.
  [/^(positiveList|provider|company|guarantee\.declaration)\./, (m) => m.input],
  // Anything deeper of a single input (`seats.x`): the input.
  [/^([^.]+)\./, (m) => m[1]],
];

const codeField = (code: number | undefined) => (code === undefined ? undefined : ceilingField(code));

/** The form field at which an API field's problem is shown. */
export function formFieldOf(apiField: string, ceilingOrder: readonly number[]): string {
  for (const [pattern, to] of FIELD_RULES) {
    const m = pattern.exec(apiField);
    const at = m ? to(m, ceilingOrder) : undefined;
    if (at !== undefined) return at;
  }
  return apiField;
}

/**
 * The API's problems with a new course at the form's fields, in the page's language; a problem
 * naming no field is the form's.
 */
export function courseProblems(error: ApiError, lang: Lang, ceilingOrder: readonly number[]): FieldProblems {
  const out: FieldProblems = {};
  for (const [field, message] of Object.entries(fieldErrors(error))) {
    out[formFieldOf(field, ceilingOrder)] ??= { text: inLanguage(message, lang) };
  }
  if (Object.keys(out).length === 0) out.form = { text: problemText(error, lang) ?? String(error.status) };
  return out;
}
