import { courseSummaryExample } from '@rs/contracts';
import { type Course, type CourseCommand, decide, maxSeatsFor } from './course';
import { type CourseInput, courseProblems, openCourse } from './opening';

const OPENED = new Date('2026-12-01T09:00:00.000Z');
const CLOSES = '2026-12-15T12:00:00.000Z';
const before = (minutes: number) => new Date(OPENED.getTime() + minutes * 60_000);
const after = new Date('2026-12-15T12:00:00.001Z');

const input = (over: Partial<CourseInput['summary']> = {}, rest: Partial<CourseInput> = {}): CourseInput => ({
  id: 'c-1',
  leadJobcentre: 101,
  scope: 'cooperation',
  summary: { ...courseSummaryExample, seats: 4, pricePerSeatDkk: 10_000, windowClosesAt: CLOSES, ...over },
  budgetCeilings: [{ jobcentre: 147, dkk: 20_000 }],
  defaultBudgetCeilingDkk: null,
  ...rest,
});

/** Applies commands in turn; a refusal fails the test (use `refusal` to expect one). */
function run(course: Course, ...commands: CourseCommand[]) {
  let state = course;
  const events = [];
  for (const command of commands) {
    const d = decide(state, command);
    if (!d.ok) throw new Error(`refused: ${d.refusal.rule}`);
    state = d.state;
    events.push(...d.events);
  }
  return { state, events };
}
const refusal = (course: Course, command: CourseCommand) => {
  const d = decide(course, command);
  return d.ok ? undefined : d.refusal;
};
const req = (jobcentre: number, seats: number, now: Date, candidates: string[] = []): CourseCommand => ({
  type: 'RequestSeats',
  jobcentre,
  seats,
  candidates,
  now,
});
const close: CourseCommand = { type: 'CloseWindow', now: after };
const allocation = (c: Course) => c.requests.map((r) => [r.jobcentre, r.seats, r.allocated]);

describe('opening a course', () => {
  it('opens with every jobcentre of the scope, the lead included', () => {
    const course = openCourse(input(), OPENED);
    expect(course.inScope).toContain(101);
    expect(course.inScope).toContain(147);
    expect(course.cooperation).toBe('HRS');
    expect(courseProblems(input(), OPENED)).toEqual([]);
  });

  it("refuses a course for the positive-list pool without the company's guarantee declaration", () => {
    const fields = (i: CourseInput) => courseProblems(i, OPENED).map((p) => p.field);
    expect(fields(input({ guarantee: { kind: 'none' } }))).toEqual(['body.guarantee']);
    const short = input({
      guarantee: {
        kind: 'near-job',
        declaration: { employCount: 2, employmentMonths: 2, ordinaryEmployment: false, declaredBy: 'HR', declaredOn: '2026-11-20' },
      },
    });
    expect(fields(short)).toEqual(['body.guarantee.declaration.employmentMonths', 'body.guarantee.declaration.ordinaryEmployment']);
    expect(fields(input({ positiveList: null }))).toEqual(['body.positiveList']);
    // Paid by the jobcentres, neither the list nor a guarantee is required.
    expect(fields(input({ fundedBy: 'jobcentres', positiveList: null, guarantee: { kind: 'none' } }))).toEqual([]);
  });

  it('refuses a window in the past or after the start, a ceiling outside the scope, and a cooperation scope without one', () => {
    const fields = (i: CourseInput) => courseProblems(i, OPENED).map((p) => p.field);
    expect(fields(input({ windowClosesAt: '2026-11-30T00:00:00.000Z' }))).toEqual(['body.windowClosesAt']);
    expect(fields(input({ windowClosesAt: '2027-02-01T00:00:00.000Z' }))).toEqual(['body.windowClosesAt']);
    expect(fields(input({}, { budgetCeilings: [{ jobcentre: 751, dkk: 1 }] }))).toEqual(['body.budgetCeilings.0.jobcentre']);
    // Aarhus (751) is in no cooperation.
    expect(fields(input({}, { leadJobcentre: 751, budgetCeilings: [] }))).toEqual(['body.scope']);
  });
});

describe('requests until the window closes', () => {
  const course = () => openCourse(input(), OPENED);

  it('records, changes (keeping the first request time) and withdraws a request', () => {
    const { state, events } = run(course(), req(151, 2, before(1)), req(151, 3, before(5), ['c-1']));
    expect(events.map((e) => e.type)).toEqual(['RequestRecorded', 'RequestRecorded']);
    expect(state.requests[0]).toMatchObject({ jobcentre: 151, seats: 3, requestedAt: before(1).toISOString(), allocated: null });
    // The same request again changes nothing (no event, no write).
    expect(run(state, req(151, 3, before(6), ['c-1'])).events).toEqual([]);
    const gone = run(state, { type: 'Withdraw', jobcentre: 151, now: before(7) });
    expect(gone.state.requests).toEqual([]);
  });

  it('refuses a request over the budget ceiling with the figure', () => {
    const r = refusal(course(), req(147, 3, before(1)));
    expect(r?.rule).toBe('over-budget');
    expect(r?.message.en).toBe('3 seats × 10000 kr = 30000 kr is over your budget ceiling of 20000 kr (at most 2 seats)');
    expect(r?.message.da).toContain('budgetloft på 20000 kr');
    expect(maxSeatsFor(course(), 147)).toBe(2);
    expect(maxSeatsFor(course(), 151)).toBe(4);
    expect(run(course(), req(147, 2, before(1))).state.requests).toHaveLength(1);
  });

  it('refuses more seats than the course has, more candidates than seats, a jobcentre out of scope, and a request after the window', () => {
    expect(refusal(course(), req(151, 5, before(1)))?.rule).toBe('over-seats');
    expect(refusal(course(), req(151, 1, before(1), ['a', 'b']))?.rule).toBe('too-many-candidates');
    expect(refusal(course(), req(151, 2, before(1), ['a', 'a']))?.rule).toBe('too-many-candidates');
    expect(refusal(course(), req(751, 1, before(1)))?.rule).toBe('not-in-scope');
    expect(refusal(course(), req(151, 1, after))?.rule).toBe('window-closed');
  });
});

describe('the allocation when the window closes', () => {
  const oversubscribed = () =>
    run(
      openCourse(input(), OPENED),
      req(101, 3, before(1)),
      req(147, 2, before(2), ['c-147-1', 'c-147-2']),
      req(151, 3, before(3), ['c-151-1']),
    );

  it('allocates once: a second close, or one before the window, changes nothing', () => {
    const early = decide(oversubscribed().state, { type: 'CloseWindow', now: before(10) });
    expect(early.ok && early.events).toEqual([]);
    const { state, events } = run(oversubscribed().state, close);
    expect(events.map((e) => e.type)).toEqual(['SeatsAllocated']);
    // 8 asked for 4: one each (3), one left over rests 2,1,2 → remainders 2/5,1/5,2/5 → 101 (earlier than 151).
    expect(allocation(state)).toEqual([
      [101, 3, 2],
      [147, 2, 1],
      [151, 3, 1],
    ]);
    expect(state.status).toBe('allocated');
    expect(run(state, close).events).toEqual([]);
  });

  it('a withdrawal after allocation feeds the waiting list, and the jobcentre is told', () => {
    const allocated = run(oversubscribed().state, close).state;
    const { state, events } = run(allocated, { type: 'Withdraw', jobcentre: 101, now: after });
    // 101's 2 seats, each to the least fulfilled request: 151 (1 of 3) before 147 (1 of 2); then 147 (1/2 < 2/3).
    expect(events.map((e) => (e.type === 'SeatGranted' ? `granted ${e.jobcentre}` : e.type))).toEqual([
      'RequestWithdrawn',
      'SeatsReleased',
      'granted 151',
      'granted 147',
    ]);
    expect(allocation(state)).toEqual([
      [101, 0, 0],
      [147, 2, 2],
      [151, 3, 2],
    ]);
    // Giving back one seat by asking for fewer: it goes to 151, the last one waiting.
    const fewer = run(state, req(147, 1, after));
    expect(allocation(fewer.state)).toEqual([
      [101, 0, 0],
      [147, 1, 1],
      [151, 3, 3],
    ]);
    // More seats after the window are refused.
    expect(refusal(state, req(151, 3, after))?.rule).toBe('window-closed');
  });
});

describe('company co-selection through the lead', () => {
  const allocated = () =>
    run(openCourse(input(), OPENED), req(147, 2, before(1), ['c-147-1', 'c-147-2']), req(151, 3, before(2), ['c-151-1']), close).state;

  it('a decline frees the seat to the waiting list; a declined candidate cannot be named again', () => {
    const course = allocated();
    // 5 asked for 4: one each, 2 left over rests 1,2 → 2/3, 4/3 → 0,1 + remainders 2/3,1/3 → 147. 147: 2, 151: 2.
    expect(allocation(course)).toEqual([
      [147, 2, 2],
      [151, 3, 2],
    ]);
    const { state, events } = run(course, {
      type: 'DecideCandidate',
      jobcentre: 147,
      candidateRef: 'c-147-1',
      decision: 'declined',
      now: after,
    });
    expect(events.map((e) => e.type)).toEqual(['CandidateDecided', 'SeatsReleased', 'SeatGranted']);
    expect(allocation(state)).toEqual([
      [147, 1, 1],
      [151, 3, 3],
    ]);
    expect(
      refusal(state, { type: 'DecideCandidate', jobcentre: 147, candidateRef: 'c-147-1', decision: 'accepted', now: after })?.rule,
    ).toBe('declined-candidate');
    expect(
      refusal(state, { type: 'DecideCandidate', jobcentre: 147, candidateRef: 'nobody', decision: 'accepted', now: after })?.rule,
    ).toBe('unknown-candidate');
  });

  it('a decline before the window closes shrinks the request; naming the declined candidate again is refused', () => {
    const open = run(openCourse(input(), OPENED), req(147, 2, before(1), ['c-147-1', 'c-147-2'])).state;
    const declined = run(open, {
      type: 'DecideCandidate',
      jobcentre: 147,
      candidateRef: 'c-147-2',
      decision: 'declined',
      now: before(2),
    }).state;
    expect(declined.requests[0]).toMatchObject({ seats: 1, allocated: null });
    expect(refusal(declined, req(147, 2, before(3), ['c-147-1', 'c-147-2']))?.rule).toBe('declined-candidate');
    expect(run(declined, req(147, 2, before(3), ['c-147-1', 'c-147-9'])).state.requests[0]?.candidates.map((k) => k.candidateRef)).toEqual([
      'c-147-1',
      'c-147-9',
      'c-147-2',
    ]);
  });

  it('records outcomes only after the allocation, for named candidates not declined', () => {
    const outcome = (candidateRef: string, now = after): CourseCommand => ({
      type: 'RecordOutcome',
      jobcentre: 147,
      candidateRef,
      status: 'completed',
      hiredOn: '2027-02-01',
      now,
    });
    const open = run(openCourse(input(), OPENED), req(147, 2, before(1), ['c-147-1'])).state;
    expect(refusal(open, outcome('c-147-1', before(2)))?.rule).toBe('not-allocated');
    const { state, events } = run(allocated(), outcome('c-147-1'));
    expect(events.map((e) => e.type)).toEqual(['OutcomeRecorded']);
    expect(state.requests[0]?.candidates[0]?.outcome).toMatchObject({ status: 'completed', hiredOn: '2027-02-01' });
    expect(refusal(state, outcome('nobody'))?.rule).toBe('unknown-candidate');
  });
});
