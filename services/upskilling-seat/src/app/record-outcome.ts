import type { OutcomeStatus } from '../domain/course';
import { applyToCourse } from './apply-to-course';
import type { UpskillingDeps } from './deps';

/** A participant started, completed or dropped out, and whether (and when) the company hired them. */
export function recordOutcome(
  deps: Pick<UpskillingDeps, 'courses' | 'now' | 'newId'>,
  courseId: string,
  outcome: { jobcentre: number; candidateRef: string; status: OutcomeStatus; hiredOn: string | null },
) {
  return applyToCourse(deps, courseId, (now) => ({ type: 'RecordOutcome', ...outcome, now }));
}
