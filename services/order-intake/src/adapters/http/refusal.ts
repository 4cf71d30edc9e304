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
  if (!field?.[1]) return new HttpError(status, code, detail);
  const danishText = detail.da.startsWith(`${field[1]}: `) ? detail.da.slice(field[1].length + 2) : detail.da;
  const english = field[2] ?? '';
  return new HttpError(status, code, detail, [{ field: field[1], message: english, message_en: english, message_da: danishText }]);
}
