import type { z } from 'zod';
import { describeIssues } from '@rs/contracts';
import { HttpError } from './http-error';

/**
 * Validates an outside input (body, query, params) with zod; a bad one becomes a 400 naming
 * every bad field. Never assigns back to req.query (a getter in Express 5).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: 'body' | 'query' | 'params'): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: [where, ...i.path.map(String)].join('.'), message: i.message }));
    throw new HttpError(400, 'invalid-request', `Invalid ${where}: ${describeIssues(result.error.issues, where)}`, issues);
  }
  return result.data;
}
