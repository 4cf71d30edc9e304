import { decideHire, type Hire } from '../domain/hires';
import { markHired } from '../domain/referrals';
import { appendTimeline } from '../domain/timeline';
import type { Acting } from './acting';
import type { OrderIntakeDeps } from './deps';
import { type CommandResult, runOrderCommand } from './order-command';

export type HireRequest = Pick<Hire, 'jobcentre' | 'candidateRef'> & { startDate: string; weeklyHours: number };

/**
 * Records that the company hired a candidate for the order and tells the platform
 * (order.candidate-hired): broadcast withdraws the candidate from every other open round, and the
 * onboarding follow-ups (R10) count from its start date on a large project. `changed: false` is
 * the same hire recorded before (a retried request).
 *
 * The candidate's hires on other orders are read before the decision: two leads hiring one
 * candidate at the same instant could both pass (no transaction spans two orders); broadcast
 * withdraws the candidate from other rounds at the first hire, which makes that rare.
 */
export async function hireCandidate(
  deps: OrderIntakeDeps,
  orderId: string,
  candidate: HireRequest,
  acting: Acting,
): Promise<CommandResult> {
  const elsewhere = (await deps.orders.hiresOf(candidate.jobcentre, candidate.candidateRef)).filter((h) => h.orderId !== orderId);
  return runOrderCommand(deps, orderId, acting.may, (order, now) => {
    const decision = decideHire(order.status, order.details.positions, order.hires, candidate, elsewhere);
    if (decision.kind === 'refused') return { kind: 'refused', reason: decision.reason };
    if (decision.kind === 'already-recorded') return { kind: 'unchanged' };
    const at = now.toISOString();
    const hire: Hire = { ...candidate, hiredAt: at };
    return {
      kind: 'write',
      set: {
        hires: [...order.hires, hire],
        referrals: markHired(order.referrals, candidate.jobcentre, candidate.candidateRef, at, acting.by),
        timeline: appendTimeline(order.id, order.timeline, at, acting.by, [
          {
            kind: 'hire',
            note: `${candidate.jobcentre}/${candidate.candidateRef} from ${candidate.startDate}, ${candidate.weeklyHours} h/week`,
          },
        ]),
      },
      messages: [
        {
          name: 'order.candidate-hired',
          data: {
            orderId,
            jobcentre: hire.jobcentre,
            candidateRef: hire.candidateRef,
            hiredAt: at,
            startDate: candidate.startDate,
            weeklyHours: candidate.weeklyHours,
            followUp: order.largeProject,
            cooperation: order.cooperation,
          },
        },
      ],
    };
  });
}
