import type { Fact, OrderState, RoundScope } from './facts';
import { channelOf, utc } from './facts';

/**
 * The rebuild reads the services' own records (order-intake's orders, service-goal clocks,
 * follow-ups and agreements, broadcast's rounds, upskilling-seat's courses and needs) and states
 * them as the same facts their events record. Only the fields the figures need are read; the
 * adapter validates them.
 */
export interface SourceOrder {
  id: string;
  leadJobcentre: number;
  cooperation: string | null;
  channel?: string | undefined;
  registeredAt: string;
  status: string;
  closedAt?: string | undefined;
  positions: number;
  company?: string | undefined;
  hires: Array<{ jobcentre: number; candidateRef: string; hiredAt: string }>;
}

export interface SourceGoals {
  orderId: string;
  warnedGoals: string[];
  breachedGoals: string[];
}

export interface SourceRound {
  id: string;
  orderId: string;
  leadJobcentre: number;
  scope?: RoundScope | undefined;
  openedAt: string;
  recipients: Array<{
    jobcentre: number;
    status: string;
    repliedAt?: string | undefined;
    late?: boolean | undefined;
    /** broadcast's "silence means none" answer (R6): replied, but by nobody. */
    implied?: boolean | undefined;
  }>;
}

/** An order's stored status as the figures count it (order.ts's outcomes and the lifecycle's states). */
export function stateOfStatus(status: string): OrderState {
  switch (status) {
    case 'filled':
      return 'filled';
    case 'partly-filled':
      return 'partly-filled';
    case 'unfilled':
    case 'closed-unfilled':
      return 'unfilled';
    case 'cancelled':
      return 'cancelled';
    default:
      return 'open';
  }
}

export function factsOfOrder(order: SourceOrder): Fact[] {
  const channel = channelOf(order.channel);
  const facts: Fact[] = [
    {
      kind: 'order',
      orderId: order.id,
      cooperation: order.cooperation,
      leadJobcentre: order.leadJobcentre,
      channel,
      positions: order.positions,
      ...(order.company !== undefined ? { company: order.company } : {}),
      at: utc(order.registeredAt),
    },
  ];
  const state = stateOfStatus(order.status);
  if (state !== 'open')
    facts.push({ kind: 'state', orderId: order.id, entry: 'closed', state, at: utc(order.closedAt ?? order.registeredAt) });
  for (const h of order.hires)
    facts.push({ kind: 'hire', orderId: order.id, jobcentre: h.jobcentre, candidateRef: h.candidateRef, at: utc(h.hiredAt) });
  return facts;
}

const GOALS = ['dialogue', 'candidates'] as const;

export function factsOfGoals(goals: SourceGoals, registeredAt: string): Fact[] {
  const facts: Fact[] = [];
  for (const goal of GOALS) {
    // When an alert fell is not kept on the clock; the figures count alerts, not their instants.
    if (goals.warnedGoals.includes(goal))
      facts.push({ kind: 'goal', orderId: goals.orderId, goal, alert: 'warning', at: utc(registeredAt) });
    if (goals.breachedGoals.includes(goal))
      facts.push({ kind: 'goal', orderId: goals.orderId, goal, alert: 'breach', at: utc(registeredAt) });
  }
  return facts;
}

export function factsOfRound(round: SourceRound): Fact[] {
  const facts: Fact[] = [
    {
      kind: 'round',
      orderId: round.orderId,
      roundId: round.id,
      leadJobcentre: round.leadJobcentre,
      ...(round.scope !== undefined ? { scope: round.scope } : {}),
      recipients: round.recipients.map((r) => r.jobcentre).sort((a, b) => a - b),
      at: utc(round.openedAt),
    },
  ];
  for (const r of round.recipients) {
    if (r.status === 'replied' && r.repliedAt && r.implied === true)
      facts.push({ kind: 'silence', orderId: round.orderId, roundId: round.id, recipient: r.jobcentre, at: utc(r.repliedAt) });
    else if (r.status === 'replied' && r.repliedAt)
      facts.push({
        kind: 'reply',
        orderId: round.orderId,
        roundId: round.id,
        recipient: r.jobcentre,
        late: r.late === true,
        at: utc(r.repliedAt),
      });
    else if (r.status === 'overdue') facts.push({ kind: 'overdue', orderId: round.orderId, roundId: round.id, recipient: r.jobcentre });
  }
  return facts;
}

/** upskilling-seat's course as stored (its version is the change log's). */
export interface SourceCourse {
  id: string;
  version: number;
  leadJobcentre: number;
  cooperation: string | null;
  status: string;
  openedAt: string;
  summary: {
    seats: number;
    pricePerSeatDkk: number;
    positiveList: unknown;
    orderId: string | null;
    company: { name: string };
  };
  requests: Array<{
    jobcentre: number;
    allocated: number | null;
    candidates: Array<{
      candidateRef: string;
      outcome?: { status: 'started' | 'completed' | 'dropped-out'; hiredOn: string | null } | undefined;
    }>;
  }>;
}

/**
 * A course's facts as its events leave them: the opening; once allocated, each requester's seats
 * and each participant's outcome at the course's current version (the highest one counts, so the
 * events' earlier versions and this one give the same figures).
 */
export function factsOfCourse(course: SourceCourse): Fact[] {
  const base = { courseId: course.id, cooperation: course.cooperation, version: course.version };
  const facts: Fact[] = [
    {
      kind: 'course',
      courseId: course.id,
      cooperation: course.cooperation,
      leadJobcentre: course.leadJobcentre,
      seats: course.summary.seats,
      pricePerSeatDkk: course.summary.pricePerSeatDkk,
      positiveList: course.summary.positiveList !== null && course.summary.positiveList !== undefined,
      orderId: course.summary.orderId,
      company: course.summary.company.name,
      at: utc(course.openedAt),
    },
  ];
  if (course.status !== 'allocated') return facts;
  for (const r of course.requests) {
    facts.push({ kind: 'seats', ...base, jobcentre: r.jobcentre, allocated: r.allocated ?? 0 });
    for (const k of r.candidates)
      if (k.outcome)
        facts.push({
          kind: 'participant',
          ...base,
          jobcentre: r.jobcentre,
          candidateRef: k.candidateRef,
          status: k.outcome.status,
          hiredOn: k.outcome.hiredOn,
        });
  }
  return facts;
}

export interface SourceNeed {
  id: string;
  cooperation: string | null;
  jobcentre: number | null;
  count: number;
  expectedBy: string;
  courseWouldHelp: boolean;
}

export const factsOfNeed = (n: SourceNeed): Fact[] => [
  {
    kind: 'need',
    needId: n.id,
    cooperation: n.cooperation,
    jobcentre: n.jobcentre,
    count: n.count,
    expectedBy: n.expectedBy,
    courseWouldHelp: n.courseWouldHelp,
  },
];

export interface SourceFollowUp {
  id: string;
  orderId: string;
  cooperation: string;
  jobcentre: number;
  /** The hired candidate (or its erased marker): read only to keep an erased ref out of a rebuild (app/erased-refs.ts). */
  candidateRef?: string | undefined;
  dueOn: string;
  outcome: { status: 'still-employed' | 'left' } | null;
}

export function factsOfFollowUp(f: SourceFollowUp): Fact[] {
  const planned = { followUpId: f.id, orderId: f.orderId, cooperation: f.cooperation, jobcentre: f.jobcentre, dueOn: f.dueOn };
  return [
    { kind: 'follow-up', ...planned },
    ...(f.outcome ? [{ kind: 'follow-up-outcome' as const, ...planned, status: f.outcome.status }] : []),
  ];
}

export interface SourceAgreement {
  id: string;
  agreement: 'recruitment' | 'a-kasse';
  cooperation: string | null;
  leadJobcentre: number | null;
  period: { from: string; to?: string | undefined };
  expectedHires: number;
}

export const factsOfAgreement = (a: SourceAgreement): Fact[] => [
  {
    kind: 'agreement',
    agreementId: a.id,
    agreement: a.agreement,
    cooperation: a.cooperation,
    leadJobcentre: a.leadJobcentre,
    from: a.period.from,
    to: a.period.to ?? null,
    expectedHires: a.expectedHires,
  },
];
