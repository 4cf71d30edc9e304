import type { z } from 'zod';
import type { ApiClient } from './api';
import { type Lang, translator } from './i18n';

/**
 * An API answered 2xx with a body the page cannot read (a field missing or of another type): the
 * page shows a clear error instead of rendering half a page from `undefined`. It names the
 * service, the path (without its query) and the fields that failed, for the log — never values.
 */
export class BrokenAnswer extends Error {
  constructor(
    readonly service: string,
    readonly path: string,
    readonly fields: string[],
  ) {
    super(`${service} answered ${path} with a body the page cannot read (${fields.join(', ')})`);
  }
}

/** `value`, checked against `schema` at the page's edge; a mismatch is a BrokenAnswer. */
export function parseAnswer<S extends z.ZodType>(schema: S, value: unknown, service: string, path: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '(body)'))];
  throw new BrokenAnswer(service, path.split('?')[0] ?? path, fields.slice(0, 10));
}

/** GET `path` from an API and check the answer (see parseAnswer). */
export async function getParsed<S extends z.ZodType>(
  api: ApiClient,
  base: string,
  path: string,
  schema: S,
  service: string,
): Promise<z.infer<S>> {
  return parseAnswer(schema, await api.get<unknown>(base, path), service, path);
}

/**
 * The error page's data for a BrokenAnswer: the message in the reader's language and, below it,
 * in the other one (marked with its `lang`), since the reader may need to pass it on to support.
 */
export function brokenAnswerPage(err: BrokenAnswer, lang: Lang) {
  const otherLang: Lang = lang === 'da' ? 'en' : 'da';
  const vars = { service: err.service };
  return {
    errorKey: 'error.brokenAnswer',
    errorVars: vars,
    other: { lang: otherLang, text: translator(otherLang)('error.brokenAnswer', vars) },
  };
}
