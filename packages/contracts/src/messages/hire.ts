import { z } from 'zod';
import { CandidateRef, Instant, JobcentreCode, OrderId, RoundId } from './common';

/** order-intake → events: the company hired a candidate for an order (R10 placement). */
export const CandidateHired = z.object({
  orderId: OrderId,
  /** The candidate's home jobcentre, which proposed them. */
  jobcentre: JobcentreCode,
  candidateRef: CandidateRef,
  hiredAt: Instant,
  /** When the candidate starts (R10 follow-ups count from it). Absent on hires recorded before issue 15. */
  startDate: z.iso.date().optional(),
  weeklyHours: z.number().min(1).max(60).optional(),
  /** A large project (flag on the order or its agreement): the onboarding consultant follows up. */
  followUp: z.boolean().optional(),
  cooperation: z.string().min(1).max(40).nullable().optional(),
});
export type CandidateHired = z.infer<typeof CandidateHired>;

/**
 * broadcast → the lead of another open round: a candidate proposed to your order was hired
 * elsewhere and is no longer available (no double placement).
 */
export const CandidateWithdrawn = z.object({
  roundId: RoundId,
  orderId: OrderId,
  jobcentre: JobcentreCode,
  candidateRef: CandidateRef,
  reason: z.enum(['hired-elsewhere']),
  hiredFor: OrderId,
});
export type CandidateWithdrawn = z.infer<typeof CandidateWithdrawn>;

export const candidateHiredExample: CandidateHired = {
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  jobcentre: 147,
  candidateRef: 'c-147-0042',
  hiredAt: '2026-12-01T10:00:00.000Z',
  startDate: '2027-01-04',
  weeklyHours: 37,
  followUp: true,
  cooperation: 'HRS',
};

export const candidateWithdrawnExample: CandidateWithdrawn = {
  roundId: '7d0e5c1a-2b44-4f0e-8f5e-0c2a9e6b1d33-1',
  orderId: '7d0e5c1a-2b44-4f0e-8f5e-0c2a9e6b1d33',
  jobcentre: 147,
  candidateRef: 'c-147-0042',
  reason: 'hired-elsewhere',
  hiredFor: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
};
