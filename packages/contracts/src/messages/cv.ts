import { z } from 'zod';
import { CandidateRef, Instant } from './common';

/**
 * One candidate in the common CV template, as the home jobcentre shares it with the pool:
 * pseudonymous, and only the fields matching needs. The CPR number, name and contact details
 * stay in the home jobcentre's own system.
 */
export const SharedCv = z.object({
  candidateRef: CandidateRef,
  /** When the home system last changed this CV. An older revision never overwrites a newer one. */
  revision: Instant,
  /** The candidate's own job title, e.g. "Social- og sundhedsassistent". */
  headline: z.string().min(1).max(200),
  /** DISCO-08 occupation codes (4 digits) the candidate is qualified for, best first. */
  occupations: z
    .array(z.string().regex(/^\d{4}$/, 'a 4-digit DISCO-08 code'))
    .min(1)
    .max(20),
  /** Skills and certificates in free words, e.g. "medicingivning", "truckcertifikat B". */
  skills: z.array(z.string().min(1).max(100)).max(50),
  /** ISO 639-1 codes, e.g. "da", "en". */
  languages: z.array(z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as "da"')).max(20),
  /** Municipality code of residence (distance to the job). */
  municipality: z.number().int().min(100).max(999),
  availableFrom: z.iso.date().optional(),
  drivingLicence: z.boolean().optional(),
  /** Shared-CV summary in the candidate's words, Danish or English. */
  summary: z.string().max(2000),
});
export type SharedCv = z.infer<typeof SharedCv>;

/** connector → matching: add or update CVs of the sending jobcentre's candidates (a batch of 1–500). */
export const CvsUpserted = z.object({
  /** Set by a sync run; every batch of one run carries the same id. */
  syncId: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9_-]*$/, 'letters, digits, - and _ only')
    .optional(),
  cvs: z.array(SharedCv).min(1).max(500),
});
export type CvsUpserted = z.infer<typeof CvsUpserted>;

/** connector → matching: remove candidates from the pool; their data is deleted there. */
export const CvsWithdrawn = z.object({
  candidateRefs: z.array(CandidateRef).min(1).max(500),
});
export type CvsWithdrawn = z.infer<typeof CvsWithdrawn>;

/**
 * connector → matching: a full sync run is complete. Once the pool holds all `total` distinct
 * CVs of run `syncId`, it deletes the sending jobcentre's CVs that the run did not contain.
 */
export const CvSyncCompleted = z.object({
  syncId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only'),
  total: z.number().int().min(0),
});
export type CvSyncCompleted = z.infer<typeof CvSyncCompleted>;

export const sharedCvExample: SharedCv = {
  candidateRef: 'c-147-0042',
  revision: '2026-11-20T08:15:00.000Z',
  headline: 'Social- og sundhedsassistent',
  occupations: ['5321'],
  skills: ['medicingivning', 'demens'],
  languages: ['da', 'en'],
  municipality: 147,
  availableFrom: '2026-12-01',
  drivingLicence: true,
  summary: 'SOSU-assistent med 6 års erfaring fra plejecenter og hjemmepleje.',
};

export const cvsUpsertedExample: CvsUpserted = { syncId: 'sync-20261125-0900', cvs: [sharedCvExample] };
export const cvsWithdrawnExample: CvsWithdrawn = { candidateRefs: ['c-147-0042'] };
export const cvSyncCompletedExample: CvSyncCompleted = { syncId: 'sync-20261125-0900', total: 12500 };
