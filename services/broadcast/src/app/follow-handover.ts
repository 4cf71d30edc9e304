import type { OrderLeadChanged } from '@rs/contracts';
import type { Round } from '../domain/round';
import { applyToRound } from './apply-to-round';
import type { BroadcastDeps } from './deps';
import type { OrderSnapshot } from './ports';

/**
 * order.lead-changed: the new lead gets the order's replies and overdue notices from now on and
 * alone may manage its rounds. The snapshot (rounds opened later) and every round of the order
 * take the new lead, each through its own store; each write is skipped when the lead it holds is
 * as new or newer, so a redelivery — or an older handover arriving late — changes nothing.
 *
 * A round can open while the handover is applied, from the lead it read before. Two halves close
 * that gap without a transaction or a guarded update (neither holds on FerretDB): the handover
 * writes the new lead first and lists the rounds after, again until no new one appears; an opener
 * inserts its round first and reads the lead after (followLaterHandover). Each side writes, then
 * reads what the other writes, so at least one of them sees the other: a round listed too late
 * for the handover finds the new lead itself.
 */
export async function followHandover(deps: BroadcastDeps, data: OrderLeadChanged, messageId: string): Promise<void> {
  const snapshot = await deps.orders.changeLead(data.orderId, data.to, data.changedAt);
  const done = new Set<string>();
  for (let rounds = await deps.rounds.idsOfOrder(data.orderId); ; rounds = await deps.rounds.idsOfOrder(data.orderId)) {
    const fresh = rounds.filter((id) => !done.has(id));
    if (fresh.length === 0) break;
    for (const id of fresh) {
      await applyToRound(deps, id, (now) => ({ type: 'HandOver', to: data.to, changedAt: data.changedAt, now }), messageId);
      done.add(id);
    }
  }
  // Consumed beside order.registered (prefetch): the handover can come first. Retried (the bus
  // backs off, then dead-letters) rather than lost while broadcast does not know the order yet.
  if (!snapshot && done.size === 0) throw new Error(`order ${data.orderId} is not known to broadcast yet: the handover waits for it`);
}

/**
 * The opener's half (see followHandover): a round just inserted from a lead read before a handover
 * takes the lead the order has now. `current` is the order as read after the insert; a round that
 * is its own order's record (the first round, no snapshot) or already follows it changes nothing.
 */
export async function followLaterHandover(deps: BroadcastDeps, round: Round, current: OrderSnapshot | undefined): Promise<void> {
  if (!current?.leadSince || current.leadJobcentre === round.leadJobcentre) return;
  const changedAt = current.leadSince;
  await applyToRound(deps, round.id, (now) => ({ type: 'HandOver', to: current.leadJobcentre, changedAt, now }));
}
