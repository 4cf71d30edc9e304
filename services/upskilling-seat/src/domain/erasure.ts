import type { Course } from './course';

/** The candidates one cv.erased names: refs of their home jobcentre. */
export interface Erasure {
  jobcentre: number;
  refs: ReadonlySet<string>;
}

/**
 * The course with the erased candidates' refs replaced by their markers (`marker`, one per ref)
 * in the home jobcentre's seat request, every other field kept: the seats asked and allocated,
 * the company's selection and the outcome still count. Undefined when the course names none of
 * them, so a redelivery writes nothing.
 */
export function eraseFromCourse(course: Course, e: Erasure, marker: (ref: string) => string): Course | undefined {
  let changed = false;
  const requests = course.requests.map((request) => {
    if (request.jobcentre !== e.jobcentre || !request.candidates.some((k) => e.refs.has(k.candidateRef))) return request;
    changed = true;
    return {
      ...request,
      candidates: request.candidates.map((k) => (e.refs.has(k.candidateRef) ? { ...k, candidateRef: marker(k.candidateRef) } : k)),
    };
  });
  return changed ? { ...course, requests } : undefined;
}
