import { createHash } from 'node:crypto';
import { z } from 'zod';
import { CandidateRef, Instant, JobcentreCode } from './common';
import { CefrLevel, Certificate, DiscoCode, EducationLevel, EmploymentType, Hours, LanguageCode, LicenceCategory } from './cv-vocabulary';

/*
 * The common CV template of the cooperations ("fælles skabelon for cv'er … på dansk og
 * engelsk"): what a home jobcentre shares with the pool about one unemployed candidate. It is
 * pseudonymous: the CPR number, name and contact details stay in the home jobcentre's own system,
 * and anything shaped like them is refused (refusePersonalIdentifiers). docs/cv-template.md and
 * docs/schemas/cv-template.v1.json are generated from this file.
 *
 * Two fields keep their first form beside the full one, so connectors written for the thin CV
 * (before issue 17) still validate: an occupation may be a bare DISCO-08 code (years unknown),
 * a language a bare ISO code (level unknown), the summary one string (language unknown).
 */

/** Danish and English label of a field, shown by the docs page and any form built from the schema. */
function label(da: string, en: string, description?: string) {
  return { title: en, 'x-label-da': da, 'x-label-en': en, ...(description ? { description } : {}) };
}

/** DDMMYY-XXXX (with or without the dash or a space) or any 10 digits in a row. */
export const CPR_SHAPED = /(?<!\d)\d{6}[-\s]?\d{4}(?!\d)/;
const EMAIL_SHAPED = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
/** A Danish phone number: 8 digits, optionally +45/0045 and spaced in pairs or fours. */
const PHONE_SHAPED = /(?<![\d-])(?:(?:\+|00)45[\s-]?)?(?:\d{2}[\s]?){3}\d{2}(?![\d-])/;

/** Why a text may not enter the pool, or undefined. Shapes only: a false alarm is cheaper than a leaked CPR number. */
export function personalIdentifierIn(text: string): string | undefined {
  if (CPR_SHAPED.test(text))
    return 'looks like a CPR number (DDMMYY-XXXX or 10 digits): use the pseudonymous reference only / ligner et CPR-nummer';
  if (EMAIL_SHAPED.test(text)) return 'looks like an e-mail address: no contact details in the pool / ligner en e-mailadresse';
  if (PHONE_SHAPED.test(text)) return 'looks like a phone number: no contact details in the pool / ligner et telefonnummer';
  return undefined;
}

/** Free text that is refused when it holds a CPR number or contact details (CVs, courses). */
export const FreeText = (max: number, min = 0) =>
  z
    .string()
    .min(min)
    .max(max)
    .superRefine((text, ctx) => {
      const problem = personalIdentifierIn(text);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });

/** The home jobcentre's pseudonymous reference; never the CPR number. */
const PseudonymousRef = CandidateRef.superRefine((ref, ctx) => {
  if (CPR_SHAPED.test(ref) || /^\d{10}$/.test(ref.replace(/[-_]/g, '')))
    ctx.addIssue({ code: 'custom', message: 'looks like a CPR number: use the pseudonymous reference / ligner et CPR-nummer' });
}).meta(
  label('Pseudonym reference', 'Pseudonymous reference', 'Issued by the home jobcentre, unique there; never a CPR number or a name.'),
);

export const CvOccupation = z.union([
  DiscoCode,
  z.strictObject({
    code: DiscoCode,
    /** Years of experience in the occupation (whole or half years). */
    years: z.number().min(0).max(60).meta(label('Års erfaring', 'Years of experience')),
  }),
]);

export const CvLanguage = z.union([
  LanguageCode,
  z.strictObject({ code: LanguageCode, level: CefrLevel.meta(label('Niveau (CEFR)', 'Level (CEFR)')) }),
]);

export const CvEducation = z.strictObject({
  level: EducationLevel.meta(label('Niveau', 'Level')),
  /** The field in the jobcentre's words, e.g. "Social- og sundhedsassistent", "Datamatiker". */
  field: FreeText(200).meta(label('Fag / retning', 'Field')),
  completedYear: z.number().int().min(1950).max(2100).optional().meta(label('Afsluttet år', 'Year completed')),
});

/**
 * Whether the home jobcentre lets the pool show the CV. Only its connector knows (actively
 * seeking, address protection, consent): the pool shows a CV only when `searchable` is true and
 * nothing here says otherwise. A CV without this object is kept but never shown.
 */
export const CvVisibility = z.strictObject({
  searchable: z.boolean().meta(label('Søgbar', 'Searchable', 'The home jobcentre marks the CV searchable in the shared pool.')),
  activelySeeking: z.boolean().optional().meta(label('Aktivt jobsøgende', 'Actively seeking')),
  /** Name and address protection (navne- og adressebeskyttelse): never shown, whatever `searchable` says. */
  addressProtected: z.boolean().optional().meta(label('Navne- og adressebeskyttet', 'Address protected')),
  consent: z.enum(['given', 'not-required', 'missing', 'refused']).optional().meta(label('Samtykke', 'Consent')),
});
export type CvVisibility = z.infer<typeof CvVisibility>;

/** One candidate in the common CV template. */
export const SharedCv = z
  .object({
    candidateRef: PseudonymousRef,
    /** When the home system last changed this CV ("sidst opdateret"). An older revision never overwrites a newer one. */
    revision: Instant.meta(label('Sidst opdateret', 'Last updated')),
    /** The candidate's own job title, e.g. "Social- og sundhedsassistent". */
    headline: FreeText(200, 1).meta(label('Overskrift', 'Headline')),
    /** DISCO-08 occupations the candidate is qualified for, best first, with years of experience. */
    occupations: z.array(CvOccupation).min(1).max(20).meta(label('Fag (DISCO-08) og erfaring', 'Occupations (DISCO-08) and experience')),
    /** Skills in free words, e.g. "medicingivning", "facademuring". */
    skills: z.array(FreeText(100, 1)).max(50).meta(label('Kompetencer', 'Skills')),
    education: z.array(CvEducation).max(20).optional().meta(label('Uddannelse', 'Education')),
    certificates: z.array(Certificate).max(30).optional().meta(label('Certifikater', 'Certificates')),
    /** Driving-licence categories; `drivingLicence` alone (the first form) means at least B. */
    licenceCategories: z.array(LicenceCategory).max(14).optional().meta(label('Kørekort (kategorier)', 'Driving-licence categories')),
    drivingLicence: z.boolean().optional().meta(label('Kørekort', 'Driving licence')),
    languages: z.array(CvLanguage).max(20).meta(label('Sprog', 'Languages')),
    /** Municipality code of residence (distance to the job). */
    municipality: z.number().int().min(100).max(999).meta(label('Bopælskommune', 'Home municipality')),
    /** Available from this date … */
    availableFrom: z.iso.date().optional().meta(label('Kan starte fra', 'Available from')),
    /** … or this many days after being offered a job (when no date is set). */
    noticeDays: z.number().int().min(0).max(365).optional().meta(label('Varsel (dage)', 'Notice (days)')),
    hours: z.array(Hours).max(2).optional().meta(label('Ønsket arbejdstid', 'Wanted hours')),
    employmentTypes: z.array(EmploymentType).max(5).optional().meta(label('Ansættelsesformer', 'Employment types')),
    /** How far the candidate will commute, one way. */
    commuteKm: z.number().int().min(0).max(500).optional().meta(label('Max. transport (km)', 'Commuting limit (km)')),
    /** Short summary in Danish and/or English (a bare string: language not stated). */
    summary: z
      .union([
        FreeText(2000),
        z
          .strictObject({ da: FreeText(2000).optional(), en: FreeText(2000).optional() })
          .refine((s) => s.da !== undefined || s.en !== undefined, 'give da, en or both / angiv da, en eller begge'),
      ])
      .meta(label('Resumé (dansk/engelsk)', 'Summary (Danish/English)')),
    visibility: CvVisibility.optional().meta(label('Synlighed', 'Visibility')),
  })
  .meta(label('Fælles cv-skabelon', 'Common CV template'));
export type SharedCv = z.infer<typeof SharedCv>;

/** The same schema under the name the cooperations use. */
export const CvTemplate = SharedCv;

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

/**
 * matching → events: candidates left the pool (withdrawn by their jobcentre, or dropped by a
 * full sync). Every service holding a copy (broadcast's shortlists, rounds and catch-up feed,
 * matching's inquiries, upskilling-seat's seat requests, reporting's facts) deletes it.
 */
export const CvErased = z.object({
  jobcentre: JobcentreCode,
  candidateRefs: z.array(CandidateRef).min(1).max(500),
  erasedAt: Instant,
});
export type CvErased = z.infer<typeof CvErased>;

/**
 * matching → a jobcentre's queue: its searchable CVs not updated for `staleAfterDays` ("keep CVs
 * current" is a duty in both cooperations). Once a day per jobcentre while any are stale.
 */
export const StaleCvs = z.object({
  jobcentre: JobcentreCode,
  staleAfterDays: z.number().int().min(1),
  count: z.number().int().min(1),
  /** The oldest first, at most 500; `count` says how many there are. */
  candidates: z.array(z.object({ candidateRef: CandidateRef, revision: Instant })).max(500),
  reportedAt: Instant,
});
export type StaleCvs = z.infer<typeof StaleCvs>;

export const sharedCvExample: SharedCv = {
  candidateRef: 'c-147-0042',
  revision: '2026-11-20T08:15:00.000Z',
  headline: 'Social- og sundhedsassistent',
  occupations: [{ code: '5321', years: 6 }, '5322'],
  skills: ['medicingivning', 'demens'],
  education: [{ level: 'vocational', field: 'Social- og sundhedsassistent', completedYear: 2019 }],
  certificates: ['first-aid', 'medication-handling'],
  licenceCategories: ['B'],
  languages: [
    { code: 'da', level: 'C2' },
    { code: 'en', level: 'B2' },
  ],
  municipality: 147,
  availableFrom: '2026-12-01',
  hours: ['full-time', 'part-time'],
  employmentTypes: ['permanent', 'temporary'],
  commuteKm: 30,
  summary: {
    da: 'SOSU-assistent med 6 års erfaring fra plejecenter og hjemmepleje.',
    en: 'Social and health care assistant, 6 years in nursing homes and home care.',
  },
  visibility: { searchable: true, activelySeeking: true, addressProtected: false, consent: 'not-required' },
};

export const cvsUpsertedExample: CvsUpserted = { syncId: 'sync-20261125-0900', cvs: [sharedCvExample] };
export const cvsWithdrawnExample: CvsWithdrawn = { candidateRefs: ['c-147-0042'] };
export const cvSyncCompletedExample: CvSyncCompleted = { syncId: 'sync-20261125-0900', total: 12500 };
export const cvErasedExample: CvErased = { jobcentre: 147, candidateRefs: ['c-147-0042'], erasedAt: '2026-12-01T10:00:00.000Z' };
export const staleCvsExample: StaleCvs = {
  jobcentre: 147,
  staleAfterDays: 30,
  count: 1,
  candidates: [{ candidateRef: 'c-147-0042', revision: '2026-10-01T08:15:00.000Z' }],
  reportedAt: '2026-12-01T06:00:00.000Z',
};

/**
 * What an erased candidate's ref becomes where a count must stay (a seat taken, a participant's
 * outcome, a hire): one marker per jobcentre and ref, the same in every service, so a participant
 * and their hire still pair up and a redelivered erasure writes the same thing again. It is
 * one-way (a digest), so the ref cannot be read back from it; it is a valid CandidateRef.
 */
export function erasedRef(jobcentre: number, candidateRef: string): string {
  return `erased-${createHash('sha256').update(`${jobcentre}:${candidateRef}`).digest('hex').slice(0, 20)}`;
}

/** Whether a ref is an erased marker (erasedRef). */
export function isErasedRef(candidateRef: string): boolean {
  return /^erased-[0-9a-f]{20}$/.test(candidateRef);
}
