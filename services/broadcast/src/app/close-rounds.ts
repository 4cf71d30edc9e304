import type { CloseReason } from '../domain/round';
import { applyToRound } from './apply-to-round';
import type { BroadcastDeps } from './deps';

/**
 * The order is filled or cancelled (or closed unfilled): every round of it is closed, each
 * recipient that has not answered is told to stop, and the round's timers are removed.
 */
export async function closeRoundsOfOrder(deps: BroadcastDeps, orderId: string, reason: CloseReason, messageId: string): Promise<number> {
  let closed = 0;
  for (const roundId of await deps.rounds.idsOfOrder(orderId, { notClosed: true })) {
    const result = await applyToRound(deps, roundId, (now) => ({ type: 'Close', reason, now }), messageId);
    if (result.outcome !== 'applied') continue;
    closed++;
    await deps.cancelTimers(roundId).catch(() => {});
  }
  return closed;
}
