import { type Bus, consume } from '@rs/bus';
import { SERVICE_QUEUES } from '@rs/contracts';
import { applyBroadcastEvent } from '../../app/apply-round-event';
import type { OrderIntakeDeps } from '../../app/deps';

/** What broadcast tells order-intake about its orders' rounds (so R7 can be enforced here). */
export function consumeRoundEvents(bus: Bus, deps: OrderIntakeDeps) {
  return consume(bus, SERVICE_QUEUES.orderIntakeEvents, {
    'round.opened': (d, ctx) =>
      applyBroadcastEvent(
        deps,
        d.orderId,
        { type: 'opened', roundId: d.roundId, scope: d.scope, recipients: d.recipients },
        ctx.envelope.id,
      ),
    'round.reply-recorded': (d, ctx) =>
      applyBroadcastEvent(
        deps,
        d.orderId,
        { type: 'reply-recorded', roundId: d.roundId, recipient: d.recipient, candidateCount: d.candidateCount },
        ctx.envelope.id,
      ),
    'round.recipient-overdue': (d, ctx) =>
      applyBroadcastEvent(deps, d.orderId, { type: 'recipient-overdue', roundId: d.roundId, recipient: d.recipient }, ctx.envelope.id),
    'round.completed': (d, ctx) =>
      applyBroadcastEvent(
        deps,
        d.orderId,
        {
          type: 'completed',
          roundId: d.roundId,
          replied: d.replied,
          overdue: d.overdue,
          candidateCount: d.candidateCount,
          proposedNextScope: d.proposedNextScope,
        },
        ctx.envelope.id,
      ),
  });
}
