import { type EventName, makeEnvelope, type PayloadOf, routeOf } from '@rs/contracts';
import { backOff, saveGuarded } from '@rs/db';
import { type OrderIntakeDeps, SOURCE } from './deps';

/** What a command makes of the stored order. */
export type OrderDecision =
  | { kind: 'refused'; reason: string }
  /** Already done (a retried request): nothing to write. */
  | { kind: 'unchanged' }
  | { kind: 'write'; set: Record<string, unknown>; event: OrderEvent };

/** An event on rs.events (routed by its name). */
export type OrderEvent = { [N in EventName]: { name: N; data: PayloadOf<N> } }[EventName];

export type CommandResult = { ok: true; changed: boolean } | { ok: false; status: 404 | 409; reason: string };

/**
 * A lead's command on its order: load → may this caller act → decide → one write with its event
 * (handed to the relay), retried when another writer came first. An order the caller may not
 * act on is reported as missing, so its existence is not disclosed.
 */
export async function runOrderCommand(
  deps: OrderIntakeDeps,
  orderId: string,
  mayAct: (lead: number) => boolean,
  decide: (doc: Record<string, any>, now: Date) => OrderDecision,
): Promise<CommandResult> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const doc = await deps.models.orders.collection.findOne({ _id: orderId as never });
    if (!doc || !mayAct(doc.leadJobcentre)) return { ok: false, status: 404, reason: 'Order not found / Ordren findes ikke' };
    const now = deps.now();
    const decision = decide(doc, now);
    if (decision.kind === 'refused') return { ok: false, status: 409, reason: decision.reason };
    if (decision.kind === 'unchanged') return { ok: true, changed: false };
    const id = deps.newId();
    const { name, data } = decision.event;
    const envelope = makeEnvelope(name, data, { id, time: now, source: SOURCE, correlationId: orderId });
    const saved = await saveGuarded(deps.models.orders, {
      handoff: true,
      id: orderId,
      version: doc.version,
      set: decision.set,
      outbox: [{ kind: 'publish', id, ...routeOf(name), envelope }],
    });
    if (saved) {
      deps.relay.handoff(saved);
      return { ok: true, changed: true };
    }
    await backOff(attempt);
  }
  throw new Error(`order ${orderId}: too much contention, will retry`);
}
