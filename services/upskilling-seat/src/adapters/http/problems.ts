import { HttpError } from '@rs/service-kit';
import type { Refusal } from '../../domain/course';

export const courseNotFound = () => new HttpError(404, 'not-found', { en: 'Course not found', da: 'Kurset findes ikke' });

export const forbidden = (en: string, da: string) => new HttpError(403, 'forbidden', { en, da });

/** The HTTP status of each rule the course refuses by: a conflict with its state, or input its rules refuse. */
const STATUS: Record<Refusal['rule'], number> = {
  'not-in-scope': 404,
  'window-closed': 409,
  'over-budget': 422,
  'over-seats': 422,
  'too-many-candidates': 422,
  'declined-candidate': 409,
  'no-request': 404,
  'unknown-candidate': 404,
  'not-allocated': 409,
  'kept-candidate': 409,
  'over-allocated': 409,
};

/** A refusal by the course's rules as a problem: both languages, the field at fault named. */
export function refusalProblem(refusal: Refusal): HttpError {
  const status = STATUS[refusal.rule];
  if (refusal.rule === 'not-in-scope') return courseNotFound();
  return new HttpError(
    status,
    refusal.rule,
    refusal.message,
    refusal.field ? [{ field: `body.${refusal.field}`, message: `${refusal.message.en} / ${refusal.message.da}` }] : undefined,
  );
}
