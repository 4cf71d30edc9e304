import type { OrderSummary, ScopeId } from '@rs/contracts';
import { insertWithOutbox } from '@rs/db';
import { cooperationOf, recipientsFor } from '@rs/reference-data';
import type { z } from 'zod';
import { replyDeadline, windowMode } from '../domain/deadline';
import { openRound, type Round, roundId } from '../domain/round';
import type { BroadcastDeps } from './deps';
import { openingMessages } from './outgoing';
import { deliverToOpenRounds, loadShortlists } from './shortlists';
import { loadOrderOfRound } from '../adapters/mongo/round.repository';

export interface OrderSnapshot {
  orderId: string;
  leadJobcentre: number;
  cooperation: string | null;
  order: z.infer<typeof OrderSummary>;
}

/**
 * Opens round number `seq` of an order. The id is derived from the order and the sequence
 * number, so a redelivered request or a second replica inserting the same round fails on the
 * unique _id and nothing is sent twice. Returns undefined when that round exists already.
 */
export async function openRoundForOrder(
  deps: BroadcastDeps,
  snapshot: OrderSnapshot,
  scope: ScopeId,
  seq: number,
  exclude: number[] = [],
): Promise<Round | undefined> {
  // Only a shortcut for a redelivered request (an _id lookup is cheap); the insert below decides.
  if (await deps.models.rounds.exists({ _id: roundId(snapshot.orderId, seq) })) return undefined;
  const openedAt = deps.now();
  const shortlists = await loadShortlists(deps, snapshot.orderId);
  const round = openRound({
    id: roundId(snapshot.orderId, seq),
    orderId: snapshot.orderId,
    leadJobcentre: snapshot.leadJobcentre,
    scope,
    order: snapshot.order,
    recipients: recipientsFor(scope, snapshot.leadJobcentre, { exclude }),
    openedAt,
    deadline: replyDeadline(
      openedAt,
      deps.window.seconds,
      windowMode(deps.window, cooperationOf(snapshot.leadJobcentre)?.replyWindowMode),
      deps.addWorkingSeconds,
    ),
    ...(shortlists ? { shortlists } : {}),
  });
  const { id, ...fields } = round;
  const inserted = await insertWithOutbox(
    deps.models.rounds,
    { _id: id, seq, cooperation: snapshot.cooperation, ...fields },
    openingMessages(deps, round, shortlists),
    undefined,
    undefined,
    { handoff: true },
  );
  if (!inserted) return undefined;
  deps.relay.handoff(inserted);
  if (!shortlists) await deliverToOpenRounds(deps, snapshot.orderId);
  return round;
}

export async function saveOrderSnapshot(deps: BroadcastDeps, snapshot: OrderSnapshot): Promise<void> {
  const { orderId, ...rest } = snapshot;
  await deps.models.orders.collection.updateOne({ _id: orderId as never }, { $set: rest }, { upsert: true });
}

/** The order as broadcast knows it: saved on its own when it came without a round, else in its first round. */
export async function loadOrderSnapshot(deps: BroadcastDeps, orderId: string): Promise<OrderSnapshot | undefined> {
  const doc = await deps.models.orders.collection.findOne({ _id: orderId as never });
  if (doc) return { orderId, leadJobcentre: doc.leadJobcentre, cooperation: doc.cooperation ?? null, order: doc.order };
  const first = await loadOrderOfRound(deps.models, roundId(orderId, 1));
  return first && { orderId, ...first };
}
