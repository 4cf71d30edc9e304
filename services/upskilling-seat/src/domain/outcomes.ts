import { type Course, costOf, type SeatRequestState } from './course';

/** Outcome figures of one jobcentre on a course, or of the whole course. */
export interface OutcomeFigures {
  seatsUsed: number;
  participants: number;
  started: number;
  completed: number;
  droppedOut: number;
  /** completed ÷ (completed + dropped out), or null before anyone finished. */
  completionRate: number | null;
  hired: number;
  /** Median days from the course's end to the hire, or null without hires. */
  medianDaysToHire: number | null;
  costDkk: number;
  /** cost ÷ hired, whole kroner, or null without hires. */
  costPerHireDkk: number | null;
}

export interface ParticipantOutcome {
  jobcentre: number;
  candidateRef: string;
  status: 'named' | 'started' | 'completed' | 'dropped-out';
  hiredOn: string | null;
  /** Days from the course's end to the hire (negative: hired before it ended). */
  daysToHire: number | null;
}

export interface CourseOutcomes {
  courseId: string;
  total: OutcomeFigures;
  jobcentres: Array<OutcomeFigures & { jobcentre: number }>;
  participants: ParticipantOutcome[];
  /**
   * Whether the company hired at least as many as it declared; null for a course without a
   * guarantee, until the course has ended and every participant's outcome is final (none named
   * only or still `started`), and for one jobcentre's view. Only the count is checked, not the
   * declared duration of the employment (the service does not learn how long a hire lasted).
   */
  guaranteeKept: boolean | null;
  guaranteeDeclared: number | null;
}

const DAY_MS = 86_400_000;

function participantsOf(course: Course, request: SeatRequestState): ParticipantOutcome[] {
  const end = Date.parse(`${course.summary.endDate}T00:00:00.000Z`);
  return request.candidates
    .filter((k) => k.selection !== 'declined')
    .map((k) => {
      const hiredOn = k.outcome?.hiredOn ?? null;
      return {
        jobcentre: request.jobcentre,
        candidateRef: k.candidateRef,
        status: k.outcome?.status ?? 'named',
        hiredOn,
        daysToHire: hiredOn === null ? null : Math.round((Date.parse(`${hiredOn}T00:00:00.000Z`) - end) / DAY_MS),
      };
    });
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? null) : Math.round(((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2);
}

function figures(course: Course, seatsUsed: number, people: ParticipantOutcome[]): OutcomeFigures {
  const count = (status: ParticipantOutcome['status']) => people.filter((p) => p.status === status).length;
  const completed = count('completed');
  const droppedOut = count('dropped-out');
  const hires = people.filter((p) => p.daysToHire !== null);
  const costDkk = costOf(course, seatsUsed);
  return {
    seatsUsed,
    participants: people.length,
    started: people.filter((p) => p.status !== 'named').length,
    completed,
    droppedOut,
    completionRate: completed + droppedOut === 0 ? null : Math.round((completed / (completed + droppedOut)) * 1000) / 1000,
    hired: hires.length,
    medianDaysToHire: median(hires.map((p) => p.daysToHire ?? 0)),
    costDkk,
    costPerHireDkk: hires.length === 0 ? null : Math.round(costDkk / hires.length),
  };
}

/** Part 5: per participant, per jobcentre and for the course; restricted to `only` when given (a jobcentre sees itself). */
export function courseOutcomes(course: Course, only?: number, now?: Date): CourseOutcomes {
  const requests = course.requests.filter((r) => !r.withdrawn && (only === undefined || r.jobcentre === only));
  const jobcentres = requests.map((r) => ({ jobcentre: r.jobcentre, ...figures(course, r.allocated ?? 0, participantsOf(course, r)) }));
  const participants = requests.flatMap((r) => participantsOf(course, r));
  const total = figures(
    course,
    requests.reduce((s, r) => s + (r.allocated ?? 0), 0),
    participants,
  );
  const declared = course.summary.guarantee.kind === 'none' ? null : course.summary.guarantee.declaration.employCount;
  const ended = now !== undefined && now.getTime() >= Date.parse(`${course.summary.endDate}T00:00:00.000Z`) + DAY_MS;
  const final = participants.length > 0 && participants.every((p) => p.status === 'completed' || p.status === 'dropped-out');
  return {
    courseId: course.id,
    total,
    jobcentres,
    participants,
    guaranteeDeclared: declared,
    guaranteeKept: declared === null || !ended || !final || only !== undefined ? null : total.hired >= declared,
  };
}
