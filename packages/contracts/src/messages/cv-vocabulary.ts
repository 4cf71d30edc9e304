import { z } from 'zod';

/*
 * The closed vocabularies of the common CV template and of an order's hard requirements. They
 * are shared by both sides of a match, so they live apart from either (common.ts imports the
 * requirements; cv.ts imports the rest). Each value carries its Danish and English label.
 */

/** A DISCO-08 unit group (4 digits): the level of the hierarchy every jobcentre system records. */
export const DiscoCode = z.string().regex(/^\d{4}$/, 'a 4-digit DISCO-08 code');

/** Certificates the cooperations name in job orders (construction, logistics, food, care). */
export const CERTIFICATES = {
  'construction-safety': { da: 'Sikkerhedskursus (bygge og anlæg)', en: 'Construction safety course' },
  forklift: { da: 'Truckcertifikat', en: 'Forklift certificate' },
  crane: { da: 'Kranførercertifikat', en: 'Crane operator certificate' },
  scaffolding: { da: 'Stilladsuddannelse', en: 'Scaffolding certificate' },
  hygiene: { da: 'Hygiejnebevis', en: 'Food hygiene certificate' },
  'first-aid': { da: 'Førstehjælpsbevis', en: 'First aid certificate' },
  adr: { da: 'ADR-bevis (farligt gods)', en: 'ADR certificate (dangerous goods)' },
  'driver-cpc': { da: 'Chaufføruddannelse (EU-kvalifikationsbevis)', en: 'Driver CPC' },
  'security-guard': { da: 'Vagtkort', en: 'Security guard licence' },
  'authorised-electrician': { da: 'Elautorisation', en: 'Authorised electrician' },
  'medication-handling': { da: 'Medicinhåndtering', en: 'Medication handling' },
} as const;
export const Certificate = z.enum(Object.keys(CERTIFICATES) as [keyof typeof CERTIFICATES, ...(keyof typeof CERTIFICATES)[]]);
export type Certificate = z.infer<typeof Certificate>;

/** Danish driving-licence categories (færdselsloven / kørekortbekendtgørelsen). */
export const LICENCE_CATEGORIES = ['AM', 'A1', 'A2', 'A', 'B', 'BE', 'C1', 'C1E', 'C', 'CE', 'D1', 'D1E', 'D', 'DE'] as const;
export const LicenceCategory = z.enum(LICENCE_CATEGORIES);
export type LicenceCategory = z.infer<typeof LicenceCategory>;

/** The Common European Framework of Reference for languages, lowest first. */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
export const CefrLevel = z.enum(CEFR_LEVELS);
export type CefrLevel = z.infer<typeof CefrLevel>;

export const LanguageCode = z.string().regex(/^[a-z]{2}$/, 'an ISO 639-1 code such as "da"');

export const HOURS = { 'full-time': { da: 'Fuld tid', en: 'Full time' }, 'part-time': { da: 'Deltid', en: 'Part time' } } as const;
export const Hours = z.enum(['full-time', 'part-time']);

export const EMPLOYMENT_TYPES = {
  permanent: { da: 'Fastansættelse', en: 'Permanent' },
  temporary: { da: 'Tidsbegrænset', en: 'Temporary' },
  seasonal: { da: 'Sæsonarbejde', en: 'Seasonal' },
  substitute: { da: 'Vikariat', en: 'Substitute' },
  'flex-job': { da: 'Fleksjob', en: 'Flex job' },
} as const;
export const EmploymentType = z.enum(['permanent', 'temporary', 'seasonal', 'substitute', 'flex-job']);

/** Danish levels of completed education, the way jobcentre systems record them (ISCED in brackets). */
export const EDUCATION_LEVELS = {
  'primary-school': { da: 'Grundskole', en: 'Primary and lower secondary (ISCED 1–2)' },
  'upper-secondary': { da: 'Gymnasial uddannelse', en: 'Upper secondary (ISCED 3)' },
  vocational: { da: 'Erhvervsuddannelse', en: 'Vocational education (ISCED 3–4)' },
  'short-cycle': { da: 'Kort videregående uddannelse', en: 'Short-cycle tertiary (ISCED 5)' },
  bachelor: { da: 'Mellemlang videregående uddannelse / bachelor', en: "Bachelor's or equivalent (ISCED 6)" },
  master: { da: 'Lang videregående uddannelse / kandidat', en: "Master's or equivalent (ISCED 7)" },
  doctorate: { da: 'Ph.d.', en: 'Doctorate (ISCED 8)' },
} as const;
export const EducationLevel = z.enum(
  Object.keys(EDUCATION_LEVELS) as [keyof typeof EDUCATION_LEVELS, ...(keyof typeof EDUCATION_LEVELS)[]],
);

/**
 * What a candidate must have for an order; one that lacks any of it is never suggested. Set by
 * the lead jobcentre with the company (an order's `requirements`) or by a consultant's search.
 */
export const HardRequirements = z.strictObject({
  certificates: z.array(Certificate).max(20).optional(),
  /** Every category listed is required (a C licence for a lorry job, B for home care). */
  licenceCategories: z.array(LicenceCategory).max(14).optional(),
  /** Each language at this CEFR level or higher. */
  languages: z
    .array(z.strictObject({ code: LanguageCode, level: CefrLevel }))
    .max(10)
    .optional(),
  /** Must be able to start within this many days of the search ("kan starte med kort varsel"). */
  startWithinDays: z.number().int().min(0).max(365).optional(),
});
export type HardRequirements = z.infer<typeof HardRequirements>;
