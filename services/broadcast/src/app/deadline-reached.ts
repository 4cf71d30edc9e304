import { applyToRound } from './apply-to-round';
import type { BroadcastDeps } from './deps';
import { escalateIfPolicy } from './escalate';

export class DeadlineNotYetReached extends Error {}

/**
 * A deadline timer fired. The timer carries no decision: the round decides whether the
 * recipient is overdue. A timer that fires a little early (clock skew) is retried, never
 * dropped, or the recipient would stay pending for ever.
 */
export async function deadlineReached(deps: BroadcastDeps, roundId: string, recipient: number) {
  const result = await applyToRound(deps, roundId, (now) => ({ type: 'DeadlineReached', recipient, now }));
  const state = result.round.recipients.find((r) => r.jobcentre === recipient);
  if (result.outcome === 'unchanged' && state?.status === 'pending') {
    throw new DeadlineNotYetReached(`deadline of round ${roundId} for ${recipient} not reached yet`);
  }
  await escalateIfPolicy(deps, result.round);
  return result;
}
