import type { OrderSummary, ScopeId } from '@rs/contracts';
import type { z } from 'zod';

export type OrderStatus = 'registered' | OrderOutcome;

/** A company's job order (R1, R2), with what order-intake learns of its rounds and hires. */
export interface Order {
  id: string;
  leadJobcentre: number;
  /** The lead's cooperation when the order was registered. */
  cooperation: string | null;
  channel: 'jobcentre' | 'phone-line';
  registeredBy: string;
  registeredAt: string;
  status: OrderStatus;
  /** `id`: the registered company the order is for (its lead and data came from it). */
  company: { id?: string; name: string; cvr?: string | undefined; municipality: number };
  order: z.infer<typeof OrderSummary>;
  broadcastRequested: { scope: ScopeId } | null;
  /** From the company's recruitment agreement: a recipient's silence at a round's deadline counts as "none" (R6). */
  silenceMeansNone?: boolean;
  rounds: RoundProgress[];
  hires: Hire[];
  closedAt?: string;
  /** For an order registered under an Idempotency-Key: its request's hash, to tell a retry from a reuse. */
  requestHash?: string;
}

/** What commands and events change on a stored order. */
export type OrderChanges = Partial<Pick<Order, 'status' | 'closedAt' | 'rounds' | 'hires'>>;

/** How far the broadcast of an order has come, as order-intake learns it from broadcast's events. */
export interface RoundProgress {
  roundId: string;
  scope?: ScopeId;
  recipients: number[];
  replied: number[];
  overdue: number[];
  status: 'open' | 'complete';
  candidateCount: number;
  /** R7: the wider scope broadcast proposes when this round brought no candidates. */
  proposedNextScope?: ScopeId | null;
}

export type RoundEventView =
  | { type: 'opened'; roundId: string; scope: ScopeId; recipients: number[] }
  | { type: 'reply-recorded'; roundId: string; recipient: number; candidateCount: number }
  | { type: 'recipient-overdue'; roundId: string; recipient: number }
  | { type: 'completed'; roundId: string; replied: number[]; overdue: number[]; candidateCount: number; proposedNextScope: ScopeId | null };

const union = (a: number[], b: number[]) => [...new Set([...a, ...b])].sort((x, y) => x - y);
const minus = (a: number[], b: number[]) => a.filter((x) => !b.includes(x));

/**
 * Folds one broadcast event into the order's view of its rounds. Events of one write are
 * published concurrently and may arrive in any order, so every step is a set operation that
 * gives the same result whatever the order, and applying one twice changes nothing.
 */
export function applyRoundEvent(rounds: RoundProgress[], event: RoundEventView): RoundProgress[] {
  const existing = rounds.find((r) => r.roundId === event.roundId) ?? {
    roundId: event.roundId,
    recipients: [],
    replied: [],
    overdue: [],
    status: 'open' as const,
    candidateCount: 0,
  };
  let next: RoundProgress;
  switch (event.type) {
    case 'opened':
      next = { ...existing, scope: event.scope, recipients: union(existing.recipients, event.recipients) };
      break;
    case 'reply-recorded': {
      const replied = union(existing.replied, [event.recipient]);
      const isNew = !existing.replied.includes(event.recipient);
      next = {
        ...existing,
        replied,
        overdue: minus(existing.overdue, replied),
        candidateCount: existing.candidateCount + (isNew ? event.candidateCount : 0),
      };
      break;
    }
    case 'recipient-overdue':
      next = existing.replied.includes(event.recipient) ? existing : { ...existing, overdue: union(existing.overdue, [event.recipient]) };
      break;
    case 'completed': {
      const replied = union(existing.replied, event.replied);
      next = {
        ...existing,
        status: 'complete',
        replied,
        overdue: minus(union(existing.overdue, event.overdue), replied),
        candidateCount: Math.max(existing.candidateCount, event.candidateCount),
        proposedNextScope: event.proposedNextScope,
      };
      break;
    }
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled ${JSON.stringify(unhandled)}`);
    }
  }
  return [...rounds.filter((r) => r.roundId !== event.roundId), next];
}

/** R7: may the order be closed as unfilled? Only when a completed round has heard from every recipient. */
export function everyJobcentreSearched(rounds: RoundProgress[]): boolean {
  return rounds.some((r) => r.status === 'complete' && r.recipients.length > 0 && r.recipients.every((j) => r.replied.includes(j)));
}

export type OrderOutcome = 'filled' | 'cancelled' | 'unfilled';

/**
 * Whether the lead may close the order with this outcome now. R7: never as unfilled before
 * every jobcentre of a completed round has replied.
 */
export function closingRefusal(status: string, outcome: OrderOutcome, rounds: RoundProgress[]): string | undefined {
  if (status !== 'registered') return `the order is already ${status}`;
  if (outcome === 'unfilled' && !everyJobcentreSearched(rounds)) {
    return 'an order may be closed as unfilled only when every jobcentre of a completed round has replied (R7)';
  }
  return undefined;
}

/** A placement: the company hired a candidate (R10). */
export interface Hire {
  jobcentre: number;
  candidateRef: string;
  hiredAt: string;
}

export type HireDecision = { kind: 'record' } | { kind: 'already-recorded' } | { kind: 'refused'; reason: string };

/**
 * Whether a hire can be recorded: only on an order still open, never beyond its positions. The
 * same candidate twice is the same hire (a retried request), not a second one.
 */
export function decideHire(
  status: string,
  positions: number,
  hires: readonly Hire[],
  hire: Pick<Hire, 'jobcentre' | 'candidateRef'>,
): HireDecision {
  if (hires.some((h) => h.jobcentre === hire.jobcentre && h.candidateRef === hire.candidateRef)) return { kind: 'already-recorded' };
  if (status !== 'registered') return { kind: 'refused', reason: `the order is already ${status} / ordren er allerede lukket (${status})` };
  if (hires.length >= positions) {
    return { kind: 'refused', reason: `all ${positions} positions are filled / alle ${positions} stillinger er besat` };
  }
  return { kind: 'record' };
}
