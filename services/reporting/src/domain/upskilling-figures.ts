import type { CourseFact, HireFact, NeedFact, OrderFact, ParticipantFact, SeatsFact } from './facts';
import { dateWithin } from './days';
import { type Period, within } from './period';

/** R11's upskilling figures: courses opened in the period and what became of their seats so far. */
export interface UpskillingFigures {
  /** Courses opened in the period (a jobcentre's row: those it led). */
  courses: number;
  positiveListCourses: number;
  /** Seats bought on those courses; null in a jobcentre's row (it is allocated seats, not bought). */
  seatsBought: number | null;
  seatsAllocated: number;
  /** Participants who started (a seat used), whatever came after. */
  seatsUsed: number;
  completed: number;
  droppedOut: number;
  /** Participants the company hired after the course. */
  hiredAfter: number;
  /** Of those, hires order-intake recorded for the course's order or company (order.candidate-hired). */
  hiresLinkedToOrders: number;
  /** Seats bought × price (a jobcentre's row: its allocated seats × price), whole kroner. */
  costDkk: number;
  costPerHireDkk: number | null;
  /** Used ÷ bought (a jobcentre's row: ÷ allocated). */
  seatUseRate: number | null;
  /** Completed ÷ (completed + dropped out). */
  completionRate: number | null;
  /** Hired after ÷ used. */
  hireRate: number | null;
}

/** Companies' coming needs expected in the period (by the month they expect to hire). */
export interface NeedFigures {
  recorded: number;
  /** People the companies expect to hire. */
  people: number;
  courseWouldHelp: number;
}

export interface UpskillingIndex {
  courses: Map<string, CourseFact>;
  /** The latest seats per course and jobcentre (highest version). */
  seats: Map<string, SeatsFact>;
  /** The latest outcome per course, jobcentre and participant. */
  participants: Map<string, ParticipantFact>;
  needs: NeedFact[];
}

export const emptyUpskillingIndex = (): UpskillingIndex => ({ courses: new Map(), seats: new Map(), participants: new Map(), needs: [] });

/** Keeps the fact of the highest version under its key. */
export function keepLatest<F extends { version: number }>(map: Map<string, F>, key: string, fact: F): void {
  const known = map.get(key);
  if (!known || known.version < fact.version) map.set(key, fact);
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

export function upskillingFigures(
  ix: UpskillingIndex,
  hires: readonly HireFact[],
  orders: ReadonlyMap<string, OrderFact>,
  scope: { cooperation: string; period: Period },
  jobcentre: number | undefined,
): UpskillingFigures {
  const courses = [...ix.courses.values()].filter((c) => c.cooperation === scope.cooperation && within(c.at, scope.period));
  const ids = new Set(courses.map((c) => c.courseId));
  const led = jobcentre === undefined ? courses : courses.filter((c) => c.leadJobcentre === jobcentre);
  const mine = <F extends { courseId: string; jobcentre: number }>(f: F) =>
    ids.has(f.courseId) && (jobcentre === undefined || f.jobcentre === jobcentre);
  const price = (courseId: string) => ix.courses.get(courseId)?.pricePerSeatDkk ?? 0;
  const seats = [...ix.seats.values()].filter(mine);
  const people = [...ix.participants.values()].filter(mine);
  const hired = people.filter((p) => p.hiredOn !== null);
  const linked = hired.filter((p) => {
    const course = ix.courses.get(p.courseId);
    return hires.some(
      (h) =>
        h.candidateRef === p.candidateRef &&
        h.jobcentre === p.jobcentre &&
        (h.orderId === course?.orderId || (course !== undefined && orders.get(h.orderId)?.company === course.company)),
    );
  }).length;
  const bought = courses.reduce((n, c) => n + c.seats, 0);
  const allocated = seats.reduce((n, s) => n + s.allocated, 0);
  const costDkk =
    jobcentre === undefined
      ? courses.reduce((n, c) => n + c.seats * c.pricePerSeatDkk, 0)
      : seats.reduce((n, s) => n + s.allocated * price(s.courseId), 0);
  const completed = people.filter((p) => p.status === 'completed').length;
  const droppedOut = people.filter((p) => p.status === 'dropped-out').length;
  return {
    courses: led.length,
    positiveListCourses: led.filter((c) => c.positiveList).length,
    seatsBought: jobcentre === undefined ? bought : null,
    seatsAllocated: allocated,
    seatsUsed: people.length,
    completed,
    droppedOut,
    hiredAfter: hired.length,
    hiresLinkedToOrders: linked,
    costDkk,
    costPerHireDkk: hired.length === 0 ? null : Math.round(costDkk / hired.length),
    seatUseRate: ratio(people.length, jobcentre === undefined ? bought : allocated),
    completionRate: ratio(completed, completed + droppedOut),
    hireRate: ratio(hired.length, people.length),
  };
}

export function needFigures(
  needs: readonly NeedFact[],
  scope: { cooperation: string; period: Period },
  jobcentre: number | undefined,
): NeedFigures {
  const mine = needs.filter(
    (n) =>
      n.cooperation === scope.cooperation &&
      dateWithin(n.expectedBy, scope.period) &&
      (jobcentre === undefined || n.jobcentre === jobcentre),
  );
  return {
    recorded: mine.length,
    people: mine.reduce((s, n) => s + n.count, 0),
    courseWouldHelp: mine.filter((n) => n.courseWouldHelp).length,
  };
}
