import { applyToCourse } from './apply-to-course';
import type { UpskillingDeps } from './deps';

/** The company, through the lead, accepts or declines a named candidate; a decline frees the seat (to the waiting list). */
export function coSelect(
  deps: Pick<UpskillingDeps, 'courses' | 'now' | 'newId'>,
  courseId: string,
  choice: { jobcentre: number; candidateRef: string; decision: 'accepted' | 'declined' },
) {
  return applyToCourse(deps, courseId, (now) => ({ type: 'DecideCandidate', ...choice, now }));
}
