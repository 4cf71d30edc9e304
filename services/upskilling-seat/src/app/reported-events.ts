import { type EventName, makeEnvelope, type PayloadOf, routeOf } from '@rs/contracts';
import type { PublishEntry } from '@rs/db';
import type { Course, CourseEvent } from '../domain/course';
import { costOf } from '../domain/course';
import type { CompanyNeed } from '../domain/needs';
import { SOURCE, type UpskillingDeps } from './deps';

/*
 * What the course tells the platform on rs.events for reporting (R11): the opening, each change of
 * a jobcentre's seats, each participant's outcome, and the companies' coming needs. They travel in
 * the same outbox as the state they describe, so each change is sent once and never without it.
 */

type Deps = Pick<UpskillingDeps, 'now' | 'newId'>;

export function toEvents<N extends EventName>(deps: Deps, name: N, data: PayloadOf<N>, subject: string, id = deps.newId()): PublishEntry {
  return {
    kind: 'publish',
    id,
    ...routeOf(name),
    envelope: makeEnvelope(name, data, { id, time: deps.now(), source: SOURCE, subject }),
  };
}

export function courseOpened(deps: Deps, course: Course, id: string): PublishEntry {
  return toEvents(
    deps,
    'course.opened',
    {
      courseId: course.id,
      leadJobcentre: course.leadJobcentre,
      cooperation: course.cooperation,
      scope: course.scope,
      inScope: course.inScope,
      course: course.summary,
      openedAt: course.openedAt,
    },
    course.id,
    id,
  );
}

function causeOf(events: readonly CourseEvent[]): PayloadOf<'course.seats-allocated'>['cause'] {
  if (events.some((e) => e.type === 'SeatsAllocated')) return 'allocation';
  if (events.some((e) => e.type === 'CandidateDecided' && e.decision === 'declined')) return 'declined';
  if (events.some((e) => e.type === 'SeatsReleased')) return 'given-back';
  return 'waiting-list';
}

/**
 * One message per decision that moved seats, with every touched jobcentre's standing after it
 * (several grants in one decision are one standing, not an order to guess). `version` is the
 * course's version after the write: the latest one is the course's standing.
 */
export function reportedCourseEvents(deps: Deps, after: Course, events: readonly CourseEvent[], version: number): PublishEntry[] {
  const at = deps.now().toISOString();
  const touched = new Set<number>();
  for (const e of events) {
    if (e.type === 'SeatsAllocated') for (const s of e.shares) touched.add(s.jobcentre);
    if (e.type === 'SeatGranted' || e.type === 'SeatsReleased') touched.add(e.jobcentre);
  }
  const out: PublishEntry[] = [];
  const shares = [...touched]
    .sort((a, b) => a - b)
    .map((j) => {
      const r = after.requests.find((q) => q.jobcentre === j);
      const requested = !r || r.withdrawn ? 0 : r.seats;
      const allocated = r?.allocated ?? 0;
      return { jobcentre: j, requested, allocated, waitlisted: Math.max(0, requested - allocated), costDkk: costOf(after, allocated) };
    });
  if (shares.length > 0)
    out.push(
      toEvents(
        deps,
        'course.seats-allocated',
        { courseId: after.id, cooperation: after.cooperation, version, cause: causeOf(events), shares, at },
        after.id,
      ),
    );
  for (const e of events) {
    if (e.type !== 'OutcomeRecorded') continue;
    const outcome = after.requests
      .find((r) => r.jobcentre === e.jobcentre)
      ?.candidates.find((k) => k.candidateRef === e.candidateRef)?.outcome;
    if (!outcome) continue;
    out.push(
      toEvents(
        deps,
        'course.outcome-recorded',
        {
          courseId: after.id,
          cooperation: after.cooperation,
          version,
          jobcentre: e.jobcentre,
          candidateRef: e.candidateRef,
          status: outcome.status,
          hiredOn: outcome.hiredOn,
          orderId: after.summary.orderId,
          recordedAt: outcome.recordedAt,
        },
        after.id,
      ),
    );
  }
  return out;
}

export function needRecorded(deps: Deps, need: CompanyNeed): PublishEntry {
  return toEvents(
    deps,
    'need.recorded',
    {
      needId: need.id,
      company: need.company,
      occupation: need.occupation,
      count: need.count,
      expectedBy: need.expectedBy,
      courseWouldHelp: need.courseWouldHelp,
      course: need.course,
      jobcentre: need.jobcentre,
      cooperation: need.cooperation,
      recordedAt: need.recordedAt,
    },
    need.id,
  );
}
