import { type CooperationsNow, membersOf } from '@rs/contracts';
import type { Course, SeatRequestState } from './course';

/**
 * Who may see and do what with courses and needs (pure; the HTTP edge maps answers to statuses).
 * `Actor` has the shape of service-kit's Principal without depending on it.
 */
export type Actor =
  | { role: 'admin' }
  | { role: 'jobcentre'; jobcentre: number }
  | { role: 'secretariat'; cooperation: string }
  | { role: 'onboarding'; cooperation: string }
  | { role: 'phone-line' };

/** The lead jobcentre, the secretariat of its cooperation and admins see the whole course and co-select. */
export function mayManage(actor: Actor, course: Pick<Course, 'leadJobcentre' | 'cooperation'>): boolean {
  if (actor.role === 'admin') return true;
  if (actor.role === 'jobcentre') return actor.jobcentre === course.leadJobcentre;
  if (actor.role === 'secretariat') return course.cooperation !== null && course.cooperation === actor.cooperation;
  return false;
}

/** A jobcentre in scope sees the course and only its own request. */
export function ownRequest(actor: Actor, course: Course): { visible: boolean; request: SeatRequestState | undefined } {
  if (actor.role !== 'jobcentre' || !course.inScope.includes(actor.jobcentre)) return { visible: false, request: undefined };
  return { visible: true, request: course.requests.find((r) => r.jobcentre === actor.jobcentre) };
}

/** Seats are requested only by the jobcentre itself (its consultant or its connector), never in another's name. */
export function mayRequestFor(actor: Actor, jobcentre: number): boolean {
  return actor.role === 'jobcentre' && actor.jobcentre === jobcentre;
}

/** An outcome is recorded by whoever manages the course, or the participant's own jobcentre. */
export function mayRecordOutcome(actor: Actor, course: Course, jobcentre: number): boolean {
  return mayManage(actor, course) || (actor.role === 'jobcentre' && actor.jobcentre === jobcentre);
}

/** Companies' coming needs: recorded by a jobcentre consultant or the secretariat. */
export function mayRecordNeed(actor: Actor): boolean {
  return actor.role === 'jobcentre' || actor.role === 'secretariat' || actor.role === 'admin';
}

/** Which recorded needs an actor reads: a jobcentre its own, a secretariat its cooperation's, admins all. */
export function needsAudience(
  actor: Actor,
  cooperations: CooperationsNow,
): ((need: { jobcentre: number | null; cooperation: string | null }) => boolean) | undefined {
  switch (actor.role) {
    case 'admin':
      return () => true;
    case 'secretariat': {
      const members = membersOf(cooperations, actor.cooperation);
      return (n) => n.cooperation === actor.cooperation || (n.jobcentre !== null && members.includes(n.jobcentre));
    }
    case 'jobcentre':
      return (n) => n.jobcentre === actor.jobcentre;
    default:
      return undefined;
  }
}
