import { needsReminder } from '../domain/round';
import type { BroadcastDeps } from './deps';
import { toJobcentre } from './outgoing';

/**
 * A reminder timer fired: remind the recipient if it still has not replied. It changes no
 * state, so it is published directly (with a confirm); a failure fails the job, which BullMQ
 * retries — at least once, never silently dropped.
 */
export async function sendReminder(deps: BroadcastDeps, roundId: string, recipient: number): Promise<boolean> {
  const loaded = await deps.rounds.load(roundId);
  if (!loaded || !needsReminder(loaded.state, recipient)) return false;
  const round = loaded.state;
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
