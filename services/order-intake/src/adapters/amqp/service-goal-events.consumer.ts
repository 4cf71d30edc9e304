import { type Bus, consume } from '@rs/bus';
import { SERVICE_QUEUES } from '@rs/contracts';
import { followStatusChange, startGoalClocks } from '../../app/follow-order-events';
import { planHireFollowUps } from '../../app/plan-follow-ups';
import type { ServiceGoalDeps } from '../../app/service-goal-deps';

/**
 * order-intake's own events, back from the bus: they drive the service-goal clocks (R3, R4) and
 * plan the onboarding follow-ups (R10). Through the bus rather than a call inside the writing use
 * case, so the clocks follow whatever publishes these (the lifecycle, a replica, a replay) and the
 * order's writes never wait for them.
 */
export function consumeServiceGoalEvents(bus: Bus, deps: ServiceGoalDeps) {
  return consume(bus, SERVICE_QUEUES.orderIntakeGoals, {
    'order.registered': (d, ctx) => startGoalClocks(deps, d, ctx.envelope.id),
    'order.status-changed': (d, ctx) => followStatusChange(deps, d, ctx.envelope.id),
    'order.candidate-hired': async (d) => {
      await planHireFollowUps(deps, d);
    },
  });
}
