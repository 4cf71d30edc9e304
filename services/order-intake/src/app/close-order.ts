import { EXCHANGES, makeEnvelope } from '@rs/contracts';
import { backOff, saveGuarded } from '@rs/db';
import { closingRefusal, type OrderOutcome, type RoundProgress } from '../domain/order';
import { type OrderIntakeDeps, SOURCE } from './deps';

export type CloseResult = { ok: true } | { ok: false; status: 404 | 409; reason: string };

/** The lead closes the order (filled, cancelled, or unfilled after R7); broadcast withdraws open rounds. */
export async function closeOrder(
  deps: OrderIntakeDeps,
  orderId: string,
  outcome: OrderOutcome,
  mayClose: (lead: number) => boolean,
): Promise<CloseResult> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const doc = await deps.models.orders.collection.findOne({ _id: orderId as never });
    if (!doc || !mayClose(doc.leadJobcentre)) return { ok: false, status: 404, reason: 'Order not found / Ordren findes ikke' };
    const refusal = closingRefusal(doc.status, outcome, (doc.rounds as RoundProgress[]) ?? []);
    if (refusal) return { ok: false, status: 409, reason: refusal };
    const now = deps.now();
    const id = deps.newId();
    const envelope = makeEnvelope(
      'order.closed',
      { orderId, leadJobcentre: doc.leadJobcentre, outcome, closedAt: now.toISOString() },
      { id, time: now, source: SOURCE, correlationId: orderId },
    );
    const saved = await saveGuarded(deps.models.orders, {
      handoff: true,
      id: orderId,
      version: doc.version,
      set: { status: outcome, closedAt: now.toISOString() },
      outbox: [{ kind: 'publish', id, exchange: EXCHANGES.events, routingKey: 'order.closed', envelope }],
    });
    if (saved) {
      deps.relay.handoff(saved);
      return { ok: true };
    }
    await backOff(attempt);
  }
  throw new Error(`order ${orderId}: too much contention, will retry`);
}
