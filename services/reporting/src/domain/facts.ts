/**
 * The read model is a set of facts, each under a unique key derived from what it records (not
 * from the message that brought it): a redelivered event, a replayed one and the rebuild all
 * produce the same key, so a fact is counted once whichever way it arrived. Figures are computed
 * from the facts when asked (figures.ts), never kept as counters: FerretDB's guarded updates are
 * not atomic, a unique-key insert is.
 *
 * Extension point: upskilling courses and seats (issue 18) add their kinds here (`seat`,
 * `course-outcome`, …), a mapping in from-events.ts and from-sources.ts, and their figures.
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

export interface RoundFact {
  kind: 'round';
  orderId: string;
  roundId: string;
  leadJobcentre: number;
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

export type Fact = OrderFact | StateFact | GoalFact | RoundFact | ReplyFact | SilenceFact | OverdueFact | HireFact;

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
    default: {
      const never: never = fact;
      throw new Error(`unknown fact ${JSON.stringify(never)}`);
    }
  }
}

/** Instants are kept as UTC ISO strings, so periods compare them as text. */
export const utc = (instant: string): string => new Date(instant).toISOString();
