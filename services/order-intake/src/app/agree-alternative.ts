import { applyGoalsCommand, type GoalsResult } from './apply-goals-command';
import type { ServiceGoalDeps } from './service-goal-deps';

export interface AlternativeInput {
  description: string;
  agreedWith?: string | undefined;
}

/**
 * R4: the lead records an alternative agreed with the company instead of presenting candidates
 * (e.g. an upskilling course first, a later start); it meets the 3-working-day goal. Only the
 * order's lead (or an admin): `mayAct` is asked with the clocks' current lead. An order the caller
 * may not act on is reported missing, so its existence is not disclosed.
 */
export async function agreeAlternative(
  deps: ServiceGoalDeps,
  orderId: string,
  input: AlternativeInput,
  by: string,
  mayAct: (lead: number) => boolean,
): Promise<GoalsResult> {
  const loaded = await deps.goals.load(orderId);
  if (!loaded || !mayAct(loaded.state.leadJobcentre))
    return { kind: 'refused', status: 404, reason: 'Order not found / Ordren findes ikke' };
  return applyGoalsCommand(deps, orderId, {
    type: 'AgreeAlternative',
    description: input.description,
    ...(input.agreedWith !== undefined ? { agreedWith: input.agreedWith } : {}),
    at: deps.now().toISOString(),
    by,
  });
}
