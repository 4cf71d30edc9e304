import { decideAndSave } from '@rs/db';
import { type Course, type CourseCommand, decide, type Refusal } from '../domain/course';
import type { UpskillingDeps } from './deps';
import { eventMessages } from './outgoing';

export class UnknownCourseError extends Error {}

export type ApplyResult =
  | { outcome: 'applied'; course: Course }
  | { outcome: 'unchanged'; course: Course }
  | { outcome: 'refused'; course: Course; refusal: Refusal };

/**
 * Load → decide → save with outbox (decideAndSave), retried when another writer came first: the
 * change log's unique key per version lets exactly one writer apply each decision. With a
 * `messageId` the write is also the inbox mark, so a redelivered request is applied once.
 */
export function applyToCourse(
  deps: Pick<UpskillingDeps, 'courses' | 'now' | 'newId'>,
  courseId: string,
  command: (now: Date) => CourseCommand,
  messageId?: string,
): Promise<ApplyResult> {
  return decideAndSave<Course, Course, ApplyResult>(
    deps.courses,
    courseId,
    (id) => deps.courses.load(id),
    (loaded) => {
      if (!loaded) throw new UnknownCourseError(`course ${courseId} does not exist`);
      const decision = decide(loaded.state, command(deps.now()));
      if (!decision.ok) return { result: { outcome: 'refused', course: loaded.state, refusal: decision.refusal } };
      if (decision.events.length === 0) return { result: { outcome: 'unchanged', course: loaded.state } };
      return {
        result: { outcome: 'applied', course: decision.state },
        write: { state: decision.state, outbox: eventMessages(deps, decision.state, decision.events, loaded.revision.version + 1) },
      };
    },
    messageId ? { inbox: { messageId, duplicate: (loaded) => ({ outcome: 'unchanged', course: loaded.state }) } } : {},
  );
}
