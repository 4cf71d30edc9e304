import type { CloseReason } from '../domain/round';
import { loadRound } from '../adapters/mongo/round.repository';
import { applyToRound } from './apply-to-round';
import type { BroadcastDeps } from './deps';

/**
 * The order is filled or cancelled (or closed unfilled): every round of it is closed, each
 * recipient that has not answered is told to stop, and their timers are removed.
 */
export async function closeRoundsOfOrder(deps: BroadcastDeps, orderId: string, reason: CloseReason, messageId: string): Promise<number> {
  const docs = await deps.models.rounds.collection.find({ orderId, status: { $ne: 'closed' } }, { projection: { _id: 1 } }).toArray();
  let closed = 0;
  for (const doc of docs) {
    const roundId = String(doc._id);
    const result = await applyToRound(deps, roundId, (now) => ({ type: 'Close', reason, now }), messageId);
    if (result.outcome !== 'applied') continue;
    closed++;
    const stored = await loadRound(deps.models, roundId);
    for (const r of stored?.round.recipients ?? []) {
      if (r.status !== 'replied') await deps.cancelTimers(roundId, r.jobcentre).catch(() => {});
    }
  }
  return closed;
}
