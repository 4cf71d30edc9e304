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
import { eraseInText, erasedFollowUp } from '../domain/erasure';
import { isErasedRef } from '@rs/contracts';
import { followUpRecorded } from './reported-events';
import type { ServiceGoalDeps } from './service-goal-deps';

export type OutcomeResult =
  | { ok: true; changed: boolean; followUp: FollowUp }
  | { ok: false; status: 403 | 404 | 409 | 422; reason: string };

/**
 * The onboarding consultant records how a placement went (R10): still employed, or left and why.
 * Another cooperation's follow-up is reported missing; a reader who may not record (its
 * secretariat) is refused.
 *
 * cv.erased moves a candidate's follow-ups to their marker ids (copy, then delete; no transaction):
 * a write on the original that the move may have missed is made on the copy too — the original
 * gone on a retry, or the copy already there after the write — so an outcome answered 201 is kept.
 */
export async function recordFollowUpOutcome(
  deps: ServiceGoalDeps,
  id: string,
  answer: { status: FollowUpStatus; reason?: string | undefined },
  actor: Actor & { sub: string },
): Promise<OutcomeResult> {
  let target = id;
  let seen: FollowUp | undefined;
  let written: FollowUp | undefined;
  let wanted = answer;
  const moveTo = (f: FollowUp) => {
    if (target !== id || isErasedRef(f.candidateRef)) return undefined;
    const e = { jobcentre: f.jobcentre, refs: new Set([f.candidateRef]) };
    const copy = erasedFollowUp(f, e);
    return copy && { id: copy.id, answer: { ...wanted, ...(wanted.reason ? { reason: eraseInText(wanted.reason, e) } : {}) } };
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    const loaded = await deps.followUps.load(target);
    const moved = !loaded && seen ? moveTo(seen) : undefined;
    if (moved) {
      // Moved to its marker since we read it: the write goes to the copy.
      target = moved.id;
      wanted = moved.answer;
      continue;
    }
    if (!loaded && written) return { ok: true, changed: true, followUp: written };
    seen = loaded?.state;
    if (!loaded || !mayReadFollowUps(actor, loaded.state.cooperation))
      return { ok: false, status: 404, reason: 'Follow-up not found / Opfølgningen findes ikke' };
    if (!mayRecordOutcome(actor, loaded.state.cooperation))
      return {
        ok: false,
        status: 403,
        reason: "Only the cooperation's onboarding consultant records outcomes / Kun samarbejdets indslusningskonsulent registrerer udfald",
      };
    const now = deps.now();
    const decision = decideOutcome(loaded.state, wanted, copenhagenDate(now), now.toISOString(), actor.sub);
    if (decision.kind === 'refused') return { ok: false, status: decision.status, reason: decision.reason };
    if (decision.kind === 'unchanged') return { ok: true, changed: written !== undefined, followUp: loaded.state };
    if (
      await deps.followUps.save(target, {
        revision: loaded.revision,
        state: decision.followUp,
        outbox: followUpRecorded(decision.followUp),
      })
    ) {
      const copy = moveTo(decision.followUp);
      if (!copy || !(await deps.followUps.load(copy.id))) return { ok: true, changed: true, followUp: decision.followUp };
      // The move has begun (its copy is there) and may have read the original before this write.
      written = decision.followUp;
      target = copy.id;
      wanted = copy.answer;
      continue;
    }
    await backOff(attempt);
  }
  throw new TooMuchContention(`follow-up ${id}: too much contention`);
}
