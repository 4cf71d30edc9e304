import type { CandidateHired } from '@rs/contracts';
import { copenhagenDate, planFollowUps } from '../domain/follow-ups';
import { recordableRef } from './erased-refs';
import { followUpPlanned } from './reported-events';
import type { ServiceGoalDeps } from './service-goal-deps';

export type PlanResult = { kind: 'planned'; created: number } | { kind: 'skipped'; why: string };

/**
 * R10: a hire on a large project (`followUp: true`) gets follow-ups at the configured weeks after
 * its start. Each is inserted under an id made of the hire and the week, so a redelivered hire
 * (or two replicas) leaves one of each, with its order.follow-up-planned for reporting. A hire
 * without a start date counts from its hire day.
 */
export async function planHireFollowUps(deps: ServiceGoalDeps, event: CandidateHired): Promise<PlanResult> {
  // Redelivered after the candidate's erasure: the follow-ups exist under the marker already.
  const hire = { ...event, candidateRef: await recordableRef(deps.erased, event.jobcentre, event.candidateRef) };
  if (hire.followUp !== true) return { kind: 'skipped', why: 'not a follow-up project' };
  if (!hire.cooperation) return { kind: 'skipped', why: 'no cooperation, so no onboarding consultant' };
  const planned = planFollowUps(
    {
      orderId: hire.orderId,
      cooperation: hire.cooperation,
      jobcentre: hire.jobcentre,
      candidateRef: hire.candidateRef,
      startDate: hire.startDate ?? copenhagenDate(new Date(hire.hiredAt)),
      ...(hire.weeklyHours !== undefined ? { weeklyHours: hire.weeklyHours } : {}),
    },
    deps.followUpWeeks,
  );
  let created = 0;
  for (const followUp of planned) if (await deps.followUps.insert(followUp, [followUpPlanned(followUp, deps.now())])) created++;
  return { kind: 'planned', created };
}
