import { needsReminder } from '../domain/round';
import { loadRound } from '../adapters/mongo/round.repository';
import type { BroadcastDeps } from './deps';
import { toJobcentre } from './outgoing';

/**
 * A reminder timer fired: remind the recipient if it still has not replied. It changes no
 * state, so it is published directly (with a confirm); a failure fails the job, which BullMQ
 * retries — at least once, never silently dropped.
 */
export async function sendReminder(deps: BroadcastDeps, roundId: string, recipient: number): Promise<boolean> {
  const stored = await loadRound(deps.models, roundId);
  if (!stored || !needsReminder(stored.round, recipient)) return false;
  const { round } = stored;
  await deps.publish(
    toJobcentre(
      deps,
      recipient,
      'round.reminder',
      { roundId, orderId: round.orderId, recipient, deadline: round.deadline, overdue: false },
      round,
    ),
  );
  return true;
}
