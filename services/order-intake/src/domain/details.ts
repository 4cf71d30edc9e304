import {
  CEFR_LEVELS,
  CERTIFICATES,
  type Certificate,
  type HardRequirements,
  LICENCE_CATEGORIES,
  type LicenceCategory,
  type OrderRequirements,
  type OrderSummary,
  ORDER_EMPLOYMENT_TYPES,
  ORDER_WORKING_TIMES,
} from '@rs/contracts';
import type { z } from 'zod';

/*
 * An order's hard requirements are in matching's closed vocabulary (contracts cv-vocabulary.ts),
 * so the requirement the company states is the one matching filters by: a certificate, licence
 * or language level outside it is refused at the HTTP edge; what the company would like in its
 * own words belongs in `wishes`.
 */
export { LICENCE_CATEGORIES };
/** In contracts: the web front has a text for each value. */
export const EMPLOYMENT_TYPES = ORDER_EMPLOYMENT_TYPES;
export const WORKING_TIMES = ORDER_WORKING_TIMES;
/** CEFR levels, and `native` (modersmål). */
export const LANGUAGE_LEVELS = [...CEFR_LEVELS, 'native'] as const;
export const CERTIFICATE_KEYS = Object.keys(CERTIFICATES) as [Certificate, ...Certificate[]];
/** The occupation taxonomy the codes are from; stored with each code so a later version can be told apart. */
export const DEFAULT_TAXONOMY = 'DISCO-08';

export interface Requirements {
  /** Stored orders from before the vocabulary may hold free text; only vocabulary values are sent on. */
  certificates: string[];
  licences: (typeof LICENCE_CATEGORIES)[number][];
  /** Language (ISO 639-1, e.g. `da`) and the lowest level that will do. */
  languages: { language: string; level: (typeof LANGUAGE_LEVELS)[number] }[];
}

/** A job order as the company gave it (issue 15, part 2). */
export interface OrderDetails {
  title: string;
  description: string;
  occupation: { code: string; taxonomy: string; text?: string | undefined };
  positions: number;
  /** Where the job is. */
  workplaceMunicipality: number;
  employmentType?: (typeof EMPLOYMENT_TYPES)[number] | undefined;
  workingTime?: (typeof WORKING_TIMES)[number] | undefined;
  weeklyHours?: number | undefined;
  /** Wanted start (ISO date). */
  startBy?: string | undefined;
  /** The last day the company takes applications (ISO date). */
  applicationDeadline?: string | undefined;
  /** Hard requirements: a candidate without them is not presented. */
  requirements: Requirements;
  /** What the company would like, but does not require. */
  wishes: string[];
  /** The candidate can start at short notice. */
  shortNotice: boolean;
  /** The company's contact for this order. */
  contact?: { name: string; phone?: string | undefined; email?: string | undefined } | undefined;
}

export const NO_REQUIREMENTS: Requirements = { certificates: [], licences: [], languages: [] };

/** An order stored before issue 15 has only its summary: its details are what the summary says. */
export function detailsFromSummary(summary: z.infer<typeof OrderSummary>): OrderDetails {
  return {
    title: summary.title,
    description: summary.description,
    occupation: { code: summary.occupation, taxonomy: DEFAULT_TAXONOMY },
    positions: summary.positions,
    workplaceMunicipality: summary.municipality,
    ...(summary.startBy ? { startBy: summary.startBy } : {}),
    requirements: NO_REQUIREMENTS,
    wishes: [],
    shortNotice: false,
  };
}

/** What recipients and matching are sent: the summary of the details (no contact person). */
export function summaryOf(details: OrderDetails, companyName: string): z.infer<typeof OrderSummary> {
  return {
    title: details.title,
    occupation: details.occupation.code,
    positions: details.positions,
    municipality: details.workplaceMunicipality,
    companyName,
    description: details.description,
    ...(details.startBy ? { startBy: details.startBy } : {}),
    ...hardRequirementsOf(details.requirements),
  };
}

const isCertificate = (c: string): c is Certificate => Object.hasOwn(CERTIFICATES, c);
const isLicence = (l: string): l is LicenceCategory => (LICENCE_CATEGORIES as readonly string[]).includes(l);

/**
 * The order's requirements in matching's shape (OrderSummary.requirements). A native speaker meets
 * every CEFR level, so `native` is asked as C2. Values outside the vocabulary (free text of an
 * order stored before it, a licence category since retired) are not sent: matching could not
 * test them, and refusing the whole order for them would lose it. None at all → no `requirements`.
 */
export function hardRequirementsOf(r: Requirements): { requirements?: HardRequirements } {
  const certificates = r.certificates.filter(isCertificate);
  const licenceCategories = r.licences.filter(isLicence);
  const languages = r.languages.map((l) => ({ code: l.language, level: l.level === 'native' ? ('C2' as const) : l.level }));
  const requirements: HardRequirements = {
    ...(certificates.length > 0 ? { certificates } : {}),
    ...(licenceCategories.length > 0 ? { licenceCategories } : {}),
    ...(languages.length > 0 ? { languages } : {}),
  };
  return Object.keys(requirements).length > 0 ? { requirements } : {};
}

/**
 * The order's requirements as recipients are sent them (SearchTerms.requirements, the closed
 * vocabulary): free text of an order stored before the vocabulary is left out, as in
 * hardRequirementsOf — the contract refuses it, and the recipient could not search by it.
 */
export function sentRequirementsOf(r: Requirements): OrderRequirements {
  return { certificates: r.certificates.filter(isCertificate), licences: r.licences.filter(isLicence), languages: r.languages };
}

/** The fields a searching jobcentre works from: a change of any of them is an amendment its recipients are told. */
const SEARCH_FIELDS = [
  'title',
  'description',
  'occupation',
  'positions',
  'workplaceMunicipality',
  'employmentType',
  'workingTime',
  'weeklyHours',
  'startBy',
  'applicationDeadline',
  'requirements',
  'wishes',
  'shortNotice',
] as const satisfies readonly (keyof OrderDetails)[];

/** Which of the search fields differ (compared as JSON: the details are plain data). */
export function changedSearchFields(before: OrderDetails, after: OrderDetails): string[] {
  return SEARCH_FIELDS.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null));
}
