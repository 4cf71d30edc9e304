import { arrivalOf } from '../domain/course';
import { applyToCourse } from './apply-to-course';
import type { UpskillingDeps } from './deps';

type Deps = Pick<UpskillingDeps, 'courses' | 'now' | 'newId' | 'requestSkewMs'>;

/** A message's identity and when it was sent (its envelope); absent for the HTTP route (it arrives now). */
export interface Delivery {
  messageId: string;
  sentAt: Date;
}

/**
 * A jobcentre asks for (or changes) seats, from its connector (applied once per message id, judged
 * by when it was sent, within the allowed skew) or the HTTP route. `candidates` absent keeps those named before.
 */
export function requestSeats(
  deps: Deps,
  jobcentre: number,
  courseId: string,
  request: { seats: number; candidates?: string[] },
  delivery?: Delivery,
) {
  return applyToCourse(
    deps,
    courseId,
    (now) => ({ type: 'RequestSeats', jobcentre, ...request, now, sentAt: arrivalOf(delivery?.sentAt, now, deps.requestSkewMs) }),
    delivery?.messageId,
  );
}

/** A jobcentre withdraws its request (after allocation: gives back its seats to the waiting list). */
export function withdrawSeats(deps: Deps, jobcentre: number, courseId: string, delivery?: Delivery) {
  return applyToCourse(
    deps,
    courseId,
    (now) => ({ type: 'Withdraw', jobcentre, now, sentAt: arrivalOf(delivery?.sentAt, now, deps.requestSkewMs) }),
    delivery?.messageId,
  );
}
