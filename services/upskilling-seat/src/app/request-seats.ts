import { applyToCourse } from './apply-to-course';
import type { UpskillingDeps } from './deps';

type Deps = Pick<UpskillingDeps, 'courses' | 'now' | 'newId'>;

/** A jobcentre asks for (or changes) seats, from its connector (`messageId`: applied once) or the web page. */
export function requestSeats(
  deps: Deps,
  jobcentre: number,
  courseId: string,
  request: { seats: number; candidates: string[] },
  messageId?: string,
) {
  return applyToCourse(deps, courseId, (now) => ({ type: 'RequestSeats', jobcentre, ...request, now }), messageId);
}

/** A jobcentre withdraws its request (after allocation: gives back its seats to the waiting list). */
export function withdrawSeats(deps: Deps, jobcentre: number, courseId: string, messageId?: string) {
  return applyToCourse(deps, courseId, (now) => ({ type: 'Withdraw', jobcentre, now }), messageId);
}
