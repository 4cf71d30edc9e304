import type { Principal } from '@rs/service-kit';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { ApiError, type apiClient } from '../api';
import type { Lang, Translate } from '../i18n';
import type { FieldProblem } from './courses-form';
import type { Outcomes } from './courses-types';

/* What the course pages' route files share: roles, parameters, the API's problems, the outcomes. */

export const COURSE_ROLES = ['jobcentre', 'secretariat', 'admin'] as const;
export const CourseId = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
export const Code = z.coerce.number().int().min(100).max(999);

/** The page's translator and language (set per request by the app). */
export const tOf = (res: Response) => res.locals.t as Translate;
export const langOf = (res: Response) => res.locals.lang as Lang;

/** A field's problem as the page shows it. */
export const messageOf = (p: FieldProblem, t: Translate) => ('text' in p ? p.text : t(p.key, p.vars));

/** A problem's detail in the page's language (RFC 9457 with the Danish beside it). */
export function problemText(error: unknown, lang: Lang): string | undefined {
  if (!(error instanceof ApiError) || typeof error.body !== 'object' || error.body === null) return undefined;
  const body = error.body as { detail?: unknown; detail_da?: unknown };
  const text = lang === 'da' ? body.detail_da : body.detail;
  return typeof text === 'string' ? text : undefined;
}

/** The API refused what the person asked (not a fault of the page or a service). */
export const refused = (error: unknown): error is ApiError =>
  error instanceof ApiError && [400, 409, 422].includes(error.status) && typeof error.body === 'object';

export const jobcentreOf = (principal: Principal | undefined) => (principal?.role === 'jobcentre' ? principal.jobcentre : undefined);

/**
 * A course's outcomes: none yet (404/409: no allocation, or not this user's to see) is no figures;
 * any other failure is logged and the page says the figures are unavailable, rather than failing
 * the whole page or silently leaving them out.
 */
export async function loadOutcomes(
  client: ReturnType<typeof apiClient>,
  base: string,
  coursePath: string,
  logger: Pick<Logger, 'warn'>,
): Promise<{ outcomes?: Outcomes; outcomesUnavailable: boolean }> {
  try {
    return { outcomes: await client.get<Outcomes>(base, `${coursePath}/outcomes`), outcomesUnavailable: false };
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 409)) return { outcomesUnavailable: false };
    logger.warn({ err: error, course: coursePath }, 'course outcomes unavailable');
    return { outcomesUnavailable: true };
  }
}
