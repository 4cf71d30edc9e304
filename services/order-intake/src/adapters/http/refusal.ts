import { HttpError } from '@rs/service-kit';

const CODES: Record<number, [string, string]> = {
  400: ['invalid-request', 'Ugyldig forespørgsel'],
  403: ['forbidden', 'Ikke tilladt'],
  404: ['not-found', 'Findes ikke'],
  409: ['conflict', 'Konflikt'],
  422: ['unprocessable', 'Kan ikke behandles'],
};

/**
 * A use case's refusal "body.x: why / hvorfor" as a problem in both languages, naming its field
 * when the message starts with one.
 */
export function refusalProblem(status: number, message: string): HttpError {
  const [code, danish] = CODES[status] ?? ['conflict', 'Konflikt'];
  const error = new HttpError(status, code, message);
  const detail = error.detail.da === error.detail.en ? { en: error.detail.en, da: danish } : error.detail;
  const field = /^((?:body|query|params)\.[A-Za-z0-9_.]+): (.*)$/.exec(detail.en);
  return new HttpError(status, code, detail, field?.[1] ? [{ field: field[1], message: field[2] ?? '' }] : undefined);
}
