import { z } from 'zod';
import { CandidateRef, Instant, JobcentreCode, OrderId, RoundId } from './common';

/**
 * What a reason is about. The first six are the thin CV's (before issue 17); the rest come from
 * the common CV template. A consumer shows `da`/`en` and may group by `code`.
 */
export const SHORTLIST_REASON_CODES = [
  'occupation',
  'related-occupation',
  'skills',
  'nearby',
  'same-region',
  'available',
  'occupation-group',
  'experience',
  'languages',
  'same-cooperation',
  'within-commute',
  'fresh',
  'requirements',
] as const;

/** Why a candidate is on a shortlist, in Danish and English for the consultant. */
export const ShortlistReason = z.object({
  code: z.enum(SHORTLIST_REASON_CODES),
  da: z.string(),
  en: z.string(),
});

/** A suggestion from the shared pool: the home jobcentre's own candidate, with the reasons. */
export const ShortlistCandidate = z.object({
  candidateRef: CandidateRef,
  headline: z.string(),
  score: z.number().min(0).max(100),
  reasons: z.array(ShortlistReason),
  availableFrom: z.iso.date().optional(),
});
export type ShortlistCandidate = z.infer<typeof ShortlistCandidate>;

/** At most this many suggestions per jobcentre and order. */
export const SHORTLIST_MAX = 10;

/**
 * matching → events: the pool was ranked for an order; one shortlist per jobcentre that has
 * suitable candidates. Services pass each jobcentre only its own list.
 */
export const OrderShortlisted = z.object({
  orderId: OrderId,
  rankedAt: Instant,
  /** CVs considered (the whole pool at ranking time). */
  poolSize: z.number().int().min(0),
  shortlists: z.array(
    z.object({
      jobcentre: JobcentreCode,
      candidates: z.array(ShortlistCandidate).min(1).max(SHORTLIST_MAX),
    }),
  ),
});
export type OrderShortlisted = z.infer<typeof OrderShortlisted>;

/** broadcast → a recipient's queue: its own suggested shortlist, when it came after the round opened. */
export const RoundShortlist = z.object({
  roundId: RoundId,
  orderId: OrderId,
  recipient: JobcentreCode,
  shortlist: z.array(ShortlistCandidate).min(1).max(SHORTLIST_MAX),
});
export type RoundShortlist = z.infer<typeof RoundShortlist>;

const exampleCandidate: ShortlistCandidate = {
  candidateRef: 'c-147-0042',
  headline: 'Social- og sundhedsassistent',
  score: 90,
  reasons: [
    { code: 'occupation', da: 'Samme fag (5321)', en: 'Same occupation (5321)' },
    { code: 'nearby', da: 'Bor i samme region', en: 'Lives in the same region' },
  ],
  availableFrom: '2026-12-01',
};

export const orderShortlistedExample: OrderShortlisted = {
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  rankedAt: '2026-11-25T09:00:01.000Z',
  poolSize: 12500,
  shortlists: [{ jobcentre: 147, candidates: [exampleCandidate] }],
};

export const roundShortlistExample: RoundShortlist = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  recipient: 147,
  shortlist: [exampleCandidate],
};
