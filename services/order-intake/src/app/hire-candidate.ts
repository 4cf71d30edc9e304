import { EXCHANGES, makeEnvelope } from '@rs/contracts';
import { backOff, saveGuarded } from '@rs/db';
import { decideHire, type Hire } from '../domain/order';
import { type OrderIntakeDeps, SOURCE } from './deps';

export type HireResult = { ok: true; created: boolean } | { ok: false; status: 404 | 409; reason: string };

/**
 * Records that the company hired a candidate for the order and tells the platform
 * (order.candidate-hired): broadcast withdraws the candidate from every other open round.
 */
export async function hireCandidate(
  deps: OrderIntakeDeps,
  orderId: string,
  candidate: Pick<Hire, 'jobcentre' | 'candidateRef'>,
  mayHire: (lead: number) => boolean,
): Promise<HireResult> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const doc = await deps.models.orders.collection.findOne({ _id: orderId as never });
    if (!doc || !mayHire(doc.leadJobcentre)) return { ok: false, status: 404, reason: 'Order not found / Ordren findes ikke' };
    const hires = (doc.hires as Hire[] | undefined) ?? [];
    const decision = decideHire(doc.status, doc.order.positions, hires, candidate);
    if (decision.kind === 'already-recorded') return { ok: true, created: false };
    if (decision.kind === 'refused') return { ok: false, status: 409, reason: decision.reason };
    const now = deps.now();
    const hire: Hire = { ...candidate, hiredAt: now.toISOString() };
    const id = deps.newId();
    const envelope = makeEnvelope('order.candidate-hired', { orderId, ...hire }, { id, time: now, source: SOURCE, correlationId: orderId });
    const saved = await saveGuarded(deps.models.orders, {
      handoff: true,
      id: orderId,
      version: doc.version,
      set: { hires: [...hires, hire] },
      outbox: [{ kind: 'publish', id, exchange: EXCHANGES.events, routingKey: 'order.candidate-hired', envelope }],
    });
    if (saved) {
      deps.relay.handoff(saved);
      return { ok: true, created: true };
    }
    await backOff(attempt);
  }
  throw new Error(`order ${orderId}: too much contention, will retry`);
}
