import { systemMove } from '../domain/lifecycle';
import { lifecycleView } from '../domain/order';
import { decideOutcome, decidePresent, type ReferralOutcome } from '../domain/referrals';
import { appendTimeline, type TimelineLine } from '../domain/timeline';
import type { Acting } from './acting';
import type { OrderIntakeDeps } from './deps';
import { recordableRef } from './erased-refs';
import { type CommandResult, type OrderDecision, runOrderCommand } from './order-command';
import { moveWrite } from './transition';

/**
 * The lead presents a candidate to the company (referral log). The first one moves the order to
 * candidates presented, which stops the 3-working-day clock (R4).
 */
export async function presentCandidate(
  deps: OrderIntakeDeps,
  orderId: string,
  request: { jobcentre: number; candidateRef: string; screening: string[] },
  acting: Acting,
): Promise<CommandResult> {
  // Presented again after the candidate's erasure: the referral log keeps the marker, never the ref.
  const candidate = { ...request, candidateRef: await recordableRef(deps.erased, request.jobcentre, request.candidateRef) };
  return runOrderCommand(deps, orderId, acting.may, (order, now): OrderDecision => {
    const at = now.toISOString();
    const decision = decidePresent(order, candidate, at, acting.by, deps.cooperations());
    if (decision.kind === 'refused') return { kind: 'refused', status: decision.status, reason: decision.reason, field: decision.field };
    if (decision.kind === 'stay') return { kind: 'unchanged' };
    const line: TimelineLine = {
      kind: 'referral-presented',
      note: `${candidate.jobcentre}/${candidate.candidateRef}; screened: ${candidate.screening.join(', ') || 'none'}`,
    };
    const to = systemMove(lifecycleView(order), 'candidate-presented');
    if (!to) {
      return {
        kind: 'write',
        set: { referrals: decision.referrals, timeline: appendTimeline(order.id, order.timeline, at, acting.by, [line]) },
        messages: [],
      };
    }
    const moved = moveWrite(order, { to }, at, acting.by, [line]);
    return { kind: 'write', set: { ...moved.set, referrals: decision.referrals }, messages: moved.messages };
  });
}

/** The company's answer on a presented candidate: interview, or rejected with a reason. */
export function recordReferralOutcome(
  deps: OrderIntakeDeps,
  orderId: string,
  referralId: string,
  outcome: { kind: Exclude<ReferralOutcome, 'hired'>; reason?: string | undefined },
  acting: Acting,
): Promise<CommandResult> {
  return runOrderCommand(deps, orderId, acting.may, (order, now): OrderDecision => {
    const at = now.toISOString();
    const decision = decideOutcome(order, referralId, outcome, at, acting.by);
    if (decision.kind === 'refused') return { kind: 'refused', status: decision.status, reason: decision.reason, field: decision.field };
    if (decision.kind === 'stay') return { kind: 'unchanged' };
    const line: TimelineLine = {
      kind: `referral-${outcome.kind}`,
      note: referralId,
      ...(outcome.reason ? { reason: outcome.reason } : {}),
    };
    return {
      kind: 'write',
      set: { referrals: decision.referrals, timeline: appendTimeline(order.id, order.timeline, at, acting.by, [line]) },
      messages: [],
    };
  });
}
