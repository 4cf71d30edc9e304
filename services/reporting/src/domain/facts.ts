/**
 * The read model is a set of facts, each under a unique key derived from what it records (not
 * from the message that brought it): a redelivered event, a replayed one and the rebuild all
 * produce the same key, so a fact is counted once whichever way it arrived. Figures are computed
 * from the facts when asked (figures.ts), never kept as counters: FerretDB's guarded updates are
 * not atomic, a unique-key insert is.
 *
 * A new kind: its interface and key here, a mapping in from-events.ts and from-sources.ts, and
 * its figures. Facts that change (a course's seats, a participant's outcome) are kept as one fact
 * per version of their course; the highest version is the current one (latest.ts).
 */
export const ORDER_CHANNELS = ['jobcentre', 'phone-line', 'a-kasse', 'api'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number] | 'unknown';
/** A stored or sent channel as the figures count it: one they do not know is `unknown`. */
export const channelOf = (c: string | undefined): OrderChannel =>
  (ORDER_CHANNELS as readonly string[]).includes(c ?? '') ? (c as OrderChannel) : 'unknown';

/** Where an order ended up; `open` until it is closed. */
export type OrderState = 'open' | 'filled' | 'partly-filled' | 'unfilled' | 'cancelled';

export interface OrderFact {
  kind: 'order';
  orderId: string;
  cooperation: string | null;
  leadJobcentre: number;
  channel: OrderChannel;
  positions: number;
  /** The company's name (a course's hire is linked to the company's orders); absent on older facts. */
  company?: string;
  at: string;
}

/** The order's state from some instant on; the latest one is the order's state now. */
export interface StateFact {
  kind: 'state';
  orderId: string;
  /** Distinguishes two changes of one order (the lifecycle entry, or `closed` for order.closed). */
  entry: string;
  state: OrderState;
  at: string;
}

export interface GoalFact {
  kind: 'goal';
  orderId: string;
  goal: 'dialogue' | 'candidates';
  alert: 'warning' | 'breach';
  at: string;
}

export type RoundScope = 'cooperation' | 'east-denmark' | 'national';

export interface RoundFact {
  kind: 'round';
  orderId: string;
  roundId: string;
  leadJobcentre: number;
  /** East Denmark and national rounds are escalations (R7); absent on older facts: the cooperation. */
  scope?: RoundScope;
  recipients: number[];
  at: string;
}

export interface ReplyFact {
  kind: 'reply';
  orderId: string;
  roundId: string;
  recipient: number;
  late: boolean;
  at: string;
}

/**
 * A recipient that stayed silent on a round whose company agreed that silence at the deadline
 * means "no qualified candidates" (R6, broadcast's implied reply): an answer nobody sent, so
 * neither a reply in time, nor pending, nor never. A real reply after it counts as the reply.
 */
export interface SilenceFact {
  kind: 'silence';
  orderId: string;
  roundId: string;
  recipient: number;
  at: string;
}

export interface OverdueFact {
  kind: 'overdue';
  orderId: string;
  roundId: string;
  recipient: number;
}

export interface HireFact {
  kind: 'hire';
  orderId: string;
  jobcentre: number;
  candidateRef: string;
  at: string;
}

/** An upskilling course opened: the seats bought and their price (course.opened). */
export interface CourseFact {
  kind: 'course';
  courseId: string;
  /** The lead's cooperation when it opened: the cooperation whose figures count the course. */
  cooperation: string | null;
  leadJobcentre: number;
  seats: number;
  pricePerSeatDkk: number;
  positiveList: boolean;
  /** The order the course serves, and its company: where a participant's hire is looked for. */
  orderId: string | null;
  company: string;
  at: string;
}

/** A jobcentre's seats on a course at one version of the course (course.seats-allocated). */
export interface SeatsFact {
  kind: 'seats';
  courseId: string;
  cooperation: string | null;
  jobcentre: number;
  version: number;
  allocated: number;
}

/** A participant's outcome at one version of the course (course.outcome-recorded). */
export interface ParticipantFact {
  kind: 'participant';
  courseId: string;
  cooperation: string | null;
  jobcentre: number;
  candidateRef: string;
  version: number;
  status: 'started' | 'completed' | 'dropped-out';
  hiredOn: string | null;
}

/** A company's coming need (need.recorded). */
export interface NeedFact {
  kind: 'need';
  needId: string;
  cooperation: string | null;
  jobcentre: number | null;
  count: number;
  /** The month the company expects to hire (YYYY-MM): the period it counts in. */
  expectedBy: string;
  courseWouldHelp: boolean;
}

/** An onboarding follow-up planned for a hire (order.follow-up-planned). */
export interface FollowUpFact {
  kind: 'follow-up';
  followUpId: string;
  orderId: string;
  cooperation: string;
  jobcentre: number;
  /** The day it is due (YYYY-MM-DD): the period it counts in. */
  dueOn: string;
}

/** A follow-up's outcome (order.follow-up-recorded); recorded once. */
export interface FollowUpOutcomeFact {
  kind: 'follow-up-outcome';
  followUpId: string;
  orderId: string;
  cooperation: string;
  jobcentre: number;
  dueOn: string;
  status: 'still-employed' | 'left';
}

/** A recruitment agreement with a company, or an a-kasse agreement of a cooperation. */
export interface AgreementFact {
  kind: 'agreement';
  agreementId: string;
  agreement: 'recruitment' | 'a-kasse';
  cooperation: string | null;
  /** The company's lead jobcentre (recruitment agreements); null for an a-kasse agreement. */
  leadJobcentre: number | null;
  /** In force from this day to `to` (both included; null: until further notice). */
  from: string;
  to: string | null;
  expectedHires: number;
}

export type Fact =
  | OrderFact
  | StateFact
  | GoalFact
  | RoundFact
  | ReplyFact
  | SilenceFact
  | OverdueFact
  | HireFact
  | CourseFact
  | SeatsFact
  | ParticipantFact
  | NeedFact
  | FollowUpFact
  | FollowUpOutcomeFact
  | AgreementFact;

/** The kinds found by their cooperation rather than through an order of it. */
export const COOPERATION_KINDS = ['course', 'seats', 'participant', 'need', 'follow-up', 'follow-up-outcome', 'agreement'] as const;

/** The cooperation a fact is stored under (order facts and the cooperation kinds), else null. */
export function cooperationOfFact(fact: Fact): string | null {
  return 'cooperation' in fact ? fact.cooperation : null;
}

/** The order a fact is about, else null. */
export function orderOfFact(fact: Fact): string | null {
  // A course's order is the need it serves, not what the course is about: it is found by its cooperation.
  return 'orderId' in fact && fact.kind !== 'course' ? fact.orderId : null;
}

/** The unique key of a fact: the same fact from any source has the same key. */
export function factKey(fact: Fact): string {
  switch (fact.kind) {
    case 'order':
      return `order:${fact.orderId}`;
    case 'state':
      return `state:${fact.orderId}:${fact.entry}`;
    case 'goal':
      return `goal:${fact.orderId}:${fact.goal}:${fact.alert}`;
    case 'round':
      return `round:${fact.roundId}`;
    case 'reply':
      return `reply:${fact.roundId}:${fact.recipient}`;
    case 'silence':
      return `silence:${fact.roundId}:${fact.recipient}`;
    case 'overdue':
      return `overdue:${fact.roundId}:${fact.recipient}`;
    case 'hire':
      return `hire:${fact.orderId}:${fact.jobcentre}:${fact.candidateRef}`;
    case 'course':
      return `course:${fact.courseId}`;
    case 'seats':
      return `seats:${fact.courseId}:${fact.jobcentre}:${fact.version}`;
    case 'participant':
      return `participant:${fact.courseId}:${fact.jobcentre}:${fact.candidateRef}:${fact.version}`;
    case 'need':
      return `need:${fact.needId}`;
    case 'follow-up':
      return `follow-up:${fact.followUpId}`;
    case 'follow-up-outcome':
      return `follow-up-outcome:${fact.followUpId}`;
    case 'agreement':
      return `${fact.agreement}:${fact.agreementId}`;
    default: {
      const never: never = fact;
      throw new Error(`unknown fact ${JSON.stringify(never)}`);
    }
  }
}

/** Instants are kept as UTC ISO strings, so periods compare them as text. */
export const utc = (instant: string): string => new Date(instant).toISOString();
