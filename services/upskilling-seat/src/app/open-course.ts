import { cooperationsAt } from '@rs/contracts';
import type { Course } from '../domain/course';
import { type CourseInput, courseProblems, type FieldProblem, openCourse as opened } from '../domain/opening';
import type { UpskillingDeps } from './deps';
import { openingOutbox } from './outgoing';

export type OpenResult =
  | { kind: 'invalid'; problems: FieldProblem[] }
  | { kind: 'opened'; course: Course }
  | { kind: 'exists'; course: Course };

/**
 * Opens a course: one insert holds the course, an offer to every jobcentre in scope and the
 * window's timer, so none of them can be lost or sent without the others. A second insert
 * under the same id (a retried create) is refused by the unique key and answers the course as it is.
 */
export async function openCourse(
  deps: Pick<UpskillingDeps, 'courses' | 'now' | 'newId' | 'requestSkewMs' | 'cooperations'>,
  input: CourseInput,
): Promise<OpenResult> {
  const now = deps.now();
  const cooperations = cooperationsAt(deps.cooperations(), now);
  const problems = courseProblems(input, now, cooperations);
  if (problems.length > 0) return { kind: 'invalid', problems };
  const course = opened(input, now, cooperations);
  if (await deps.courses.insert(course, openingOutbox(deps, course))) return { kind: 'opened', course };
  const existing = await deps.courses.load(input.id);
  if (!existing) throw new Error(`course ${input.id} neither inserted nor found`);
  return { kind: 'exists', course: existing.state };
}
