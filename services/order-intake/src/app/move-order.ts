import { decideTransition, type OpenState } from '../domain/lifecycle';
import { lifecycleView } from '../domain/order';
import type { Acting } from './acting';
import type { OrderIntakeDeps } from './deps';
import { type CommandResult, runOrderCommand } from './order-command';
import { moveWrite } from './transition';

/**
 * The lead moves an open order on by hand: in dialogue with the company (the 1-day goal), or
 * searching (again). Candidates presented comes from the referral log; closing from closeOrder.
 * Moving to where the order is already changes nothing (a retried request).
 */
export function moveOrder(
  deps: OrderIntakeDeps,
  orderId: string,
  request: { to: Extract<OpenState, 'in-dialogue' | 'searching'>; reason?: string | undefined },
  acting: Acting,
): Promise<CommandResult> {
  return runOrderCommand(deps, orderId, acting.may, (order, now) => {
    const decision = decideTransition(lifecycleView(order), request, { kind: 'person', admin: acting.admin });
    if (decision.kind === 'refused') return { kind: 'refused', code: decision.code, reason: decision.reason };
    if (decision.kind === 'stay') return { kind: 'unchanged' };
    const { set, messages } = moveWrite(order, { to: decision.to, reason: request.reason }, now.toISOString(), acting.by);
    return { kind: 'write', set, messages };
  });
}
