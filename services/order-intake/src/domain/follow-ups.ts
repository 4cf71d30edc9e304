import type { Actor } from './access';

/**
 * Onboarding follow-ups after a hire on a large project (R10): the cooperation's onboarding
 * consultant (indslusningskonsulent) asks, some weeks after the start, whether the person is
 * still employed, and records the answer. Pure: dates are passed in.
 */
export type FollowUpStatus = 'still-employed' | 'left';

export interface FollowUpOutcome {
  status: FollowUpStatus;
  /** Why the person left (required then), or a note. */
  reason?: string;
  recordedAt: string;
  recordedBy: string;
}

export interface FollowUp {
  id: string;
  orderId: string;
  cooperation: string;
  /** The supplying jobcentre, home of the candidate. */
  jobcentre: number;
  candidateRef: string;
  startDate: string;
  weeklyHours?: number;
  weeksAfterStart: number;
  /** The day the follow-up is due (YYYY-MM-DD): the start date plus `weeksAfterStart` weeks. */
  dueOn: string;
  outcome?: FollowUpOutcome;
}

export interface HireToFollow {
  orderId: string;
  cooperation: string;
  jobcentre: number;
  candidateRef: string;
  startDate: string;
  weeklyHours?: number;
}

/** One id per hire and week, so a redelivered hire plans the same follow-ups (and a unique insert keeps one). */
export function followUpId(hire: Pick<HireToFollow, 'orderId' | 'jobcentre' | 'candidateRef'>, weeks: number): string {
  return `${hire.orderId}-${hire.jobcentre}-${hire.candidateRef}-w${weeks}`;
}

/** The calendar day `days` after an ISO date (no time zone involved: dates, not instants). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function planFollowUps(hire: HireToFollow, weeks: readonly number[]): FollowUp[] {
  return [...new Set(weeks)]
    .sort((a, b) => a - b)
    .map((w) => ({
      id: followUpId(hire, w),
      ...hire,
      weeksAfterStart: w,
      dueOn: addDays(hire.startDate, 7 * w),
    }));
}

export type OutcomeDecision =
  | { kind: 'record'; followUp: FollowUp }
  | { kind: 'unchanged' }
  | { kind: 'refused'; status: 404 | 409 | 422; reason: string };

/** Records the outcome once; the same answer again is a retry (unchanged), another answer a conflict. */
export function decideOutcome(
  followUp: FollowUp,
  answer: { status: FollowUpStatus; reason?: string | undefined },
  today: string,
  at: string,
  by: string,
): OutcomeDecision {
  if (followUp.outcome) {
    const same = followUp.outcome.status === answer.status && (followUp.outcome.reason ?? '') === (answer.reason ?? '');
    return same
      ? { kind: 'unchanged' }
      : { kind: 'refused', status: 409, reason: 'the outcome is already recorded / udfaldet er allerede registreret' };
  }
  if (today < followUp.startDate) {
    return { kind: 'refused', status: 409, reason: `the job starts ${followUp.startDate} / stillingen tiltrædes ${followUp.startDate}` };
  }
  const outcome: FollowUpOutcome = {
    status: answer.status,
    ...(answer.reason !== undefined ? { reason: answer.reason } : {}),
    recordedAt: at,
    recordedBy: by,
  };
  return { kind: 'record', followUp: { ...followUp, outcome } };
}

/** Who sees a cooperation's follow-ups: its onboarding consultant, its secretariat, admins. */
export function mayReadFollowUps(actor: Actor, cooperation: string): boolean {
  if (actor.role === 'admin') return true;
  return (actor.role === 'onboarding' || actor.role === 'secretariat') && actor.cooperation === cooperation;
}

/** Who records outcomes: the cooperation's onboarding consultant (and admins). */
export function mayRecordOutcome(actor: Actor, cooperation: string): boolean {
  return actor.role === 'admin' || (actor.role === 'onboarding' && actor.cooperation === cooperation);
}

/** The Copenhagen calendar day of an instant, as YYYY-MM-DD. */
export function copenhagenDate(instant: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}
