import { erasedRef } from '@rs/contracts';
import type { FollowUp } from './follow-ups';
import { followUpId } from './follow-ups';
import type { Order, OrderChanges } from './order';
import { referralId } from './referrals';

/**
 * cv.erased in order-intake's records: a withdrawn candidate's ref is replaced by its erased
 * marker (`erasedRef`, the same in every service) wherever an order or a follow-up holds it — the
 * hires, the referral log, the timeline's notes, a follow-up and its id. The counts stay (a hire
 * is still a hire, a presented candidate still presented), so the figures and the lifecycle
 * rules are unchanged; only who it was is gone. Pure.
 */
export interface Erasure {
  jobcentre: number;
  refs: ReadonlySet<string>;
}

/** The ref's own characters (CandidateRef): a ref stands alone when its neighbours are none of them. */
const REF_CHAR = 'A-Za-z0-9_\\-';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

/** Replaces, in free text, each whole `<jobcentre>/<ref>`, `<jobcentre>-<ref>` and bare `<ref>` by the marker's. */
export function eraseInText(text: string, e: Erasure): string {
  let out = text;
  for (const ref of e.refs) {
    const marker = erasedRef(e.jobcentre, ref);
    const whole = (token: string) => new RegExp(`(?<![${REF_CHAR}])${escapeRegExp(token)}(?![${REF_CHAR}])`, 'g');
    out = out
      .replace(new RegExp(`(?<![${REF_CHAR}/])${e.jobcentre}/${escapeRegExp(ref)}(?![${REF_CHAR}])`, 'g'), `${e.jobcentre}/${marker}`)
      .replace(whole(referralId(e.jobcentre, ref)), referralId(e.jobcentre, marker))
      .replace(whole(ref), marker);
  }
  return out;
}

const named = (e: Erasure, jobcentre: number, ref: string) => jobcentre === e.jobcentre && e.refs.has(ref);

/** Whether the order holds any of the candidates (in its hires or its referral log). */
export function orderHolds(order: Pick<Order, 'hires' | 'referrals'>, e: Erasure): boolean {
  return (
    order.hires.some((h) => named(e, h.jobcentre, h.candidateRef)) || order.referrals.some((r) => named(e, r.jobcentre, r.candidateRef))
  );
}

/** The order's next state without the candidates' refs; undefined when it holds none of them (a redelivery). */
export function eraseFromOrder(order: Order, e: Erasure): OrderChanges | undefined {
  if (!orderHolds(order, e)) return undefined;
  const marker = (ref: string) => erasedRef(e.jobcentre, ref);
  const text = (value: string | undefined) => (value === undefined ? undefined : eraseInText(value, e));
  return {
    hires: order.hires.map((h) => (named(e, h.jobcentre, h.candidateRef) ? { ...h, candidateRef: marker(h.candidateRef) } : h)),
    referrals: order.referrals.map((r) =>
      named(e, r.jobcentre, r.candidateRef)
        ? {
            ...r,
            id: referralId(r.jobcentre, marker(r.candidateRef)),
            candidateRef: marker(r.candidateRef),
            ...(r.outcome ? { outcome: { ...r.outcome, ...(r.outcome.reason ? { reason: eraseInText(r.outcome.reason, e) } : {}) } } : {}),
          }
        : r,
    ),
    timeline: order.timeline.map((entry) => {
      const note = text(entry.note);
      const reason = text(entry.reason);
      return { ...entry, ...(note !== undefined ? { note } : {}), ...(reason !== undefined ? { reason } : {}) };
    }),
  };
}

/** The follow-up under its erased id and marker; undefined when it is not one of the candidates'. */
export function erasedFollowUp(followUp: FollowUp, e: Erasure): FollowUp | undefined {
  if (!named(e, followUp.jobcentre, followUp.candidateRef)) return undefined;
  const candidateRef = erasedRef(e.jobcentre, followUp.candidateRef);
  const { outcome } = followUp;
  return {
    ...followUp,
    id: followUpId({ orderId: followUp.orderId, jobcentre: followUp.jobcentre, candidateRef }, followUp.weeksAfterStart),
    candidateRef,
    ...(outcome ? { outcome: { ...outcome, ...(outcome.reason ? { reason: eraseInText(outcome.reason, e) } : {}) } } : {}),
  };
}
