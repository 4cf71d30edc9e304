import { type ClosedState, decideTransition } from '../domain/lifecycle';
import { lifecycleView } from '../domain/order';
import type { Acting } from './acting';
import type { OrderIntakeDeps } from './deps';
import { type CommandResult, runOrderCommand } from './order-command';
import { moveWrite } from './transition';

export interface CloseRequest {
  to: ClosedState;
  reason?: string | undefined;
  /** An admin closes as unfilled before R7 holds, with a written reason. */
  override?: boolean | undefined;
}

/** The lead closes the order (filled, partly filled, cancelled, or unfilled after R7); broadcast withdraws open rounds. */
export function closeOrder(deps: OrderIntakeDeps, orderId: string, request: CloseRequest, acting: Acting): Promise<CommandResult> {
  return runOrderCommand(deps, orderId, acting.may, (order, now) => {
    const decision = decideTransition(lifecycleView(order), request, { kind: 'person', admin: acting.admin });
    if (decision.kind === 'refused') {
      if (decision.code === 'reason-required') {
        return { kind: 'refused', status: 400, code: 'invalid-request', reason: decision.reason, field: 'body.reason' };
      }
      return {
        kind: 'refused',
        status: decision.code === 'override-not-allowed' ? 403 : 409,
        code: decision.code,
        reason: decision.reason,
      };
    }
    // Closing twice is refused, not replayed: the second close may have meant another outcome.
    if (decision.kind === 'stay') {
      return { kind: 'refused', code: 'illegal-transition', reason: `the order is already ${order.status} / ordren er allerede lukket` };
    }
    const { set, messages } = moveWrite(
      order,
      { to: decision.to, reason: request.reason, override: decision.override },
      now.toISOString(),
      acting.by,
    );
    return { kind: 'write', set, messages };
  });
}
