import { CandidateRef, CourseSummary, JobcentreCode, Scope } from '@rs/contracts';
import { z } from 'zod';
import { type Course, ceilingOf, costOf, maxSeatsFor, type SeatRequestState } from '../../domain/course';
import { waitingList } from '../../domain/allocation';

const Bilingual = z.object({ en: z.string(), da: z.string() });

export const CandidateView = z.object({
  candidateRef: CandidateRef,
  selection: z.enum(['pending', 'accepted', 'declined']),
  outcome: z
    .object({ status: z.enum(['started', 'completed', 'dropped-out']), hiredOn: z.iso.date().nullable(), recordedAt: z.string() })
    .optional(),
});

export const RequestView = z
  .object({
    jobcentre: JobcentreCode,
    seats: z.number().int().min(0),
    candidates: z.array(CandidateView),
    requestedAt: z.string(),
    updatedAt: z.string(),
    allocated: z.number().int().min(0).nullable(),
    waitlisted: z.number().int().min(0),
    costDkk: z.number().int().min(0),
    explanation: Bilingual.optional(),
    withdrawn: z.boolean(),
    /** After the allocation: the jobcentre's place (1 = next) on the waiting list, or null when it waits for nothing. */
    waitingListPlace: z.number().int().min(1).nullable(),
  })
  .meta({ id: 'SeatRequestView' });

const common = {
  id: z.string(),
  leadJobcentre: JobcentreCode,
  cooperation: z.string().nullable(),
  scope: Scope,
  inScope: z.array(JobcentreCode),
  summary: CourseSummary,
  status: z.enum(['open', 'allocated']),
  openedAt: z.string(),
  allocatedAt: z.string().optional(),
  rule: z.enum(['all-fit', 'minimum-then-largest-remainder']).optional(),
};

/** The whole course: for its lead, the secretariat of its cooperation and admins. */
export const CourseView = z
  .object({
    ...common,
    budgetCeilings: z.array(z.object({ jobcentre: JobcentreCode, dkk: z.number().int() })),
    defaultBudgetCeilingDkk: z.number().int().nullable(),
    requests: z.array(RequestView),
    requestedSeats: z.number().int(),
    allocatedSeats: z.number().int(),
    /** Jobcentres in the order a freed seat would go to them. */
    waitingList: z.array(JobcentreCode),
  })
  .meta({ id: 'CourseView' });

/** What a jobcentre in scope sees: the course, its own ceiling and its own request only. */
export const JobcentreCourseView = z
  .object({
    ...common,
    budgetCeilingDkk: z.number().int().nullable(),
    maxSeats: z.number().int(),
    own: RequestView.nullable(),
  })
  .meta({ id: 'JobcentreCourseView' });

export const CourseListItem = z.object({
  id: z.string(),
  title: z.string(),
  leadJobcentre: JobcentreCode,
  status: z.enum(['open', 'allocated']),
  seats: z.number().int(),
  windowClosesAt: z.string(),
  company: z.string(),
  /** To a jobcentre caller: its own request's figures (null when it has none). Absent for other roles. */
  own: z
    .object({ seats: z.number().int().min(0), allocated: z.number().int().min(0).nullable(), waitlisted: z.number().int().min(0) })
    .nullable()
    .optional(),
});

/** The live requests as the allocation rule's standings (after the allocation). */
const standingsOf = (course: Course) =>
  course.requests
    .filter((r) => !r.withdrawn)
    .map((r) => ({ jobcentre: r.jobcentre, requested: r.seats, allocated: r.allocated ?? 0, requestedAt: r.requestedAt }));

/** Jobcentres in the order a freed seat would go to them (empty before the allocation). */
export const waitingListOf = (course: Course): number[] => (course.status === 'allocated' ? waitingList(standingsOf(course)) : []);

/** `queue` is the course's waiting list, computed once by a caller that shows several requests. */
export function requestView(
  course: Course,
  r: SeatRequestState,
  queue: readonly number[] = waitingListOf(course),
): z.infer<typeof RequestView> {
  const allocated = r.allocated;
  const place = r.withdrawn ? 0 : queue.indexOf(r.jobcentre) + 1;
  return {
    jobcentre: r.jobcentre,
    seats: r.seats,
    candidates: r.candidates,
    requestedAt: r.requestedAt,
    updatedAt: r.updatedAt,
    allocated,
    waitlisted: allocated === null ? 0 : Math.max(0, r.seats - allocated),
    costDkk: costOf(course, allocated ?? r.seats),
    ...(r.explanation ? { explanation: r.explanation } : {}),
    withdrawn: r.withdrawn,
    waitingListPlace: place > 0 ? place : null,
  };
}

const base = (c: Course) => ({
  id: c.id,
  leadJobcentre: c.leadJobcentre,
  cooperation: c.cooperation,
  scope: c.scope,
  inScope: c.inScope,
  summary: c.summary,
  status: c.status,
  openedAt: c.openedAt,
  ...(c.allocatedAt ? { allocatedAt: c.allocatedAt } : {}),
  ...(c.rule ? { rule: c.rule } : {}),
});

export function courseView(c: Course): z.infer<typeof CourseView> {
  const live = c.requests.filter((r) => !r.withdrawn);
  // Once per course, not once per request: the rule ranks every live request each time.
  const queue = waitingListOf(c);
  return {
    ...base(c),
    budgetCeilings: c.budgetCeilings,
    defaultBudgetCeilingDkk: c.defaultBudgetCeilingDkk,
    requests: c.requests.map((r) => requestView(c, r, queue)),
    requestedSeats: live.reduce((s, r) => s + r.seats, 0),
    allocatedSeats: live.reduce((s, r) => s + (r.allocated ?? 0), 0),
    waitingList: queue,
  };
}

export function jobcentreCourseView(c: Course, jobcentre: number): z.infer<typeof JobcentreCourseView> {
  const own = c.requests.find((r) => r.jobcentre === jobcentre);
  return {
    ...base(c),
    budgetCeilingDkk: ceilingOf(c, jobcentre),
    maxSeats: maxSeatsFor(c, jobcentre),
    own: own ? requestView(c, own) : null,
  };
}
