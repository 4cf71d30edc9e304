import type { OrderState, OrderSummary, ScopeId } from '@rs/contracts';
import type { z } from 'zod';
import type { OrderDetails } from './details';
import type { Hire } from './hires';
import type { LifecycleView } from './lifecycle';
import type { Referral } from './referrals';
import type { TimelineEntry } from './timeline';

export type OrderStatus = OrderState;

/** Where the order came from (issue 15): the shared phone line, a jobcentre, an a-kasse, or a company's system through the API. */
export const CHANNELS = ['phone-line', 'jobcentre', 'a-kasse', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A company's job order (R1, R2), with its lifecycle, referral log, rounds and hires. */
export interface Order {
  id: string;
  leadJobcentre: number;
  /** The lead's cooperation when the order was registered. */
  cooperation: string | null;
  channel: Channel;
  registeredBy: string;
  registeredAt: string;
  status: OrderStatus;
  /** `id`: the registered company the order is for (its lead and data came from it). */
  company: { id?: string; name: string; cvr?: string | undefined; municipality: number };
  /** What recipients and matching are sent (order.registered, amendments). */
  order: z.infer<typeof OrderSummary>;
  /** Everything the company gave (issue 15, part 2); orders stored before it have it derived from `order`. */
  details: OrderDetails;
  /** The recruitment agreement the order falls under, if any. */
  agreementId?: string | undefined;
  /** A large project: the cooperation's onboarding consultant follows up every hire (R10). */
  largeProject: boolean;
  broadcastRequested: { scope: ScopeId } | null;
  /** From the company's recruitment agreement: a recipient's silence at a round's deadline counts as "none" (R6). */
  silenceMeansNone?: boolean;
  rounds: RoundProgress[];
  /** Every jobcentre that received a round of the order: they may open it (flat, so a list can filter on it). */
  recipientJobcentres: number[];
  hires: Hire[];
  referrals: Referral[];
  /** Who did what when, oldest first; entry ids are `<orderId>-<n>`. */
  timeline: TimelineEntry[];
  /** How often the requirements were amended (each amendment is numbered, so it is told once). */
  amendments: number;
  closedAt?: string;
  /** For an order registered under an Idempotency-Key: its request's hash, to tell a retry from a reuse. */
  requestHash?: string;
}

/** What commands and events change on a stored order. */
export type OrderChanges = Partial<
  Pick<
    Order,
    | 'status'
    | 'closedAt'
    | 'rounds'
    | 'hires'
    | 'referrals'
    | 'timeline'
    | 'leadJobcentre'
    | 'details'
    | 'order'
    | 'amendments'
    | 'largeProject'
  >
>;

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

export type { Hire } from './hires';

/** What the lifecycle's rules read of an order (lifecycle.ts). */
export function lifecycleView(order: Pick<Order, 'status' | 'details' | 'hires' | 'rounds'>): LifecycleView {
  return {
    state: order.status,
    positions: order.details.positions,
    hires: order.hires.length,
    everyJobcentreSearched: everyJobcentreSearched(order.rounds),
  };
}
