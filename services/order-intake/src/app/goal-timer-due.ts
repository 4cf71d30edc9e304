import type { ServiceGoalAlertKind, ServiceGoalId } from '@rs/contracts';
import { applyGoalsCommand, GoalTimerEarly } from './apply-goals-command';
import type { ServiceGoalDeps } from './service-goal-deps';

/**
 * A goal timer fired. The timer decides nothing: the clocks are re-read and the domain records
 * the warning or breach only if the goal is still running and its time has come. A timer that
 * fires a little early (clock skew) throws, so BullMQ runs it again, never drops it.
 */
export async function goalTimerDue(deps: ServiceGoalDeps, orderId: string, goal: ServiceGoalId, kind: ServiceGoalAlertKind) {
  const result = await applyGoalsCommand(deps, orderId, { type: 'TimerDue', goal, kind, now: deps.now().toISOString() });
  if (result.kind === 'early') throw new GoalTimerEarly(`${kind} of ${goal} for ${orderId} is not due yet`);
  return result;
}
