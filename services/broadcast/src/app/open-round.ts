import { danishDay, type ScopeId } from '@rs/contracts';
import { cooperationOfOn, roundRecipients, secretariatFor } from '../domain/cooperations';
import { replyDeadline, windowMode, windowSeconds } from '../domain/deadline';
import { openRound, type Round, roundId } from '../domain/round';
import type { BroadcastDeps } from './deps';
import { followLaterHandover } from './follow-handover';
import { openingMessages } from './outgoing';
import type { OrderSnapshot } from './ports';
import { deliverToOpenRounds } from './shortlists';

export type { OrderSnapshot } from './ports';

/**
 * Opens round number `seq` of an order. The id is derived from the order and the sequence
 * number, so a redelivered request or a second replica inserting the same round fails on the
 * unique _id and nothing is sent twice. Returns undefined when that round exists already.
 *
 * No lookup of the round first: every opening would pay it (one database round trip per national
 * round under load, session 5) to save a redelivery — rare — the work of building its messages;
 * the insert decides either way and a losing insert sends nothing.
 */
export async function openRoundForOrder(
  deps: BroadcastDeps,
  snapshot: OrderSnapshot,
  scope: ScopeId,
  seq: number,
  exclude: number[] = [],
): Promise<Round | undefined> {
  const openedAt = deps.now();
  // The cooperations as they are now decide the recipients and the secretariat, fixed in the
  // round from here on: a later change of the cooperation never alters this round.
  const view = deps.cooperations();
  const day = danishDay(openedAt);
  const own = cooperationOfOn(view, snapshot.leadJobcentre, day);
  const secretariat = secretariatFor(own, snapshot.leadJobcentre);
  const kept = await deps.shortlists.load(snapshot.orderId);
  const shortlists = kept?.lists;
  const round = openRound({
    id: roundId(snapshot.orderId, seq),
    orderId: snapshot.orderId,
    leadJobcentre: snapshot.leadJobcentre,
    scope,
    order: snapshot.order,
    recipients: roundRecipients(view, scope, snapshot.leadJobcentre, day, exclude),
    openedAt,
    deadline: replyDeadline(
      openedAt,
      windowSeconds(deps.window, own?.replyWindow.hours),
      windowMode(deps.window, own?.replyWindow.mode),
      deps.addWorkingSeconds,
    ),
    ...(kept ? { shortlists: kept.lists, shortlistVersion: kept.rankedAt } : {}),
    ...(snapshot.silenceMeansNone ? { silenceMeansNone: true } : {}),
    ...(own && secretariat !== undefined ? { secretariat: { jobcentre: secretariat, cooperation: own.id } } : {}),
  });
  const inserted = await deps.rounds.insert(round, { seq, cooperation: snapshot.cooperation }, openingMessages(deps, round, shortlists));
  if (!inserted) return undefined;
  // Read after the insert: a handover applied since the snapshot was read is followed now.
  await followLaterHandover(deps, round, await loadOrderSnapshot(deps, snapshot.orderId));
  if (!shortlists) await deliverToOpenRounds(deps, snapshot.orderId);
  return round;
}

export function saveOrderSnapshot(deps: BroadcastDeps, snapshot: OrderSnapshot): Promise<void> {
  return deps.orders.save(snapshot);
}

/** The order as broadcast knows it: saved on its own when it came without a round, else in its first round. */
export async function loadOrderSnapshot(deps: BroadcastDeps, orderId: string): Promise<OrderSnapshot | undefined> {
  const saved = await deps.orders.load(orderId);
  if (saved) return saved;
  const first = await deps.rounds.orderOf(roundId(orderId, 1));
  return first && { orderId, ...first };
}
