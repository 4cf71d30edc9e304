import { courseSummaryExample } from '@rs/contracts';
import { type Course, type CourseCommand, decide } from './course';
import { needsCsv, quarterOf, monthsOf } from './needs';
import { openCourse } from './opening';
import { courseOutcomes } from './outcomes';
import { cooperationsAt } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';

/** The cooperations as seeded (HRS, JRS), on a December day. */
const COOPS = cooperationsAt(cooperationSeeds(), new Date('2026-12-01T12:00:00Z'));

const at = (iso: string) => new Date(iso);
function run(course: Course, ...commands: CourseCommand[]): Course {
  return commands.reduce((state, command) => {
    const d = decide(state, command);
    if (!d.ok) throw new Error(d.refusal.rule);
    return d.state;
  }, course);
}

describe('outcomes per participant, jobcentre and course', () => {
  it('counts completion, hires after the course, cost per hire and whether the guarantee was kept', () => {
    // The example's guarantee: the company will employ 8; the course ends 2027-01-22.
    const opened = openCourse(
      {
        id: 'c-2',
        leadJobcentre: 101,
        scope: 'cooperation',
        summary: { ...courseSummaryExample, seats: 4, pricePerSeatDkk: 9500, windowClosesAt: '2026-12-15T12:00:00.000Z' },
        budgetCeilings: [],
        defaultBudgetCeilingDkk: null,
      },
      at('2026-12-01T09:00:00Z'),
      COOPS,
    );
    const now = at('2027-02-10T09:00:00Z');
    const outcome = (
      jobcentre: number,
      candidateRef: string,
      status: 'started' | 'completed' | 'dropped-out',
      hiredOn: string | null,
    ): CourseCommand => ({
      type: 'RecordOutcome',
      jobcentre,
      candidateRef,
      status,
      hiredOn,
      now,
    });
    const course = run(
      opened,
      { type: 'RequestSeats', jobcentre: 147, seats: 3, candidates: ['a', 'b', 'c'], now: at('2026-12-02T09:00:00Z') },
      { type: 'RequestSeats', jobcentre: 151, seats: 1, candidates: ['d'], now: at('2026-12-02T10:00:00Z') },
      { type: 'CloseWindow', now: at('2026-12-15T12:00:00Z') },
      outcome(147, 'a', 'completed', '2027-02-01'),
      outcome(147, 'b', 'completed', '2027-01-29'),
      outcome(147, 'c', 'dropped-out', null),
      outcome(151, 'd', 'started', null),
    );
    const report = courseOutcomes(course);
    expect(report.total).toEqual({
      seatsUsed: 4,
      participants: 4,
      started: 4,
      completed: 2,
      droppedOut: 1,
      completionRate: 0.667,
      hired: 2,
      medianDaysToHire: 9,
      costDkk: 38000,
      costPerHireDkk: 19000,
    });
    expect(report.jobcentres.find((j) => j.jobcentre === 147)).toMatchObject({ seatsUsed: 3, hired: 2, costPerHireDkk: 14250 });
    expect(report.participants.find((p) => p.candidateRef === 'a')?.daysToHire).toBe(10);
    // No verdict on the guarantee before the course ended and every outcome is final (d has only started).
    expect([report.guaranteeDeclared, report.guaranteeKept]).toEqual([8, null]);
    const ended = at('2027-01-23T00:00:00Z');
    expect(courseOutcomes(course, undefined, ended).guaranteeKept).toBeNull();
    const final = run(course, outcome(151, 'd', 'completed', null));
    expect(courseOutcomes(final, undefined, at('2027-01-22T12:00:00Z')).guaranteeKept).toBeNull();
    expect(courseOutcomes(final, undefined, ended).guaranteeKept).toBe(false);
    // A jobcentre sees only its own figures, and no verdict on the company's guarantee.
    const own = courseOutcomes(course, 151);
    expect([own.jobcentres.map((j) => j.jobcentre), own.participants.map((p) => p.candidateRef), own.guaranteeKept]).toEqual([
      [151],
      ['d'],
      null,
    ]);
  });
});

describe("companies' coming needs", () => {
  it('knows quarters', () => {
    expect([quarterOf('2027-03'), quarterOf('2027-04'), quarterOf('2027-12')]).toEqual(['2027-Q1', '2027-Q2', '2027-Q4']);
    expect(monthsOf('2027-Q2')).toEqual(['2027-04', '2027-05', '2027-06']);
  });

  it('exports CSV with a BOM, semicolons, Danish headers and quoted or neutralised fields', () => {
    const need = {
      id: 'n1',
      company: 'Lager; Logistik "Øst"',
      occupation: '8344 Truckfører',
      count: 6,
      expectedBy: '2027-03',
      courseWouldHelp: true,
      course: 'Truckcertifikat B',
      note: '=HYPERLINK("x")',
      jobcentre: 147,
      cooperation: 'HRS',
      recordedBy: 'jobcentre:consultant-147',
      recordedAt: '2026-12-01T09:00:00.000Z',
    };
    const csv = needsCsv([need]);
    expect(csv.startsWith('\uFEFFVirksomhed;Stilling;Antal;Forventet ansættelse (måned);Kvartal;Kan et kursus hjælpe;Kursus;')).toBe(true);
    expect(csv.split('\r\n')[1]).toBe(
      '"Lager; Logistik ""Øst""";8344 Truckfører;6;2027-03;2027-Q1;Ja;Truckcertifikat B;"\'=HYPERLINK(""x"")";147;HRS;jobcentre:consultant-147;2026-12-01',
    );
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
