import { courseSummaryExample } from '@rs/contracts';
import { arrivalOf, type Course, type CourseCommand, decide, maxSeatsFor } from './course';
import { type CourseInput, courseProblems, openCourse } from './opening';
import { cooperationsAt } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';

/** The cooperations as seeded (HRS, JRS), on a December day. */
const COOPS = cooperationsAt(cooperationSeeds(), new Date('2026-12-01T12:00:00Z'));

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
    const course = openCourse(input(), OPENED, COOPS);
    expect(course.inScope).toContain(101);
    expect(course.inScope).toContain(147);
    expect(course.cooperation).toBe('HRS');
    expect(courseProblems(input(), OPENED, COOPS)).toEqual([]);
  });

  it("refuses a course for the positive-list pool without the company's guarantee declaration", () => {
    const fields = (i: CourseInput) => courseProblems(i, OPENED, COOPS).map((p) => p.field);
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
    const fields = (i: CourseInput) => courseProblems(i, OPENED, COOPS).map((p) => p.field);
    expect(fields(input({ windowClosesAt: '2026-11-30T00:00:00.000Z' }))).toEqual(['body.windowClosesAt']);
    expect(fields(input({ windowClosesAt: '2027-02-01T00:00:00.000Z' }))).toEqual(['body.windowClosesAt']);
    expect(fields(input({}, { budgetCeilings: [{ jobcentre: 751, dkk: 1 }] }))).toEqual(['body.budgetCeilings.0.jobcentre']);
    // Aarhus (751) is in no cooperation.
    expect(fields(input({}, { leadJobcentre: 751, budgetCeilings: [] }))).toEqual(['body.scope']);
  });
});

describe('requests until the window closes', () => {
  const course = () => openCourse(input(), OPENED, COOPS);

  it('records, changes (keeping the first request time) and withdraws a request', () => {
    const { state, events } = run(course(), req(151, 2, before(1)), req(151, 3, before(5), ['c-1']));
    expect(events.map((e) => e.type)).toEqual(['RequestRecorded', 'RequestRecorded']);
    expect(state.requests[0]).toMatchObject({ jobcentre: 151, seats: 3, requestedAt: before(1).toISOString(), allocated: null });
    // The same request again changes nothing (no event, no write).
    expect(run(state, req(151, 3, before(6), ['c-1'])).events).toEqual([]);
    const gone = run(state, { type: 'Withdraw', jobcentre: 151, now: before(7) });
    // The withdrawn record stays, without seats, so an older request delivered after it is ignored.
    expect(gone.state.requests.map((r) => [r.jobcentre, r.seats, r.withdrawn])).toEqual([[151, 0, true]]);
    const again = run(gone.state, req(151, 1, before(8))).state;
    expect(again.requests[0]).toMatchObject({ seats: 1, withdrawn: false, requestedAt: before(8).toISOString() });
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
      openCourse(input(), OPENED, COOPS),
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
    // Its explanation keeps the allocation's and adds the grant: what the course page shows.
    const explained = state.requests.find((r) => r.jobcentre === 147)?.explanation;
    expect(explained?.en).toMatch(/You asked for 2: .* A seat was freed and you were first on the waiting list .*: 2 of 2 now\.$/);
    expect(explained?.da).toMatch(/I bad om 2: .* En plads blev ledig.*: nu 2 af 2\.$/);
    // Giving back one seat by asking for fewer: it goes to 151, the last one waiting.
    const fewer = run(state, req(147, 1, after));
    expect(allocation(fewer.state)).toEqual([
      [101, 0, 0],
      [147, 1, 1],
      [151, 3, 3],
    ]);
    // More seats than asked before are refused after the window.
    expect(refusal(state, req(151, 4, after))?.rule).toBe('window-closed');
  });
});

describe('company co-selection through the lead', () => {
  const allocated = () =>
    run(openCourse(input(), OPENED, COOPS), req(147, 2, before(1), ['c-147-1', 'c-147-2']), req(151, 3, before(2), ['c-151-1']), close)
      .state;

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

  it('a decline before the allocation changes only the candidate, not the seats; naming the declined candidate again is refused', () => {
    const open = run(openCourse(input(), OPENED, COOPS), req(147, 2, before(1), ['c-147-1', 'c-147-2'])).state;
    const declined = run(open, {
      type: 'DecideCandidate',
      jobcentre: 147,
      candidateRef: 'c-147-2',
      decision: 'declined',
      now: before(2),
    }).state;
    // The lead is itself a requester: its decline must not shrink another jobcentre's request before the seats are shared.
    expect(declined.requests[0]).toMatchObject({ seats: 2, allocated: null });
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
    const open = run(openCourse(input(), OPENED, COOPS), req(147, 2, before(1), ['c-147-1'])).state;
    expect(refusal(open, outcome('c-147-1', before(2)))?.rule).toBe('not-allocated');
    const { state, events } = run(allocated(), outcome('c-147-1'));
    expect(events.map((e) => e.type)).toEqual(['OutcomeRecorded']);
    expect(state.requests[0]?.candidates[0]?.outcome).toMatchObject({ status: 'completed', hiredOn: '2027-02-01' });
    expect(refusal(state, outcome('nobody'))?.rule).toBe('unknown-candidate');
  });
});

describe('review of issue 18: caps, changes after the close, candidates kept, arrival time, order', () => {
  const decideC = (jobcentre: number, candidateRef: string, decision: 'accepted' | 'declined', now = after): CourseCommand => ({
    type: 'DecideCandidate',
    jobcentre,
    candidateRef,
    decision,
    now,
  });
  const outcome = (
    jobcentre: number,
    candidateRef: string,
    status: 'completed' | 'dropped-out' = 'completed',
    hiredOn: string | null = '2027-02-01',
  ): CourseCommand => ({ type: 'RecordOutcome', jobcentre, candidateRef, status, hiredOn, now: after });
  // 2 seats: 147 and 151 one each (the minimum); 101 asked last and waits with none.
  const scarce = () =>
    run(
      openCourse(input({ seats: 2 }), OPENED, COOPS),
      req(147, 1, before(1), ['c-147-1']),
      req(151, 1, before(2), ['c-151-1']),
      req(101, 2, before(3), ['c-101-1', 'c-101-2']),
      close,
    ).state;

  it('refuses accepting or recording an outcome for more participants than the seats a jobcentre got', () => {
    const course = scarce();
    expect(course.requests.find((r) => r.jobcentre === 101)?.allocated).toBe(0);
    expect(refusal(course, decideC(101, 'c-101-1', 'accepted'))?.rule).toBe('over-allocated');
    expect(refusal(course, outcome(101, 'c-101-1'))?.rule).toBe('over-allocated');
    // Within the seats it got, both work; a second outcome for the same participant replaces it.
    const ok = run(
      course,
      decideC(147, 'c-147-1', 'accepted'),
      outcome(147, 'c-147-1'),
      outcome(147, 'c-147-1', 'dropped-out', null),
    ).state;
    expect(ok.requests.find((r) => r.jobcentre === 147)?.candidates[0]).toMatchObject({
      selection: 'accepted',
      outcome: { status: 'dropped-out' },
    });
  });

  it('after the close: fewer seats (leaving the waiting list), candidates named or replaced up to the seats got, never more seats', () => {
    const course = scarce();
    // 101 leaves the waiting list: 2 → 0 allocated stays 0 … at least one seat is a request, so ask 1 with none named.
    const left = run(course, req(101, 1, after, []));
    expect(left.state.requests.find((r) => r.jobcentre === 101)).toMatchObject({ seats: 1, allocated: 0 });
    expect(left.events.map((e) => e.type)).toEqual(['RequestRecorded']);
    // 147 replaces its candidate, within its one seat; naming two is refused.
    const replaced = run(course, req(147, 1, after, ['c-147-9'])).state;
    expect(replaced.requests.find((r) => r.jobcentre === 147)?.candidates.map((k) => k.candidateRef)).toEqual(['c-147-9']);
    expect(refusal(course, req(101, 2, after, ['c-101-1', 'c-101-2']))).toBeUndefined();
    expect(refusal(scarce(), req(151, 2, after, ['c-151-1', 'c-151-2']))?.rule).toBe('window-closed');
    const named = run(openCourse(input({ seats: 4 }), OPENED, COOPS), req(151, 2, before(1)), close).state;
    expect(run(named, req(151, 2, after, ['a', 'b'])).state.requests[0]?.candidates.map((k) => k.candidateRef)).toEqual(['a', 'b']);
    expect(refusal(scarce(), req(101, 2, after, ['c-101-1', 'c-101-2', 'c-101-3']))?.rule).toBe('too-many-candidates');
    expect(refusal(scarce(), req(147, 1, after, ['x']))).toBeUndefined();
    expect(
      refusal(
        run(openCourse(input({ seats: 2 }), OPENED, COOPS), req(151, 2, before(1)), req(147, 2, before(2)), close).state,
        req(151, 2, after, ['a', 'b']),
      )?.rule,
    ).toBe('over-allocated');
  });

  it('keeps the candidates named before when a change names none, and refuses dropping an accepted one or one with an outcome', () => {
    const course = run(scarce(), decideC(147, 'c-147-1', 'accepted')).state;
    const open = run(openCourse(input(), OPENED, COOPS), req(151, 2, before(1), ['a', 'b'])).state;
    const changed = run(open, { type: 'RequestSeats', jobcentre: 151, seats: 3, now: before(2) }).state;
    expect(changed.requests[0]?.candidates.map((k) => k.candidateRef)).toEqual(['a', 'b']);
    // An explicit empty list names none.
    expect(run(open, req(151, 3, before(2), [])).state.requests[0]?.candidates).toEqual([]);
    expect(refusal(course, req(147, 1, after, ['c-147-2']))?.rule).toBe('kept-candidate');
    const withOutcome = run(scarce(), outcome(151, 'c-151-1')).state;
    expect(refusal(withOutcome, req(151, 1, after, []))?.rule).toBe('kept-candidate');
  });

  it('judges a request on time by when it arrived, bounded by the allowed skew; ties by arrival', () => {
    const closes = Date.parse(CLOSES);
    const late = new Date(closes + 20_000);
    const sent = new Date(closes - 5_000);
    expect(arrivalOf(sent, late, 60_000)).toEqual(sent);
    // Older than the skew allows: as if sent at the skew's edge (after the close here); never in the future.
    expect(arrivalOf(new Date(closes - 3_600_000), late, 10_000)).toEqual(new Date(late.getTime() - 10_000));
    expect(arrivalOf(new Date(late.getTime() + 60_000), late, 60_000)).toEqual(late);
    expect(arrivalOf(undefined, late, 60_000)).toEqual(late);
    const course = openCourse(input(), OPENED, COOPS);
    const onTime = run(course, { type: 'RequestSeats', jobcentre: 151, seats: 2, now: late, sentAt: sent }).state;
    expect(onTime.requests[0]).toMatchObject({ seats: 2, requestedAt: sent.toISOString() });
    expect(refusal(course, { type: 'RequestSeats', jobcentre: 151, seats: 2, now: late, sentAt: late })?.rule).toBe('window-closed');
    // Once allocated, a request that was sent in time but processed afterwards can no longer change the allocation.
    const allocatedCourse = run(course, { type: 'CloseWindow', now: late }).state;
    expect(refusal(allocatedCourse, { type: 'RequestSeats', jobcentre: 151, seats: 2, now: late, sentAt: sent })?.rule).toBe(
      'window-closed',
    );
  });

  it("ignores a jobcentre's request or withdrawal older than the last one applied", () => {
    const course = openCourse(input(), OPENED, COOPS);
    const newer = run(course, { type: 'RequestSeats', jobcentre: 151, seats: 3, now: before(10), sentAt: before(5) }).state;
    const older = run(newer, { type: 'RequestSeats', jobcentre: 151, seats: 1, now: before(11), sentAt: before(4) });
    expect(older.events).toEqual([]);
    expect(older.state.requests[0]?.seats).toBe(3);
    const withdrawn = run(newer, { type: 'Withdraw', jobcentre: 151, now: before(12), sentAt: before(6) }).state;
    const stale = run(withdrawn, { type: 'RequestSeats', jobcentre: 151, seats: 2, now: before(13), sentAt: before(5) });
    expect(stale.events).toEqual([]);
    expect(stale.state.requests[0]).toMatchObject({ withdrawn: true });
    expect(run(newer, { type: 'Withdraw', jobcentre: 151, now: before(12), sentAt: before(4) }).events).toEqual([]);
  });

  it('each seat granted from one release carries its own count', () => {
    const course = run(openCourse(input({ seats: 4 }), OPENED, COOPS), req(151, 3, before(1)), req(101, 4, before(2)), close).state;
    // 7 asked for 4: 151 gets 2, 101 gets 2; 151 withdraws → both seats to 101, one by one.
    const { events } = run(course, { type: 'Withdraw', jobcentre: 151, now: after });
    expect(
      events.filter((e) => e.type === 'SeatGranted').map((e) => (e.type === 'SeatGranted' ? [e.jobcentre, e.allocated, e.requested] : [])),
    ).toEqual([
      [101, 3, 4],
      [101, 4, 4],
    ]);
  });

  it('stores the window close in UTC, so the stored strings sort as the instants', () => {
    const course = openCourse(input({ windowClosesAt: '2026-12-15T13:00:00+01:00' }), OPENED, COOPS);
    expect(course.summary.windowClosesAt).toBe('2026-12-15T12:00:00.000Z');
  });
});
