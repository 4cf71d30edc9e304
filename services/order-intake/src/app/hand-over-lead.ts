import { cooperationsAt } from '@rs/contracts';
import { decideHandover } from '../domain/handover';
import { appendTimeline } from '../domain/timeline';
import type { Acting } from './acting';
import { openRoundRecipients } from './amend-order';
import type { OrderIntakeDeps } from './deps';
import { type CommandResult, runOrderCommand } from './order-command';

/**
 * The lead hands the order over to another jobcentre (with the reason): the new lead runs it from
 * now on, the timeline says who and why, and every recipient of an open round is told on its
 * queue (round.lead-changed); order.lead-changed tells the services (broadcast) on rs.events.
 */
export function handOverLead(
  deps: OrderIntakeDeps,
  orderId: string,
  request: { to: number; reason: string },
  acting: Acting,
): Promise<CommandResult> {
  return runOrderCommand(deps, orderId, acting.may, (order, now) => {
    const decision = decideHandover(order, request.to, cooperationsAt(deps.cooperations(), now));
    if (decision.kind === 'refused') return { kind: 'refused', status: decision.status, reason: decision.reason, field: 'body.to' };
    const at = now.toISOString();
    const from = order.leadJobcentre;
    return {
      kind: 'write',
      set: {
        leadJobcentre: request.to,
        timeline: appendTimeline(order.id, order.timeline, at, acting.by, [
          { kind: 'lead-handover', note: `${from} → ${request.to}`, reason: request.reason },
        ]),
      },
      messages: [
        // For the services acting for the lead (broadcast sends replies to it): beside the notices.
        { name: 'order.lead-changed', data: { orderId, from, to: request.to, reason: request.reason, changedAt: at } },
        ...openRoundRecipients(order).map(({ roundId, recipient }) => ({
          name: 'round.lead-changed' as const,
          to: recipient,
          data: { roundId, orderId, recipient, from, to: request.to, reason: request.reason, changedAt: at },
        })),
      ],
    };
  });
}
