import { isOpen } from './lifecycle';
import type { OrderState } from '@rs/contracts';

/** A placement: the company hired a candidate (R10). */
export interface Hire {
  jobcentre: number;
  candidateRef: string;
  hiredAt: string;
  /** ISO date the candidate starts; absent on hires recorded before issue 15. */
  startDate?: string;
  weeklyHours?: number;
}

/** Another hire of the same candidate, on another order. */
export interface HireElsewhere {
  orderId: string;
  startDate?: string | undefined;
  weeklyHours?: number | undefined;
}

/**
 * A full working week in Denmark (37 hours). A candidate may hold two part-time positions at once,
 * as long as their hours add up to no more; a hire recorded without hours counts as full-time.
 */
export const FULL_TIME_WEEKLY_HOURS = 37;

export type HireDecision = { kind: 'record' } | { kind: 'already-recorded' } | { kind: 'refused'; reason: string };

/**
 * Whether a hire can be recorded: only on an order still open, never beyond its positions, and
 * never for a candidate who already holds positions that overlap (issue 15: a candidate cannot be
 * hired twice for overlapping positions). A position runs from its start with no end, so two
 * hires of one candidate overlap unless together they fit in one full-time week. The same hire
 * again is a retried request, not a second one.
 */
export function decideHire(
  status: OrderState,
  positions: number,
  hires: readonly Hire[],
  hire: Pick<Hire, 'jobcentre' | 'candidateRef' | 'startDate' | 'weeklyHours'>,
  elsewhere: readonly HireElsewhere[] = [],
): HireDecision {
  const same = hires.find((h) => h.jobcentre === hire.jobcentre && h.candidateRef === hire.candidateRef);
  if (same) {
    if (same.startDate === hire.startDate && same.weeklyHours === hire.weeklyHours) return { kind: 'already-recorded' };
    return {
      kind: 'refused',
      reason: `candidate ${hire.candidateRef} is hired for this order already / kandidat ${hire.candidateRef} er allerede ansat til denne ordre`,
    };
  }
  if (!isOpen(status)) return { kind: 'refused', reason: `the order is already ${status} / ordren er allerede lukket (${status})` };
  if (hires.length >= positions) {
    return { kind: 'refused', reason: `all ${positions} positions are filled / alle ${positions} stillinger er besat` };
  }
  const hours = hire.weeklyHours ?? FULL_TIME_WEEKLY_HOURS;
  const held = elsewhere.reduce((sum, h) => sum + (h.weeklyHours ?? FULL_TIME_WEEKLY_HOURS), 0);
  if (elsewhere.length > 0 && held + hours > FULL_TIME_WEEKLY_HOURS) {
    const orders = elsewhere.map((h) => h.orderId).join(', ');
    return {
      kind: 'refused',
      reason: `candidate ${hire.candidateRef} holds an overlapping position (order ${orders}; ${held} + ${hours} hours a week is more than ${FULL_TIME_WEEKLY_HOURS}) / kandidaten har allerede en overlappende stilling (ordre ${orders}; ${held} + ${hours} timer om ugen er mere end ${FULL_TIME_WEEKLY_HOURS})`,
    };
  }
  return { kind: 'record' };
}

/**
 * The n-th concurrent hire of a candidate (counting from 1), as the key one order claims by a
 * unique insert before it records the hire: two orders hiring the candidate at the same instant
 * both count the same hires elsewhere, so they claim the same slot and only one insert wins.
 */
export const hireSlotOf = (jobcentre: number, candidateRef: string, n: number) => `${jobcentre}/${candidateRef}/${n}`;

/**
 * A claim outlives a hire only when its order crashed between claiming and recording, or the hire
 * was removed since (erasure): the order then holds no hire of the candidate. Recording takes
 * milliseconds, so a claim older than this whose order holds no hire is left over and may go.
 */
export const HIRE_CLAIM_STALE_MS = 60_000;

export type SlotHolder = 'settled' | 'stale' | 'in-progress';

/** What a slot another order holds means: its hire is recorded (try the next slot), left over, or still being recorded (a race). */
export function slotHolder(holder: { orderId: string; claimedAt: string }, elsewhere: readonly HireElsewhere[], now: Date): SlotHolder {
  if (elsewhere.some((h) => h.orderId === holder.orderId)) return 'settled';
  const age = now.getTime() - Date.parse(holder.claimedAt);
  return age > HIRE_CLAIM_STALE_MS ? 'stale' : 'in-progress';
}

/** Names no other order: the caller may not be allowed to see it. */
export const HIRE_IN_PROGRESS = (candidateRef: string) =>
  `candidate ${candidateRef} is being hired on another order at this moment; try again to see whether the positions overlap / kandidat ${candidateRef} er ved at blive ansat på en anden ordre lige nu; prøv igen for at se, om stillingerne overlapper`;
