import type { OrderLeadChanged } from '@rs/contracts';
import { applyToRound } from './apply-to-round';
import type { BroadcastDeps } from './deps';

/**
 * order.lead-changed: the new lead gets the order's replies and overdue notices from now on and
 * alone may manage its rounds. The snapshot (rounds opened later) and every round of the order
 * take the new lead, each through its own store; each write is skipped when the lead it holds is
 * as new or newer, so a redelivery — or an older handover arriving late — changes nothing.
 */
export async function followHandover(deps: BroadcastDeps, data: OrderLeadChanged, messageId: string): Promise<void> {
  await deps.orders.changeLead(data.orderId, data.to, data.changedAt);
  for (const id of await deps.rounds.idsOfOrder(data.orderId)) {
    await applyToRound(deps, id, (now) => ({ type: 'HandOver', to: data.to, changedAt: data.changedAt, now }), messageId);
  }
}
