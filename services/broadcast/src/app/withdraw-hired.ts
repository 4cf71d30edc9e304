import type { CandidateHired } from '@rs/contracts';
import { applyToRound } from './apply-to-round';
import type { BroadcastDeps } from './deps';

/**
 * order.candidate-hired: the candidate leaves every other order's round that still counts on
 * them, and each of those rounds' lead jobcentre is told. Redelivery finds nothing left to do.
 */
export async function withdrawHiredCandidate(deps: BroadcastDeps, hire: CandidateHired, messageId: string): Promise<number> {
  let withdrawn = 0;
  for (const id of await deps.rounds.idsHoldingCandidate(hire.candidateRef)) {
    const result = await applyToRound(
      deps,
      id,
      (now) => ({ type: 'WithdrawCandidate', jobcentre: hire.jobcentre, candidateRef: hire.candidateRef, hiredFor: hire.orderId, now }),
      messageId,
    );
    if (result.outcome === 'applied') withdrawn++;
  }
  return withdrawn;
}
