import type { Request, Response } from 'express';
import { z } from 'zod';
import type { Bilingual, FieldError } from './http-error';
import { splitMessage } from './issue-text';

/**
 * RFC 9457 problem details. `title` and `detail` are English (what tools and logs read);
 * `title_da` and `detail_da` carry the same in Danish (extension members, RFC 9457 §3.2), so a
 * client shows the person the language they read. `errors` names every bad field.
 */
export const Problem = z
  .object({
    type: z.string().describe('urn:rs:problem:<code>; the code is stable, the text is not'),
    title: z.string(),
    title_da: z.string(),
    status: z.number().int().min(400).max(599),
    detail: z.string(),
    detail_da: z.string(),
    instance: z.string().describe('the request path'),
    errors: z
      .array(
        z.object({
          field: z.string(),
          message: z.string().describe('as the schema wrote it, often "English (dansk)"'),
          message_en: z.string().describe('the message in English only'),
          message_da: z.string().describe('the message in Danish only'),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The title of each status this edge answers with, in both languages. */
export const STATUS_TITLES: Record<number, Bilingual> = {
  400: { en: 'Bad request', da: 'Ugyldig forespørgsel' },
  401: { en: 'Not authenticated', da: 'Ikke logget ind' },
  403: { en: 'Forbidden', da: 'Ikke tilladt' },
  404: { en: 'Not found', da: 'Ikke fundet' },
  409: { en: 'Conflict', da: 'Konflikt' },
  412: { en: 'Precondition failed', da: 'Forudsætningen er ikke opfyldt' },
  413: { en: 'Request body too large', da: 'Forespørgslen er for stor' },
  415: { en: 'Unsupported media type', da: 'Ikke-understøttet medietype' },
  422: { en: 'Unprocessable request', da: 'Forespørgslen kan ikke behandles' },
  429: { en: 'Too many requests', da: 'For mange forespørgsler' },
  500: { en: 'Internal error', da: 'Intern fejl' },
  503: { en: 'Service unavailable', da: 'Tjenesten er ikke tilgængelig' },
};

export function titleOf(status: number): Bilingual {
  return STATUS_TITLES[status] ?? (status >= 500 ? STATUS_TITLES[500]! : STATUS_TITLES[400]!);
}

export function problem(req: Request, status: number, code: string, detail: Bilingual, errors?: FieldError[]): Problem {
  const title = titleOf(status);
  return {
    type: `urn:rs:problem:${code}`,
    title: title.en,
    title_da: title.da,
    status,
    detail: detail.en,
    detail_da: detail.da,
    // The path only: a query string may carry a search criterion, which is personal data.
    instance: req.originalUrl.split('?')[0] ?? '/',
    ...(errors && errors.length > 0 ? { errors: errors.map(bothLanguages) } : {}),
  };
}

/** A field error with its English and Danish text, split from "English (dansk)" when the caller gave one text. */
function bothLanguages(e: FieldError): Required<FieldError> {
  const split = splitMessage(e.message);
  return {
    field: e.field,
    message: e.message,
    message_en: e.message_en ?? split?.en ?? e.message,
    message_da: e.message_da ?? split?.da ?? e.message,
  };
}

export function sendProblem(res: Response, body: Problem, headers: Record<string, string> = {}): void {
  res.status(body.status).set(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}
