import type { OrderRegistered, OrderStatusChanged } from '@rs/contracts';
import { applyGoalsCommand } from './apply-goals-command';
import type { ServiceGoalDeps } from './service-goal-deps';

/** order.registered starts both clocks of the order (R3, R4); once per message id. */
export async function startGoalClocks(deps: ServiceGoalDeps, event: OrderRegistered, messageId: string): Promise<void> {
  await applyGoalsCommand(
    deps,
    event.orderId,
    {
      type: 'Register',
      orderId: event.orderId,
      leadJobcentre: event.leadJobcentre,
      cooperation: event.cooperation,
      registeredAt: event.registeredAt,
    },
    messageId,
  );
}

/** order.status-changed meets a goal (in dialogue; candidates presented or later) or stops both (cancelled). */
export async function followStatusChange(deps: ServiceGoalDeps, event: OrderStatusChanged, messageId: string): Promise<void> {
  await applyGoalsCommand(
    deps,
    event.orderId,
    {
      type: 'StatusChanged',
      orderId: event.orderId,
      leadJobcentre: event.leadJobcentre,
      cooperation: event.cooperation,
      to: event.to,
      at: event.at,
      by: event.by,
    },
    messageId,
  );
}
