import { decideAndSave } from '@rs/db';
import { applyRoundEvent, type RoundEventView } from '../domain/order';
import type { OrderIntakeDeps } from './deps';

/** Folds a broadcast event into the order, once per message id. Unknown orders are ignored (not ours). */
export function applyBroadcastEvent(deps: OrderIntakeDeps, orderId: string, event: RoundEventView, messageId: string): Promise<void> {
  return decideAndSave(
    deps.orders,
    orderId,
    (id) => deps.orders.loadRounds(id),
    (loaded) =>
      loaded ? { result: undefined, write: { state: { rounds: applyRoundEvent(loaded.state.rounds, event) } } } : { result: undefined },
    { inbox: { messageId, duplicate: () => undefined } },
  );
}
