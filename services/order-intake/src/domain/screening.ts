import { type CooperationView, cooperationById, type ScreeningPrinciple } from '@rs/contracts';
import { SHARED_SCREENING_PRINCIPLES } from '@rs/reference-data';

/*
 * The cooperation's shared screening principles (fælles screeningsprincipper, R12) as data: the
 * checklist a jobcentre goes through before it presents a candidate. Each presented candidate
 * records which of them were checked, so the lead and the company can see how a candidate was
 * screened. Each cooperation's list is part of its administered state (reporting's admin may
 * reword or extend it; ids are stable, a referral stores them); an order outside any cooperation,
 * or of a cooperation this service does not know, uses the shared list the seeds start from.
 */
export type { ScreeningPrinciple } from '@rs/contracts';

export function screeningPrinciplesOf(view: CooperationView, cooperation: string | null): readonly ScreeningPrinciple[] {
  return (cooperation ? cooperationById(view, cooperation)?.screeningPrinciples : undefined) ?? SHARED_SCREENING_PRINCIPLES;
}

/** The ids a referral named that are not principles of the order's cooperation. */
export function unknownPrinciples(view: CooperationView, cooperation: string | null, checked: readonly string[]): string[] {
  const known = new Set(screeningPrinciplesOf(view, cooperation).map((p) => p.id));
  return checked.filter((id) => !known.has(id));
}
