import { z } from 'zod';
import { CandidateRef, Instant, JobcentreCode, OrderId } from './common';
import { CPR_SHAPED } from './cv';

/*
 * A consultant who found a candidate in another jobcentre's pool asks that (home) jobcentre about
 * them, for an order or a company (R13: "search unemployed in other municipalities"). It travels
 * on the home jobcentre's own queue; the home jobcentre answers the asking consultant as it would
 * answer a reply, through its own channels. The candidate is named only by the pseudonymous
 * reference: free text shaped like a CPR number is refused whole, naming the field.
 */

/** Upper bound of the question's text: a question, not a CV. */
export const INQUIRY_QUESTION_MAX = 1000;

const CPR_PROBLEM =
  'looks like a CPR number (DDMMYY-XXXX or 10 digits): name the candidate by the pseudonymous reference only / ligner et CPR-nummer: brug kun den pseudonyme reference';

/** Free text with no CPR-shaped part (a CPR number must never leave its jobcentre). */
export const InquiryText = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((text) => !CPR_SHAPED.test(text), CPR_PROBLEM);

export const CandidateInquiry = z.object({
  inquiryId: z.uuid(),
  /** The candidate's home jobcentre: the receiver. */
  toJobcentre: JobcentreCode,
  candidateRef: CandidateRef,
  /** The asking consultant's jobcentre (from the token, never from the request). */
  fromJobcentre: JobcentreCode,
  /** The asking consultant's user id at its jobcentre, to answer. */
  askedBy: z.string().min(1).max(200),
  orderId: OrderId.optional(),
  /** The company the candidate is asked for, if not an order. */
  company: InquiryText(200).optional(),
  question: InquiryText(INQUIRY_QUESTION_MAX, 1),
  askedAt: Instant,
});
export type CandidateInquiry = z.infer<typeof CandidateInquiry>;

export const candidateInquiryExample: CandidateInquiry = {
  inquiryId: '3f0d6a8e-1c1b-4e9a-9a53-0c4f5e6a7b21',
  toJobcentre: 101,
  candidateRef: 'c-101-0042',
  fromJobcentre: 185,
  askedBy: 'taarnby',
  orderId: 'order-2026-0042',
  company: 'Dragør Lager ApS',
  question: 'Kan kandidaten starte på lageret i Dragør 1. januar? Truckcertifikat er et krav. / Can the candidate start on 1 January?',
  askedAt: '2026-12-01T10:30:00.000Z',
};
