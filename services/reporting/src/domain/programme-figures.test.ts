import type { Fact } from './facts';
import { report } from './figures';
import { factsOfEvent } from './from-events';
import { factsOfCourse } from './from-sources';
import { reportCsv } from './report-csv';
import { testOrder, testScope } from './test-facts';

/*
 * The figures of issue 20 beyond orders and replies: follow-ups and retention, agreements in
 * force, escalations, upskilling seats and outcomes (latest version wins), companies' needs.
 */
const scope = testScope();
const order = (orderId: string, over: Parameters<typeof testOrder>[1] = {}) =>
  testOrder(orderId, { company: 'Plejecenter Tårnby', ...over });
const followUp = (id: string, dueOn: string, jobcentre = 147): Extract<Fact, { kind: 'follow-up' }> => ({
  kind: 'follow-up',
  followUpId: id,
  orderId: 'o1',
  cooperation: 'HRS',
  jobcentre,
  dueOn,
});
const agreement = (id: string, from: string, to: string | null, over: Partial<Extract<Fact, { kind: 'agreement' }>> = {}): Fact => ({
  kind: 'agreement',
  agreementId: id,
  agreement: 'recruitment',
  cooperation: 'HRS',
  leadJobcentre: 101,
  from,
  to,
  expectedHires: 10,
  ...over,
});

describe('follow-ups and retention', () => {
  it('counts the follow-ups due in the period (Copenhagen days) and how the placements held', () => {
    const facts: Fact[] = [
      order('o1'),
      followUp('f1', '2026-07-01'),
      { ...followUp('f1', '2026-07-01'), kind: 'follow-up-outcome', status: 'still-employed' },
      followUp('f2', '2026-09-30', 151),
      { ...followUp('f2', '2026-09-30', 151), kind: 'follow-up-outcome', status: 'left' },
      followUp('f3', '2026-08-15'),
      // An outcome that arrived before its plan still counts as a follow-up due.
      { ...followUp('f4', '2026-08-16'), kind: 'follow-up-outcome', status: 'still-employed' },
      followUp('f5', '2026-06-30'),
      followUp('f6', '2026-10-01'),
    ];
    const r = report(facts, scope);
    expect(r.figures.followUps).toEqual({ due: 4, done: 3, stillEmployed: 2, left: 1, open: 1, doneRate: 0.75, retention: 2 / 3 });
    expect(r.figures.lights.followUpsDone).toBe('red');
    expect(r.figures.lights.retention).toBe('red');
    expect(r.jobcentres.find((j) => j.jobcentre === 151)!.figures.followUps).toMatchObject({ due: 1, left: 1, retention: 0 });
  });
});

describe('agreements in force', () => {
  it('counts recruitment agreements overlapping the period by their days, and the cooperation’s a-kasse agreements', () => {
    const facts: Fact[] = [
      agreement('a1', '2026-01-01', '2026-06-30'),
      agreement('a2', '2026-06-30', '2026-07-01'),
      agreement('a3', '2025-05-01', null, { leadJobcentre: 147, expectedHires: 4 }),
      agreement('a4', '2026-10-01', null),
      agreement('a5', '2026-09-30', '2026-12-31', { cooperation: 'JRS' }),
      agreement('k1', '2026-07-15', '2026-08-15', { agreement: 'a-kasse', leadJobcentre: null, expectedHires: 0 }),
      agreement('k2', '2025-01-01', '2025-12-31', { agreement: 'a-kasse', leadJobcentre: null, expectedHires: 0 }),
    ];
    const r = report(facts, scope);
    expect(r.figures.agreements).toEqual({ recruitment: 2, expectedHires: 14, aKasse: 1 });
    expect(r.figures.lights.recruitmentAgreements).toBe('yellow');
    expect(r.figures.lights.aKasseAgreements).toBe('yellow');
    expect(r.jobcentres.find((j) => j.jobcentre === 147)!.figures.agreements).toEqual({ recruitment: 1, expectedHires: 4, aKasse: null });
    expect(r.jobcentres.find((j) => j.jobcentre === 147)!.figures.lights.aKasseAgreements).toBeNull();
  });
});

describe('escalations', () => {
  it('counts East Denmark and national rounds of the period and what came of them', () => {
    const round = (
      roundId: string,
      orderId: string,
      scope: 'cooperation' | 'east-denmark' | 'national',
      recipients: number[],
      lead = 101,
    ): Fact => ({
      kind: 'round',
      orderId,
      roundId,
      leadJobcentre: lead,
      scope,
      recipients,
      at: '2026-07-03T08:00:00.000Z',
    });
    const facts: Fact[] = [
      order('o1'),
      order('o2'),
      order('o3', { leadJobcentre: 147 }),
      round('o1-1', 'o1', 'cooperation', [147, 151]),
      round('o1-2', 'o1', 'east-denmark', [253, 265]),
      round('o1-3', 'o1', 'national', [751]),
      round('o2-2', 'o2', 'east-denmark', [253]),
      round('o3-2', 'o3', 'east-denmark', [253], 147),
      { kind: 'state', orderId: 'o1', entry: 'closed', state: 'filled', at: '2026-07-20T08:00:00.000Z' },
      { kind: 'hire', orderId: 'o1', jobcentre: 751, candidateRef: 'x', at: '2026-07-20T08:00:00.000Z' },
      { kind: 'state', orderId: 'o2', entry: 'closed', state: 'unfilled', at: '2026-07-20T08:00:00.000Z' },
    ];
    const r = report(facts, scope);
    expect(r.figures.escalations).toEqual({
      eastDenmark: 3,
      national: 1,
      orders: 3,
      asked: 5,
      filled: 1,
      unfilled: 1,
      hiresFromOutside: 1,
      fillRate: 0.5,
    });
    expect(r.figures.lights.escalationFillRate).toBe('green');
    expect(r.jobcentres.find((j) => j.jobcentre === 147)!.figures.escalations).toMatchObject({ eastDenmark: 1, orders: 1 });
  });
});

describe('upskilling', () => {
  const opened = factsOfEvent('course.opened', {
    courseId: 'k1',
    leadJobcentre: 101,
    cooperation: 'HRS',
    scope: 'cooperation',
    inScope: [101, 147, 151],
    course: {
      title: 'Truck',
      provider: { kind: 'amu', name: 'AMU' },
      positiveList: { list: 'Hovedstaden', year: 2026 },
      startDate: '2026-09-01',
      endDate: '2026-09-05',
      place: 'Glostrup',
      seats: 10,
      boughtBy: 'Jobcenter København',
      fundedBy: 'jobcentres',
      pricePerSeatDkk: 10000,
      company: { name: 'Plejecenter Tårnby' },
      orderId: 'o1',
      guarantee: { kind: 'none' },
      windowClosesAt: '2026-08-25T10:00:00.000Z',
    },
    openedAt: '2026-07-10T08:00:00.000Z',
  });
  const seats = (version: number, shares: Array<[number, number]>) =>
    factsOfEvent('course.seats-allocated', {
      courseId: 'k1',
      cooperation: 'HRS',
      version,
      cause: 'allocation',
      shares: shares.map(([jobcentre, allocated]) => ({
        jobcentre,
        requested: allocated,
        allocated,
        waitlisted: 0,
        costDkk: allocated * 10000,
      })),
      at: '2026-08-25T10:01:00.000Z',
    });
  const outcome = (
    version: number,
    jobcentre: number,
    ref: string,
    status: 'started' | 'completed' | 'dropped-out',
    hiredOn: string | null = null,
  ) =>
    factsOfEvent('course.outcome-recorded', {
      courseId: 'k1',
      cooperation: 'HRS',
      version,
      jobcentre,
      candidateRef: ref,
      status,
      hiredOn,
      orderId: 'o1',
      recordedAt: '2026-09-10T08:00:00.000Z',
    });

  it('counts seats bought, allocated (latest version), used, completed, hired after, and cost per hire', () => {
    const facts: Fact[] = [
      order('o1'),
      { kind: 'hire', orderId: 'o1', jobcentre: 147, candidateRef: 'p1', at: '2026-09-12T08:00:00.000Z' },
      ...opened,
      // Delivered out of order: version 5 (a give-back) supersedes the allocation at version 2.
      ...seats(5, [[147, 3]]),
      ...seats(2, [
        [101, 4],
        [147, 4],
      ]),
      ...outcome(9, 147, 'p1', 'completed', '2026-09-10'),
      ...outcome(6, 147, 'p1', 'started'),
      ...outcome(7, 147, 'p2', 'dropped-out'),
      ...outcome(8, 101, 'p3', 'completed', '2026-09-11'),
      ...outcome(10, 101, 'p4', 'started'),
    ];
    const r = report(facts, scope);
    expect(r.figures.upskilling).toEqual({
      courses: 1,
      positiveListCourses: 1,
      seatsBought: 10,
      seatsAllocated: 7,
      seatsUsed: 4,
      completed: 2,
      droppedOut: 1,
      hiredAfter: 2,
      hiresLinkedToOrders: 1,
      costDkk: 100000,
      costPerHireDkk: 50000,
      seatUseRate: 0.4,
      completionRate: 2 / 3,
      hireRate: 0.5,
    });
    expect(r.figures.lights).toMatchObject({
      seatUseRate: 'red',
      courseCompletionRate: 'yellow',
      courseHireRate: 'green',
      costPerHire: 'yellow',
    });
    const j147 = r.jobcentres.find((j) => j.jobcentre === 147)!.figures.upskilling;
    expect(j147).toMatchObject({
      courses: 0,
      seatsBought: null,
      seatsAllocated: 3,
      seatsUsed: 2,
      costDkk: 30000,
      costPerHireDkk: 30000,
      seatUseRate: 2 / 3,
    });
    // The same course as upskilling-seat stores it gives the same figures (the rebuild).
    const rebuilt = factsOfCourse({
      id: 'k1',
      version: 10,
      leadJobcentre: 101,
      cooperation: 'HRS',
      status: 'allocated',
      openedAt: '2026-07-10T08:00:00.000Z',
      summary: {
        seats: 10,
        pricePerSeatDkk: 10000,
        positiveList: { list: 'Hovedstaden', year: 2026 },
        orderId: 'o1',
        company: { name: 'Plejecenter Tårnby' },
      },
      requests: [
        {
          jobcentre: 101,
          allocated: 4,
          candidates: [
            { candidateRef: 'p3', outcome: { status: 'completed', hiredOn: '2026-09-11' } },
            { candidateRef: 'p4', outcome: { status: 'started', hiredOn: null } },
          ],
        },
        {
          jobcentre: 147,
          allocated: 3,
          candidates: [
            { candidateRef: 'p1', outcome: { status: 'completed', hiredOn: '2026-09-10' } },
            { candidateRef: 'p2', outcome: { status: 'dropped-out', hiredOn: null } },
          ],
        },
      ],
    });
    const again = report([order('o1'), facts[1]!, ...rebuilt], scope);
    expect(again.figures.upskilling).toEqual(r.figures.upskilling);
    expect(reportCsv(r, String).split('\r\n')[1]).toContain(';100000;50000;40;');
  });

  it('counts the companies’ needs expected in the period', () => {
    const need = (needId: string, expectedBy: string, jobcentre: number | null, count: number, courseWouldHelp: boolean) =>
      factsOfEvent('need.recorded', {
        needId,
        company: 'Lagerhuset A/S',
        occupation: 'Lager',
        count,
        expectedBy,
        courseWouldHelp,
        course: null,
        jobcentre,
        cooperation: 'HRS',
        recordedAt: '2026-06-01T08:00:00.000Z',
      });
    const r = report(
      [...need('n1', '2026-07', 101, 3, true), ...need('n2', '2026-09', null, 2, false), ...need('n3', '2026-10', 101, 5, true)],
      scope,
    );
    expect(r.figures.needs).toEqual({ recorded: 2, people: 5, courseWouldHelp: 1 });
    expect(r.jobcentres.find((j) => j.jobcentre === 101)!.figures.needs).toEqual({ recorded: 1, people: 3, courseWouldHelp: 1 });
  });
});
