import { SCOPE_IDS } from '@rs/contracts';
import { z } from 'zod';
import { isPNumber, isValidCvr } from '../../domain/cvr';

/** Text a person typed: trimmed, not empty, bounded. */
export const Text = (max: number) => z.string().trim().min(1).max(max);

/** A CVR number: 8 digits passing the modulus-11 check. */
export const Cvr = z
  .string()
  .regex(/^\d{8}$/, { message: 'a CVR number is 8 digits (et CVR-nummer er 8 cifre)', abort: true })
  .refine(isValidCvr, 'not a valid CVR number: the modulus-11 check fails (ikke et gyldigt CVR-nummer)')
  .meta({ example: '24256790' });

export const PNumber = z.string().refine(isPNumber, 'a P-number is 10 digits (et P-nummer er 10 cifre)').meta({ example: '1003388394' });

export const Municipality = z.number().int().min(100).max(999);
export const JobcentreCode = z.number().int().min(100).max(999);

export const Contact = z.strictObject({
  name: Text(200),
  role: Text(100).optional(),
  phone: z
    .string()
    .regex(/^\+?[0-9 ]{6,20}$/, 'digits, spaces and a leading + (cifre, mellemrum og et foranstillet +)')
    .optional(),
  email: z.email().max(200).optional(),
});

export const Address = z.strictObject({
  street: Text(200),
  postalCode: z.string().regex(/^[1-9]\d{3}$/, 'a Danish postal code is 4 digits (et postnummer er 4 cifre)'),
  city: Text(100),
});

export const CompanyBody = z.strictObject({
  cvr: Cvr,
  pNumber: PNumber.optional(),
  // At most 100 characters: the register's names are shorter, and a page cursor carries the key.
  name: Text(100),
  address: Address,
  municipality: Municipality,
  /** R1: the jobcentre the company chose; otherwise the one of its municipality. */
  leadJobcentre: JobcentreCode.optional(),
  contacts: z.array(Contact).max(20).default([]),
});

/**
 * PATCH /companies/:id: any of these; the rest stays. The CVR and P-number are the company's key
 * and cannot change (an unknown field is refused, naming it). A new lead always gives its reason.
 */
export const CompanyPatchBody = z
  .strictObject({
    name: Text(100).optional(),
    address: Address.optional(),
    municipality: Municipality.optional(),
    /** The whole list of contact persons: one left out is removed. */
    contacts: z.array(Contact).max(20).optional(),
    lead: z
      .strictObject({
        jobcentre: JobcentreCode,
        /** Why the company changes its lead, e.g. "the company asked to be served by København". */
        reason: Text(2000),
      })
      .optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'name at least one field to change / angiv mindst ét felt' });

const HistoryView = z.object({
  at: z.string(),
  by: z.string(),
  kind: z.enum(['amended', 'lead-changed']),
  fields: z.array(z.string()).optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  reason: z.string().optional(),
});

export const CompanyView = z
  .object({
    id: z.string(),
    cvr: z.string(),
    pNumber: z.string().optional(),
    name: z.string(),
    address: z.object({ street: z.string(), postalCode: z.string(), city: z.string() }),
    municipality: z.number().int(),
    leadJobcentre: z.number().int(),
    leadChosen: z.boolean(),
    cooperation: z.string().nullable(),
    contacts: z.array(
      z.object({ name: z.string(), role: z.string().optional(), phone: z.string().optional(), email: z.string().optional() }),
    ),
    createdAt: z.string(),
    /** Every change since registration, oldest first: who, when, which fields; a new lead with from, to and reason. */
    history: z.array(HistoryView),
    /** 1 at registration, one more per change: the ETag, named in If-Match by a PATCH. */
    version: z.number().int().min(1),
  })
  .meta({ id: 'Company' });

export const Period = z.strictObject({ from: z.iso.date(), to: z.iso.date().optional() });

export const AgreementBody = z.strictObject({
  period: Period,
  expectedHires: z.number().int().min(0).max(100_000),
  terms: z
    .strictObject({
      /** Jobcentres without qualified candidates need not reply: their silence counts as "none" (R6). */
      silenceMeansNone: z.boolean().default(false),
      other: z.string().max(4000).default(''),
    })
    .default({ silenceMeansNone: false, other: '' }),
});

const PeriodView = z.object({ from: z.string(), to: z.string().optional() });

export const AgreementView = z
  .object({
    id: z.string(),
    companyId: z.string(),
    leadJobcentre: z.number().int(),
    cooperation: z.string().nullable(),
    period: PeriodView,
    expectedHires: z.number().int(),
    terms: z.object({ silenceMeansNone: z.boolean(), other: z.string() }),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'RecruitmentAgreement' });

export const FundAgreementBody = z.strictObject({
  fund: Text(200),
  cooperation: z.string().regex(/^[A-Z]{2,10}$/, 'a cooperation id, e.g. HRS'),
  period: Period,
  contact: z.strictObject({
    name: Text(200),
    email: z.email().max(200).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ]{6,20}$/)
      .optional(),
  }),
  notes: z.string().max(4000).default(''),
});

export const FundAgreementView = z
  .object({
    id: z.string(),
    fund: z.string(),
    cooperation: z.string(),
    period: PeriodView,
    contact: z.object({ name: z.string(), email: z.string().optional(), phone: z.string().optional() }),
    notes: z.string(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .meta({ id: 'FundAgreement' });

export const Scope = z.enum(SCOPE_IDS);
