import { pendingRecipients } from '../domain/round';
import { applyToRound } from './apply-to-round';
import type { BroadcastDeps } from './deps';
import { escalateIfPolicy } from './escalate';

export class DeadlineNotYetReached extends Error {}

/**
 * The round's deadline timer fired. The timer carries no decision: the round decides who is
 * overdue (every recipient still pending, in one write). A timer that fires a little early
 * (clock skew) is retried, never dropped, or the recipients would stay pending for ever.
 */
export async function deadlineReached(deps: BroadcastDeps, roundId: string) {
  const result = await applyToRound(deps, roundId, (now) => ({ type: 'DeadlineReached', now }));
  if (result.outcome === 'unchanged' && pendingRecipients(result.round).length > 0) {
    throw new DeadlineNotYetReached(`deadline of round ${roundId} not reached yet`);
  }
  // The round is complete now (or was): its reminders have nothing left to do.
  await deps.cancelTimers(roundId).catch(() => {});
  await escalateIfPolicy(deps, result.round);
  return result;
}
