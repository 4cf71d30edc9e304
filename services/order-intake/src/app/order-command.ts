import { type AddressedName, type EventName, makeEnvelope, type PayloadOf, routeOf } from '@rs/contracts';
import { decideAndSave, type OutboxEntry } from '@rs/db';
import type { Order, OrderChanges } from '../domain/order';
import { type OrderIntakeDeps, SOURCE } from './deps';

/** What a command makes of the stored order. */
export type OrderDecision =
  | Refusal
  /** Already done (a retried request): nothing to write. */
  | { kind: 'unchanged' }
  | { kind: 'write'; set: OrderChanges; messages: OutgoingMessage[] };

export interface Refusal {
  kind: 'refused';
  status?: 400 | 403 | 409 | 422;
  /** The problem's code, e.g. `illegal-transition`; `conflict` when absent. */
  code?: string;
  reason: string;
  /** The request field the refusal is about (`body.screening`). */
  field?: string | undefined;
}

/** An event on rs.events (routed by its name). */
export type OrderEvent = { [N in EventName]: { name: N; data: PayloadOf<N> } }[EventName];
/** A message to one jobcentre's queue (rs.jobcentres). */
export type JobcentreNotice = { [N in AddressedName]: { name: N; to: number; data: PayloadOf<N> } }[AddressedName];
export type OutgoingMessage = OrderEvent | JobcentreNotice;

export type CommandResult =
  | { ok: true; changed: boolean }
  | { ok: false; status: 400 | 403 | 404 | 409 | 422; code: string; reason: string; field?: string | undefined };

export const NOT_FOUND = 'Order not found / Ordren findes ikke';

/** The outbox entries of a write: each message in its own envelope, correlated with the order. */
export function outboxOf(deps: Pick<OrderIntakeDeps, 'newId'>, orderId: string, now: Date, messages: OutgoingMessage[]): OutboxEntry[] {
  return messages.map((m) => {
    const id = deps.newId();
    const envelope = makeEnvelope(m.name, m.data as never, { id, time: now, source: SOURCE, correlationId: orderId });
    const route = 'to' in m ? routeOf(m.name, m.to) : routeOf(m.name);
    return { kind: 'publish', id, ...route, envelope };
  });
}

/**
 * A command on an order: load → may this caller act → decide → one write with its messages
 * (decideAndSave: retried when another writer came first). An order the caller may not act on is
 * reported as missing, so its existence is not disclosed.
 */
export function runOrderCommand(
  deps: OrderIntakeDeps,
  orderId: string,
  mayAct: (order: Order) => boolean,
  decide: (order: Order, now: Date) => OrderDecision,
): Promise<CommandResult> {
  return decideAndSave<Order, OrderChanges, CommandResult>(
    deps.orders,
    orderId,
    (id) => deps.orders.load(id),
    (loaded) => {
      if (!loaded || !mayAct(loaded.state)) return { result: { ok: false, status: 404, code: 'not-found', reason: NOT_FOUND } };
      const now = deps.now();
      const decision = decide(loaded.state, now);
      if (decision.kind === 'refused') {
        return {
          result: {
            ok: false,
            status: decision.status ?? 409,
            code: decision.code ?? 'conflict',
            reason: decision.reason,
            field: decision.field,
          },
        };
      }
      if (decision.kind === 'unchanged') return { result: { ok: true, changed: false } };
      return {
        result: { ok: true, changed: true },
        write: { state: decision.set, outbox: outboxOf(deps, orderId, now, decision.messages) },
      };
    },
  );
}
