import { decideHire, type Hire } from '../domain/order';
import type { OrderIntakeDeps } from './deps';
import { type CommandResult, runOrderCommand } from './order-command';

/**
 * Records that the company hired a candidate for the order and tells the platform
 * (order.candidate-hired): broadcast withdraws the candidate from every other open round.
 * `changed: false` is the same hire recorded before (a retried request).
 */
export function hireCandidate(
  deps: OrderIntakeDeps,
  orderId: string,
  candidate: Pick<Hire, 'jobcentre' | 'candidateRef'>,
  mayHire: (lead: number) => boolean,
): Promise<CommandResult> {
  return runOrderCommand(deps, orderId, mayHire, (order, now) => {
    const hires = order.hires;
    const decision = decideHire(order.status, order.order.positions, hires, candidate);
    if (decision.kind !== 'record') return decision.kind === 'refused' ? decision : { kind: 'unchanged' };
    const hire: Hire = { ...candidate, hiredAt: now.toISOString() };
    return { kind: 'write', set: { hires: [...hires, hire] }, event: { name: 'order.candidate-hired', data: { orderId, ...hire } } };
  });
}
