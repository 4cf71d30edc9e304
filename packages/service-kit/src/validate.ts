import type { z } from 'zod';
import { describeIssues } from '@rs/contracts';
import { HttpError, type FieldError } from './http-error';
import { issueText } from './issue-text';

export type InputPlace = 'body' | 'query' | 'params' | 'header';

/**
 * Zod issues as named fields; an unknown key becomes one error per key, naming it. `message` is
 * kept as the schema wrote it; `message_en` and `message_da` are the same in one language each.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], where: InputPlace): FieldError[] {
  return issues.flatMap((issue) => {
    const base = [where, ...issue.path.map(String)];
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: [...base, key].join('.'),
        message: 'unknown field (ukendt felt)',
        message_en: 'unknown field',
        message_da: 'ukendt felt',
      }));
    }
    const text = issueText(issue);
    return [{ field: base.join('.'), message: issue.message, message_en: text.en, message_da: text.da }];
  });
}

/**
 * Validates an outside input (body, query, params) with zod; a bad one becomes a 400 naming
 * every bad field. Never assigns back to req.query (a getter in Express 5).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: InputPlace): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const errors = fieldErrors(result.error.issues, where);
    const named = errors.map((e) => e.field).join(', ');
    throw new HttpError(
      400,
      'invalid-request',
      { en: `Invalid ${where}: ${describeIssues(result.error.issues, where)}`, da: `Ugyldige felter: ${named}` },
      errors,
    );
  }
  return result.data;
}
