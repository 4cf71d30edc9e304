import { type CvErased, erasedRef } from '@rs/contracts';
import { decideAndSave } from '@rs/db';
import type { Course } from '../domain/course';
import { type Erasure, eraseFromCourse } from '../domain/erasure';
import type { UpskillingDeps } from './deps';

/** Finds the courses whose seat requests name any of these refs (adapters/mongo/erasure.repository.ts). */
export interface CandidateHolders {
  coursesNaming(refs: readonly string[]): Promise<string[]>;
}

/**
 * cv.erased: the withdrawn candidates leave every seat request that names them. Each becomes its
 * erased marker (the same one reporting keeps), so the request still counts its seats, selection
 * and outcome without naming anyone. Through the change log like every course write (no messages):
 * a course saved by someone else meanwhile is decided again; a redelivery finds nothing left.
 */
export async function eraseCandidates(
  deps: Pick<UpskillingDeps, 'courses'> & { holders: CandidateHolders },
  data: CvErased,
): Promise<number> {
  const e: Erasure = { jobcentre: data.jobcentre, refs: new Set(data.candidateRefs) };
  const marker = (ref: string) => erasedRef(data.jobcentre, ref);
  let courses = 0;
  for (const courseId of await deps.holders.coursesNaming([...e.refs])) {
    const erased = await decideAndSave<Course, Course, boolean>(
      deps.courses,
      courseId,
      (id) => deps.courses.load(id),
      (loaded) => {
        const next = loaded ? eraseFromCourse(loaded.state, e, marker) : undefined;
        return next ? { result: true, write: { state: next } } : { result: false };
      },
    );
    if (erased) courses++;
  }
  return courses;
}
