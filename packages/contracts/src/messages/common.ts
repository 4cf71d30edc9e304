import { z } from 'zod';
import { SCOPE_IDS } from '../scopes';
import { HardRequirements } from './cv-vocabulary';

/** A jobcentre is named by the municipality code of its host municipality (101 = København). */
export const JobcentreCode = z.number().int().min(100).max(999);
export const Scope = z.enum(SCOPE_IDS);
export const OrderId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
export const RoundId = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');
export const Instant = z.iso.datetime({ offset: true });

/** What a recipient jobcentre needs to search its own unemployed. No personal data. */
export const OrderSummary = z.object({
  title: z.string().min(1).max(200),
  occupation: z.string().min(1).max(200),
  positions: z.number().int().min(1).max(1000),
  municipality: z.number().int().min(100).max(999),
  companyName: z.string().min(1).max(200),
  description: z.string().max(4000),
  startBy: z.iso.date().optional(),
  /** What every suggested candidate must have (matching never suggests one without it). */
  requirements: HardRequirements.optional(),
});

/**
 * A whole reference shaped like a CPR number (ten digits, optionally a dash after six). Kept here
 * rather than reusing cv.ts's CPR_SHAPED: cv.ts imports this module, so importing it back would be
 * a cycle; cv.ts's check (anywhere in free text) is wider and still applies to CVs.
 */
const CPR_SHAPED_REF = /^\d{6}-?\d{4}$/;

/** A candidate's pseudonymous reference, unique within the home jobcentre. Never a CPR number or a name. */
export const CandidateRef = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only')
  // A reference shaped like a CPR number is refused: it most likely is one, and a CPR number must never leave the jobcentre.
  .refine(
    (ref) => !CPR_SHAPED_REF.test(ref),
    'looks like a CPR number (ddmmyy-xxxx): use the pseudonymous reference / ligner et CPR-nummer: brug den pseudonyme reference',
  );
