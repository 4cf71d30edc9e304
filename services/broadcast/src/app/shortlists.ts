import type { OrderShortlisted } from '@rs/contracts';
import { roundId } from '../domain/round';
import { applyToRound } from './apply-to-round';
import type { BroadcastDeps } from './deps';

/**
 * order.shortlisted: keep the lists for rounds opened later, and send each pending recipient
 * of an already open round its own list. A round never waits for matching; this is how the
 * suggestions catch up with it. After an amendment matching ranks again: the newer ranking
 * replaces the lists, and a recipient whose own list changed is sent it (once per ranking).
 */
export async function receiveShortlists(deps: BroadcastDeps, data: OrderShortlisted): Promise<void> {
  await deps.shortlists.keep(data);
  await deliverToOpenRounds(deps, data.orderId);
}

/**
 * Sends the order's shortlists to its open rounds that have not had them. Both the opening of
 * a round and the arrival of the lists call this after their own write, so whichever comes
 * second sees the other: the lists are never lost between the two.
 */
export async function deliverToOpenRounds(deps: BroadcastDeps, orderId: string): Promise<void> {
  const kept = await deps.shortlists.load(orderId);
  if (!kept) return;
  // Round ids are `<orderId>-<seq>` without gaps: stop at the first that does not exist.
  for (let seq = 1; ; seq++) {
    const id = roundId(orderId, seq);
    if (!(await deps.rounds.exists(id))) return;
    await applyToRound(deps, id, (now) => ({ type: 'DeliverShortlists', shortlists: kept.lists, version: kept.rankedAt, now }));
  }
}
