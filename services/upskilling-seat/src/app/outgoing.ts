import { createHash } from 'node:crypto';
import { type AddressedName, makeEnvelope, type PayloadOf, routeOf, TIMER_QUEUES } from '@rs/contracts';
import type { OutboxEntry, PublishEntry, ScheduleEntry } from '@rs/db';
import { timerId } from '@rs/timers';
import { type Course, type CourseEvent, costOf, maxSeatsFor, ceilingOf } from '../domain/course';
import { SOURCE, type UpskillingDeps } from './deps';
import { courseOpened, reportedCourseEvents } from './reported-events';

/**
 * The id of a message a course sends once in its life (an offer, an allocation): derived from the
 * course, so every copy — a retried insert, a second replica's timer — carries the same id and
 * counts once at the connector.
 */
export function onceId(courseId: string, name: string, jobcentre?: number): string {
  const hex = createHash('sha256')
    .update(`${courseId}/${name}/${jobcentre ?? ''}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

type Deps = Pick<UpskillingDeps, 'now' | 'newId'>;

export function toJobcentre<N extends AddressedName>(
  deps: Deps,
  jobcentre: number,
  name: N,
  data: PayloadOf<N>,
  course: Course,
  id = deps.newId(),
): PublishEntry {
  const route = routeOf(name, jobcentre);
  const correlation = course.summary.orderId ? { correlationId: course.summary.orderId } : {};
  return {
    kind: 'publish',
    id,
    ...route,
    envelope: makeEnvelope(name, data, { id, time: deps.now(), source: SOURCE, subject: course.id, ...correlation }),
  };
}

/** The course's one timer: its request window's close, when the seats are allocated. */
export const windowTimerId = (courseId: string) => timerId('seat-window', courseId);

/** Fires `graceMs` after the close, so requests sent before it and still in flight are applied first. */
export function windowTimer(
  course: Pick<Course, 'id' | 'summary'> | { id: string; windowClosesAt: string },
  graceMs: number,
): ScheduleEntry {
  const closes = 'summary' in course ? course.summary.windowClosesAt : course.windowClosesAt;
  const runAt = new Date(Date.parse(closes) + graceMs).toISOString();
  const id = windowTimerId(course.id);
  return { kind: 'schedule', id, queue: TIMER_QUEUES.seatWindows, jobId: id, runAt, data: { courseId: course.id } };
}

/** What opening sends: an offer to every jobcentre in scope, the opening for reporting, and the window's timer. */
export function openingOutbox(deps: Deps & Pick<UpskillingDeps, 'requestSkewMs'>, course: Course): OutboxEntry[] {
  const offeredAt = deps.now().toISOString();
  return [
    ...course.inScope.map((j) =>
      toJobcentre(
        deps,
        j,
        'course.offered',
        {
          courseId: course.id,
          leadJobcentre: course.leadJobcentre,
          recipient: j,
          course: course.summary,
          budgetCeilingDkk: ceilingOf(course, j),
          maxSeats: maxSeatsFor(course, j),
          offeredAt,
        },
        course,
        onceId(course.id, 'course.offered', j),
      ),
    ),
    courseOpened(deps, course, onceId(course.id, 'course.opened')),
    windowTimer(course, deps.requestSkewMs),
  ];
}

/**
 * The messages of a decision's events, built from the state after them: to the jobcentres, and
 * (with the course's `version` after the write) what reporting counts.
 */
export function eventMessages(deps: Deps, after: Course, events: readonly CourseEvent[], version?: number): OutboxEntry[] {
  const reported = version === undefined ? [] : reportedCourseEvents(deps, after, events, version);
  return [...jobcentreMessages(deps, after, events), ...reported];
}

function jobcentreMessages(deps: Deps, after: Course, events: readonly CourseEvent[]): OutboxEntry[] {
  const now = deps.now().toISOString();
  const request = (j: number) => after.requests.find((r) => r.jobcentre === j);
  return events.flatMap((event): OutboxEntry[] => {
    switch (event.type) {
      case 'RequestRecorded': {
        const r = request(event.jobcentre);
        if (!r) return [];
        const candidates = r.candidates.filter((k) => k.selection !== 'declined').map((k) => k.candidateRef);
        return [
          toJobcentre(
            deps,
            r.jobcentre,
            'seat.request-recorded',
            {
              courseId: after.id,
              recipient: r.jobcentre,
              seats: r.seats,
              candidates,
              costDkk: costOf(after, r.allocated ?? r.seats),
              withdrawn: false,
              recordedAt: now,
            },
            after,
          ),
        ];
      }
      case 'RequestWithdrawn':
        return [
          toJobcentre(
            deps,
            event.jobcentre,
            'seat.request-recorded',
            { courseId: after.id, recipient: event.jobcentre, seats: 0, candidates: [], costDkk: 0, withdrawn: true, recordedAt: now },
            after,
          ),
        ];
      case 'SeatsAllocated':
        return [
          ...event.shares.map((s) =>
            toJobcentre(
              deps,
              s.jobcentre,
              'seat.allocated',
              {
                courseId: after.id,
                recipient: s.jobcentre,
                requested: s.requested,
                allocated: s.allocated,
                waitlisted: s.waitlisted,
                costDkk: costOf(after, s.allocated),
                explanation: s.explanation,
                allocatedAt: after.allocatedAt ?? now,
              },
              after,
              onceId(after.id, 'seat.allocated', s.jobcentre),
            ),
          ),
        ];
      case 'SeatGranted': {
        const r = request(event.jobcentre);
        if (!r) return [];
        // The count at this grant, not the final one: two grants from one release say 1 and then 2.
        const allocated = event.allocated;
        return [
          toJobcentre(
            deps,
            r.jobcentre,
            'seat.granted',
            {
              courseId: after.id,
              recipient: r.jobcentre,
              allocated,
              waitlisted: Math.max(0, event.requested - allocated),
              costDkk: costOf(after, allocated),
              explanation: event.explanation,
              grantedAt: now,
            },
            after,
          ),
        ];
      }
      case 'CandidateDecided': {
        const r = request(event.jobcentre);
        if (!r) return [];
        return [
          toJobcentre(
            deps,
            r.jobcentre,
            'seat.candidate-decided',
            {
              courseId: after.id,
              recipient: r.jobcentre,
              candidateRef: event.candidateRef,
              decision: event.decision,
              seats: r.seats,
              allocated: r.allocated,
              decidedAt: now,
            },
            after,
          ),
        ];
      }
      case 'SeatsReleased':
      case 'OutcomeRecorded':
        return [];
      default: {
        const never: never = event;
        throw new Error(`unknown event ${JSON.stringify(never)}`);
      }
    }
  });
}
