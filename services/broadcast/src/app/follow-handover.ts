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
  const snapshot = await deps.orders.changeLead(data.orderId, data.to, data.changedAt);
  const rounds = await deps.rounds.idsOfOrder(data.orderId);
  // Consumed beside order.registered (prefetch): the handover can come first. Retried (the bus
  // backs off, then dead-letters) rather than lost while broadcast does not know the order yet.
  if (!snapshot && rounds.length === 0) throw new Error(`order ${data.orderId} is not known to broadcast yet: the handover waits for it`);
  for (const id of rounds) {
    await applyToRound(deps, id, (now) => ({ type: 'HandOver', to: data.to, changedAt: data.changedAt, now }), messageId);
  }
}
