import { backOff, saveGuarded } from '@rs/db';
import { applyRoundEvent, type RoundEventView, type RoundProgress } from '../domain/order';
import type { OrderIntakeDeps } from './deps';

/** Folds a broadcast event into the order, once per message id. Unknown orders are ignored (not ours). */
export async function applyBroadcastEvent(deps: OrderIntakeDeps, orderId: string, event: RoundEventView, messageId: string): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const doc = await deps.models.orders.collection.findOne(
      { _id: orderId as never },
      { projection: { version: 1, rounds: 1, processed: 1 } },
    );
    if (!doc) return;
    if ((doc.processed as string[] | undefined)?.includes(messageId)) return;
    const rounds = applyRoundEvent((doc.rounds as RoundProgress[]) ?? [], event);
    const saved = await saveGuarded(deps.models.orders, {
      id: orderId,
      version: doc.version,
      set: { rounds },
      outbox: [],
      processedId: messageId,
    });
    if (saved) return;
    await backOff(attempt);
  }
  throw new Error(`order ${orderId}: too much contention, will retry`);
}
