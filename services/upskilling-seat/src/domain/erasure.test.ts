import type { Course } from './course';
import { eraseFromCourse } from './erasure';

const course = (): Course =>
  ({
    id: 'c-1',
    requests: [
      {
        jobcentre: 147,
        seats: 3,
        allocated: 2,
        candidates: [
          { candidateRef: 'a', selection: 'accepted' },
          { candidateRef: 'b', selection: 'pending' },
        ],
      },
      { jobcentre: 151, seats: 1, allocated: 1, candidates: [{ candidateRef: 'a', selection: 'pending' }] },
    ],
  }) as unknown as Course;

describe('eraseFromCourse', () => {
  it("replaces the home jobcentre's erased refs by their markers and keeps seats and selections", () => {
    const erased = eraseFromCourse(course(), { jobcentre: 147, refs: new Set(['a']) }, (ref) => `erased-${ref}`);
    expect(erased?.requests[0]).toMatchObject({
      seats: 3,
      allocated: 2,
      candidates: [
        { candidateRef: 'erased-a', selection: 'accepted' },
        { candidateRef: 'b', selection: 'pending' },
      ],
    });
    // Another jobcentre's ref of the same spelling is another candidate.
    expect(erased?.requests[1]?.candidates[0]?.candidateRef).toBe('a');
  });

  it('changes nothing when the course names none of them (a redelivery)', () => {
    expect(eraseFromCourse(course(), { jobcentre: 147, refs: new Set(['z']) }, (ref) => `erased-${ref}`)).toBeUndefined();
    expect(eraseFromCourse(course(), { jobcentre: 153, refs: new Set(['a']) }, (ref) => `erased-${ref}`)).toBeUndefined();
  });
});
