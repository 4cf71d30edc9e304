import type { CooperationView } from '@rs/contracts';
import { isOpen } from './lifecycle';
import type { OrderState } from '@rs/contracts';
import { unknownPrinciples } from './screening';

/** What became of a presented candidate. */
export const REFERRAL_OUTCOMES = ['interview', 'hired', 'rejected'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/**
 * One line of the referral log (formidlingslog): a candidate the lead presented to the company,
 * from which jobcentre, when, how they were screened, and what came of it.
 */
export interface Referral {
  /** `<jobcentre>-<candidateRef>`: a candidate is presented once per order. */
  id: string;
  jobcentre: number;
  candidateRef: string;
  presentedAt: string;
  presentedBy: string;
  /** The ids of the cooperation's screening principles that were checked. */
  screening: string[];
  outcome?: { kind: ReferralOutcome; reason?: string | undefined; at: string; by: string } | undefined;
}

export const referralId = (jobcentre: number, candidateRef: string) => `${jobcentre}-${candidateRef}`;

export type ReferralDecision =
  | { kind: 'record'; referrals: Referral[] }
  | { kind: 'stay' }
  | { kind: 'refused'; status: 400 | 409; reason: string; field?: string };

const closedRefusal = (status: string): ReferralDecision => ({
  kind: 'refused',
  status: 409,
  reason: `the order is ${status}: the referral log is closed / ordren er lukket (${status}): formidlingsloggen er lukket`,
});

/** The lead presents a candidate to the company, with the screening principles it checked. */
export function decidePresent(
  order: { status: OrderState; cooperation: string | null; referrals: readonly Referral[] },
  candidate: { jobcentre: number; candidateRef: string; screening: string[] },
  at: string,
  by: string,
  cooperations: CooperationView,
): ReferralDecision {
  const id = referralId(candidate.jobcentre, candidate.candidateRef);
  const existing = order.referrals.find((r) => r.id === id);
  const screening = [...new Set(candidate.screening)].sort();
  if (existing) {
    if (JSON.stringify(existing.screening) === JSON.stringify(screening)) return { kind: 'stay' };
    return {
      kind: 'refused',
      status: 409,
      reason: `candidate ${candidate.candidateRef} was presented before / kandidat ${candidate.candidateRef} er præsenteret før`,
    };
  }
  if (!isOpen(order.status)) return closedRefusal(order.status);
  const unknown = unknownPrinciples(cooperations, order.cooperation, screening);
  if (unknown.length > 0) {
    return {
      kind: 'refused',
      status: 400,
      field: 'body.screening',
      reason: `not a screening principle of the cooperation: ${unknown.join(', ')} / ikke et screeningsprincip i samarbejdet: ${unknown.join(', ')}`,
    };
  }
  const referral: Referral = { id, ...candidate, screening, presentedAt: at, presentedBy: by };
  return { kind: 'record', referrals: [...order.referrals, referral] };
}

/**
 * The company's answer on a presented candidate: an interview, or rejected (with a reason).
 * `hired` is recorded by the hire itself. A final outcome (hired, rejected) does not change.
 */
export function decideOutcome(
  order: { status: OrderState; referrals: readonly Referral[] },
  id: string,
  outcome: { kind: Exclude<ReferralOutcome, 'hired'>; reason?: string | undefined },
  at: string,
  by: string,
): ReferralDecision {
  const existing = order.referrals.find((r) => r.id === id);
  if (!existing) return { kind: 'refused', status: 409, reason: `no referral ${id} on this order / ingen henvisning ${id} på ordren` };
  if (existing.outcome?.kind === outcome.kind && existing.outcome.reason === outcome.reason) return { kind: 'stay' };
  if (existing.outcome && existing.outcome.kind !== 'interview') {
    return {
      kind: 'refused',
      status: 409,
      reason: `the referral's outcome is ${existing.outcome.kind} already / henvisningens udfald er allerede ${existing.outcome.kind}`,
    };
  }
  if (outcome.kind === 'rejected' && !outcome.reason?.trim()) {
    return { kind: 'refused', status: 400, field: 'body.reason', reason: 'a rejection needs a reason / et afslag kræver en begrundelse' };
  }
  const updated: Referral = { ...existing, outcome: { ...outcome, at, by } };
  return { kind: 'record', referrals: order.referrals.map((r) => (r.id === id ? updated : r)) };
}

/** The hire marks its candidate's referral as hired, if the candidate was presented. */
export function markHired(referrals: readonly Referral[], jobcentre: number, candidateRef: string, at: string, by: string): Referral[] {
  const id = referralId(jobcentre, candidateRef);
  return referrals.map((r) => (r.id === id ? { ...r, outcome: { kind: 'hired' as const, at, by } } : r));
}
