import { type EventName, makeEnvelope, type PayloadOf, routeOf } from '@rs/contracts';
import { decideAndSave } from '@rs/db';
import type { Order, OrderChanges } from '../domain/order';
import { type OrderIntakeDeps, SOURCE } from './deps';

/** What a command makes of the stored order. */
export type OrderDecision =
  | { kind: 'refused'; reason: string }
  /** Already done (a retried request): nothing to write. */
  | { kind: 'unchanged' }
  | { kind: 'write'; set: OrderChanges; event: OrderEvent };

/** An event on rs.events (routed by its name). */
export type OrderEvent = { [N in EventName]: { name: N; data: PayloadOf<N> } }[EventName];

export type CommandResult = { ok: true; changed: boolean } | { ok: false; status: 404 | 409; reason: string };

/**
 * A lead's command on its order: load → may this caller act → decide → one write with its event
 * (decideAndSave: retried when another writer came first). An order the caller may not act on is
 * reported as missing, so its existence is not disclosed.
 */
export function runOrderCommand(
  deps: OrderIntakeDeps,
  orderId: string,
  mayAct: (lead: number) => boolean,
  decide: (order: Order, now: Date) => OrderDecision,
): Promise<CommandResult> {
  return decideAndSave<Order, OrderChanges, CommandResult>(
    deps.orders,
    orderId,
    (id) => deps.orders.load(id),
    (loaded) => {
      if (!loaded || !mayAct(loaded.state.leadJobcentre))
        return { result: { ok: false, status: 404, reason: 'Order not found / Ordren findes ikke' } };
      const now = deps.now();
      const decision = decide(loaded.state, now);
      if (decision.kind === 'refused') return { result: { ok: false, status: 409, reason: decision.reason } };
      if (decision.kind === 'unchanged') return { result: { ok: true, changed: false } };
      const id = deps.newId();
      const { name, data } = decision.event;
      const envelope = makeEnvelope(name, data, { id, time: now, source: SOURCE, correlationId: orderId });
      return {
        result: { ok: true, changed: true },
        write: { state: decision.set, outbox: [{ kind: 'publish', id, ...routeOf(name), envelope }] },
      };
    },
  );
}
