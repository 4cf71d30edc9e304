import type { Fact, OrderState } from './facts';
import { channelOf, utc } from './facts';

/**
 * The rebuild reads the services' own records (order-intake's orders and service-goal clocks,
 * broadcast's rounds) and states them as the same facts their events record. Only the fields
 * the figures need are read; the adapter validates them.
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
