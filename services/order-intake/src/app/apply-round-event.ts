import { decideAndSave } from '@rs/db';
import { systemMove } from '../domain/lifecycle';
import { applyRoundEvent, everyJobcentreSearched, type Order, type OrderChanges, type RoundEventView } from '../domain/order';
import type { OrderIntakeDeps } from './deps';
import { outboxOf } from './order-command';
import { moveWrite } from './transition';

/**
 * Folds a broadcast event into the order, once per message id. Unknown orders are ignored (not
 * ours). A round that opens moves the order to searching (unless it is past that), by `system`.
 */
export function applyBroadcastEvent(deps: OrderIntakeDeps, orderId: string, event: RoundEventView, messageId: string): Promise<void> {
  return decideAndSave<Order, OrderChanges, undefined>(
    deps.orders,
    orderId,
    (id) => deps.orders.load(id),
    (loaded) => {
      if (!loaded) return { result: undefined };
      const order = loaded.state;
      const rounds = applyRoundEvent(order.rounds, event);
      const to =
        event.type === 'opened'
          ? systemMove(
              {
                state: order.status,
                positions: order.details.positions,
                hires: order.hires.length,
                everyJobcentreSearched: everyJobcentreSearched(rounds),
              },
              'round-opened',
            )
          : undefined;
      if (!to) return { result: undefined, write: { state: { rounds } } };
      const now = deps.now();
      const moved = moveWrite(order, { to, reason: `round ${event.roundId} opened` }, now.toISOString(), 'system');
      return { result: undefined, write: { state: { ...moved.set, rounds }, outbox: outboxOf(deps, orderId, now, moved.messages) } };
    },
    { inbox: { messageId, duplicate: () => undefined } },
  );
}
