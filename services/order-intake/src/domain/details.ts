import type { OrderSummary } from '@rs/contracts';
import type { z } from 'zod';

/** Driving-licence categories (kørekortkategorier) a job may require. */
export const LICENCE_CATEGORIES = ['AM', 'A1', 'A2', 'A', 'B', 'BE', 'C1', 'C1E', 'C', 'CE', 'D1', 'D1E', 'D', 'DE', 'T'] as const;
/** CEFR levels, and `native` (modersmål). */
export const LANGUAGE_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2', 'native'] as const;
export const EMPLOYMENT_TYPES = ['permanent', 'temporary', 'seasonal', 'substitute', 'apprenticeship', 'flex-job'] as const;
export const WORKING_TIMES = ['full-time', 'part-time'] as const;
/** The occupation taxonomy the codes are from; stored with each code so a later version can be told apart. */
export const DEFAULT_TAXONOMY = 'DISCO-08';

export interface Requirements {
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
  };
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
