import { courseSummaryExample, type PayloadOf } from '@rs/contracts';
import type { PublishEntry } from '@rs/db';
import { type Course, type CourseCommand, decide } from '../domain/course';
import { openCourse } from '../domain/opening';
import { eventMessages, openingOutbox } from './outgoing';
import { cooperationsAt } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';

/** The cooperations as seeded (HRS, JRS), on a December day. */
const COOPS = cooperationsAt(cooperationSeeds(), new Date('2026-12-01T12:00:00Z'));

const OPENED = new Date('2026-12-01T09:00:00.000Z');
const AFTER = new Date('2026-12-15T12:00:00.001Z');
let n = 0;
const deps = { now: () => AFTER, newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`, requestSkewMs: 0 };

const course = openCourse(
  {
    id: 'c-1',
    leadJobcentre: 101,
    scope: 'cooperation',
    summary: { ...courseSummaryExample, seats: 3, pricePerSeatDkk: 10_000, windowClosesAt: '2026-12-15T12:00:00.000Z' },
    budgetCeilings: [],
    defaultBudgetCeilingDkk: null,
  },
  OPENED,
  COOPS,
);

function step(state: Course, command: CourseCommand, version: number) {
  const d = decide(state, command);
  if (!d.ok) throw new Error(d.refusal.rule);
  return { state: d.state, out: eventMessages(deps, d.state, d.events, version) };
}
const events = <N extends 'course.seats-allocated' | 'course.outcome-recorded'>(out: readonly unknown[], name: N) =>
  (out as PublishEntry[]).filter((e) => e.routingKey === name).map((e) => e.envelope.data as PayloadOf<N>);

describe('what a course reports on rs.events', () => {
  it('sends course.opened once with the seats bought, beside the offers', () => {
    const out = openingOutbox(deps, course).filter((e): e is PublishEntry => e.kind === 'publish' && e.routingKey === 'course.opened');
    expect(out).toHaveLength(1);
    expect(out[0]!.exchange).toBe('rs.events');
    expect(out[0]!.envelope.data).toMatchObject({ courseId: 'c-1', cooperation: 'HRS', course: { seats: 3, pricePerSeatDkk: 10_000 } });
    // The same id every time: a retried insert sends one opening.
    expect(openingOutbox(deps, course).find((e) => e.kind === 'publish' && e.routingKey === 'course.opened')!.id).toBe(out[0]!.id);
  });

  it('states each touched jobcentre’s seats after a decision, with the course version, and each outcome', () => {
    let s = course;
    s = step(s, { type: 'RequestSeats', jobcentre: 147, seats: 2, candidates: ['a', 'b'], now: OPENED }, 2).state;
    s = step(s, { type: 'RequestSeats', jobcentre: 151, seats: 3, candidates: ['c'], now: OPENED }, 3).state;
    const closed = step(s, { type: 'CloseWindow', now: AFTER }, 4);
    expect(events(closed.out, 'course.seats-allocated')).toEqual([
      expect.objectContaining({
        version: 4,
        cause: 'allocation',
        shares: [
          { jobcentre: 147, requested: 2, allocated: 1, waitlisted: 1, costDkk: 10_000 },
          { jobcentre: 151, requested: 3, allocated: 2, waitlisted: 1, costDkk: 20_000 },
        ],
      }),
    ]);
    // 151 gives back both seats: one message with both standings after it (151's and the waiting 147's).
    const back = step(closed.state, { type: 'Withdraw', jobcentre: 151, now: AFTER }, 5);
    expect(events(back.out, 'course.seats-allocated')).toEqual([
      expect.objectContaining({
        version: 5,
        cause: 'given-back',
        shares: [
          { jobcentre: 147, requested: 2, allocated: 2, waitlisted: 0, costDkk: 20_000 },
          { jobcentre: 151, requested: 0, allocated: 0, waitlisted: 0, costDkk: 0 },
        ],
      }),
    ]);
    const done = step(
      back.state,
      { type: 'RecordOutcome', jobcentre: 147, candidateRef: 'a', status: 'completed', hiredOn: '2027-02-01', now: AFTER },
      6,
    );
    expect(events(done.out, 'course.outcome-recorded')).toEqual([
      expect.objectContaining({
        version: 6,
        jobcentre: 147,
        candidateRef: 'a',
        status: 'completed',
        hiredOn: '2027-02-01',
        orderId: courseSummaryExample.orderId,
      }),
    ]);
    expect(events(done.out, 'course.seats-allocated')).toEqual([]);
  });
});
