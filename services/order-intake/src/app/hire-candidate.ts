import { decideHire, HIRE_IN_PROGRESS, type Hire, type HireElsewhere, hireSlotOf, slotHolder } from '../domain/hires';
import { markHired } from '../domain/referrals';
import { appendTimeline } from '../domain/timeline';
import type { Acting } from './acting';
import type { OrderIntakeDeps } from './deps';
import { recordableRef } from './erased-refs';
import { type CommandResult, runOrderCommand } from './order-command';

export type HireRequest = Pick<Hire, 'jobcentre' | 'candidateRef'> & { startDate: string; weeklyHours: number };

/**
 * Records that the company hired a candidate for the order and tells the platform
 * (order.candidate-hired): broadcast withdraws the candidate from every other open round, and the
 * onboarding follow-ups (R10) count from its start date on a large project. `changed: false` is
 * the same hire recorded before (a retried request).
 *
 * The candidate's hires on other orders are read before the decision, and no transaction spans
 * two orders: two leads hiring one candidate at the same instant would both pass. So the hire
 * first claims the candidate's next hire slot by a unique insert (claimSlot): of two parallel
 * hires exactly one gets it, the other is refused with 409 `hire-in-progress` and, tried again,
 * is decided against the hire that won. A hire that is then refused gives its slot back.
 */
export async function hireCandidate(deps: OrderIntakeDeps, orderId: string, request: HireRequest, acting: Acting): Promise<CommandResult> {
  // A hire retried after the candidate's erasure is decided against the hire kept under the marker.
  const candidate = { ...request, candidateRef: await recordableRef(deps.erased, request.jobcentre, request.candidateRef) };
  const elsewhere = (await deps.orders.hiresOf(candidate.jobcentre, candidate.candidateRef)).filter((h) => h.orderId !== orderId);
  const claim = await claimSlot(deps, orderId, candidate, elsewhere);
  if (claim.kind === 'race') {
    return { ok: false, status: 409, code: 'hire-in-progress', reason: HIRE_IN_PROGRESS(candidate.candidateRef) };
  }
  const result = await record(deps, orderId, candidate, acting, elsewhere);
  if (claim.kind === 'fresh' && !(result.ok && result.changed)) await deps.orders.releaseHireSlot(claim.slot, claim.holder);
  return result;
}

type Claim =
  | { kind: 'fresh'; slot: string; holder: { orderId: string; claimedAt: string } }
  /** This order held the slot already: a retried hire. */
  | { kind: 'ours' }
  | { kind: 'race' };

/**
 * Claims slot n = hires elsewhere + 1. A slot held by an order whose hire is recorded (slots freed
 * out of order by an erasure) sends the claim to the next; a left-over claim is released and tried
 * once more; a claim still being recorded by another order is a race this hire lost.
 */
async function claimSlot(deps: OrderIntakeDeps, orderId: string, candidate: HireRequest, elsewhere: HireElsewhere[]): Promise<Claim> {
  const now = deps.now();
  const claimedAt = now.toISOString();
  let retriedStale = false;
  for (let n = elsewhere.length + 1; n <= elsewhere.length * 2 + 1; ) {
    const slot = hireSlotOf(candidate.jobcentre, candidate.candidateRef, n);
    const claim = await deps.orders.claimHireSlot(slot, orderId, claimedAt);
    if (claim.claimed) return { kind: 'fresh', slot, holder: { orderId, claimedAt } };
    if (claim.holder.orderId === orderId) return { kind: 'ours' };
    const held = slotHolder(claim.holder, elsewhere, now);
    if (held === 'settled') n += 1;
    else if (held === 'stale' && !retriedStale) {
      retriedStale = true;
      await deps.orders.releaseHireSlot(slot, claim.holder);
    } else return { kind: 'race' };
  }
  // Every slot up to twice the hires elsewhere is held by a recorded hire: the store is inconsistent; refuse rather than double-hire.
  return { kind: 'race' };
}

function record(
  deps: OrderIntakeDeps,
  orderId: string,
  candidate: HireRequest,
  acting: Acting,
  elsewhere: HireElsewhere[],
): Promise<CommandResult> {
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
