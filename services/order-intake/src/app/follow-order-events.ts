import type { OrderRegistered, OrderStatusChanged } from '@rs/contracts';
import type { GoalsCommand } from '../domain/service-goals';
import { applyGoalsCommand } from './apply-goals-command';
import type { ServiceGoalDeps } from './service-goal-deps';

/**
 * An instant as the clocks store it: UTC with milliseconds. The contract's Instant allows an
 * offset (`…+01:00`); the clocks compare and sort stored instants, so every one enters in one form.
 */
const utc = (instant: string): string => new Date(instant).toISOString();

export const registerCommand = (event: OrderRegistered): GoalsCommand => ({
  type: 'Register',
  orderId: event.orderId,
  leadJobcentre: event.leadJobcentre,
  cooperation: event.cooperation,
  registeredAt: utc(event.registeredAt),
});

export const statusChangedCommand = (event: OrderStatusChanged): GoalsCommand => ({
  type: 'StatusChanged',
  orderId: event.orderId,
  leadJobcentre: event.leadJobcentre,
  cooperation: event.cooperation,
  to: event.to,
  at: utc(event.at),
  by: event.by,
});

/** order.registered starts both clocks of the order (R3, R4); once per message id. */
export async function startGoalClocks(deps: ServiceGoalDeps, event: OrderRegistered, messageId: string): Promise<void> {
  await applyGoalsCommand(deps, event.orderId, registerCommand(event), messageId);
}

/** order.status-changed meets a goal (in dialogue, searching; candidates presented), ends the open ones unmet (closed) or stops them (cancelled). */
export async function followStatusChange(deps: ServiceGoalDeps, event: OrderStatusChanged, messageId: string): Promise<void> {
  await applyGoalsCommand(deps, event.orderId, statusChangedCommand(event), messageId);
}
