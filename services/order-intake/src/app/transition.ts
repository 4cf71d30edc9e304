import type { OrderState } from '@rs/contracts';
import { type ClosedState, isOpen, LAW_STATUS } from '../domain/lifecycle';
import type { Order, OrderChanges } from '../domain/order';
import { appendTimeline, type TimelineEntry, type TimelineLine } from '../domain/timeline';
import type { OutgoingMessage } from './order-command';

/** What order.closed calls each closing state (its outcome predates the lifecycle: partly filled is filled there). */
const CLOSE_OUTCOME: Record<ClosedState, 'filled' | 'cancelled' | 'unfilled'> = {
  filled: 'filled',
  'partly-filled': 'filled',
  'closed-unfilled': 'unfilled',
  cancelled: 'cancelled',
};

export interface Move {
  to: OrderState;
  reason?: string | undefined;
  override?: boolean;
}

/**
 * The write of one lifecycle move: the new state, its timeline line, one order.status-changed
 * (its entryId is the line's id) and, when the order closes, order.closed (broadcast withdraws
 * its open rounds). `before` are lines written in the same change ahead of the move.
 */
export function moveWrite(
  order: Order,
  move: Move,
  at: string,
  by: string,
  before: readonly TimelineLine[] = [],
): { set: OrderChanges; messages: OutgoingMessage[]; timeline: TimelineEntry[] } {
  const from = order.status;
  const line: TimelineLine = {
    kind: 'status-changed',
    from,
    to: move.to,
    ...(move.reason ? { reason: move.reason } : {}),
    ...(move.override ? { override: true } : {}),
  };
  const timeline = appendTimeline(order.id, order.timeline, at, by, [...before, line]);
  const entry = timeline[timeline.length - 1]!;
  const messages: OutgoingMessage[] = [
    {
      name: 'order.status-changed',
      data: {
        orderId: order.id,
        entryId: entry.id,
        cooperation: order.cooperation,
        leadJobcentre: order.leadJobcentre,
        from,
        to: move.to,
        lawStatus: LAW_STATUS[move.to],
        at,
        by,
        ...(move.reason ? { reason: move.reason } : {}),
      },
    },
  ];
  const set: OrderChanges = { status: move.to, timeline };
  if (!isOpen(move.to)) {
    set.closedAt = at;
    messages.push({
      name: 'order.closed',
      data: { orderId: order.id, leadJobcentre: order.leadJobcentre, outcome: CLOSE_OUTCOME[move.to as ClosedState], closedAt: at },
    });
  }
  return { set, messages, timeline };
}
