import { closingRefusal, type OrderOutcome } from '../domain/order';
import type { OrderIntakeDeps } from './deps';
import { type CommandResult, runOrderCommand } from './order-command';

/** The lead closes the order (filled, cancelled, or unfilled after R7); broadcast withdraws open rounds. */
export function closeOrder(
  deps: OrderIntakeDeps,
  orderId: string,
  outcome: OrderOutcome,
  mayClose: (lead: number) => boolean,
): Promise<CommandResult> {
  return runOrderCommand(deps, orderId, mayClose, (order, now) => {
    const refusal = closingRefusal(order.status, outcome, order.rounds);
    if (refusal) return { kind: 'refused', reason: refusal };
    const closedAt = now.toISOString();
    return {
      kind: 'write',
      set: { status: outcome, closedAt },
      event: { name: 'order.closed', data: { orderId, leadJobcentre: order.leadJobcentre, outcome, closedAt } },
    };
  });
}
