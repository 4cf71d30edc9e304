import { backOff, TooMuchContention } from '@rs/db';
import type { Actor } from '../domain/access';
import {
  copenhagenDate,
  decideOutcome,
  type FollowUp,
  type FollowUpStatus,
  mayReadFollowUps,
  mayRecordOutcome,
} from '../domain/follow-ups';
import { followUpRecorded } from './reported-events';
import type { ServiceGoalDeps } from './service-goal-deps';

export type OutcomeResult =
  | { ok: true; changed: boolean; followUp: FollowUp }
  | { ok: false; status: 403 | 404 | 409 | 422; reason: string };

/**
 * The onboarding consultant records how a placement went (R10): still employed, or left and why.
 * Another cooperation's follow-up is reported missing; a reader who may not record (its
 * secretariat) is refused.
 */
export async function recordFollowUpOutcome(
  deps: ServiceGoalDeps,
  id: string,
  answer: { status: FollowUpStatus; reason?: string | undefined },
  actor: Actor & { sub: string },
): Promise<OutcomeResult> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const loaded = await deps.followUps.load(id);
    if (!loaded || !mayReadFollowUps(actor, loaded.state.cooperation))
      return { ok: false, status: 404, reason: 'Follow-up not found / Opfølgningen findes ikke' };
    if (!mayRecordOutcome(actor, loaded.state.cooperation))
      return {
        ok: false,
        status: 403,
        reason: "Only the cooperation's onboarding consultant records outcomes / Kun samarbejdets indslusningskonsulent registrerer udfald",
      };
    const now = deps.now();
    const decision = decideOutcome(loaded.state, answer, copenhagenDate(now), now.toISOString(), actor.sub);
    if (decision.kind === 'refused') return { ok: false, status: decision.status, reason: decision.reason };
    if (decision.kind === 'unchanged') return { ok: true, changed: false, followUp: loaded.state };
    if (await deps.followUps.save(id, { revision: loaded.revision, state: decision.followUp, outbox: followUpRecorded(decision.followUp) }))
      return { ok: true, changed: true, followUp: decision.followUp };
    await backOff(attempt);
  }
  throw new TooMuchContention(`follow-up ${id}: too much contention`);
}
