import { applyToCourse, UnknownCourseError } from './apply-to-course';
import type { UpskillingDeps } from './deps';

export class WindowNotYetClosed extends Error {}

/**
 * The window's timer fired. It carries no decision: the course decides (allocate once, if the
 * window has closed and it is still open). A timer that fires early (clock skew) fails, so BullMQ
 * runs it again; one for an allocated course changes nothing; one for a course that does not
 * exist (a database restored from before it) is done.
 */
export async function windowClosed(deps: Pick<UpskillingDeps, 'courses' | 'now' | 'newId'>, courseId: string) {
  try {
    const result = await applyToCourse(deps, courseId, (now) => ({ type: 'CloseWindow', now }));
    if (result.course.status === 'open') throw new WindowNotYetClosed(`window of course ${courseId} has not closed yet`);
    return result;
  } catch (error) {
    if (error instanceof UnknownCourseError) return undefined;
    throw error;
  }
}
