/*
 * The search form as the page holds it (strings, as a form sends them) and the search API's body
 * made from it. Matching validates the body; its problems come back named by field, so nothing
 * is checked twice here beyond turning form text into the body's shape.
 */

/** The common CV template's certificates (packages/contracts, cv-vocabulary.ts); labels: locales/candidates.ts `candidates.cert.*`. */
export const CERTIFICATE_CODES = [
  'construction-safety',
  'forklift',
  'crane',
  'scaffolding',
  'hygiene',
  'first-aid',
  'adr',
  'driver-cpc',
  'security-guard',
  'authorised-electrician',
  'medication-handling',
] as const;
export const LICENCE_CODES = ['AM', 'A1', 'A2', 'A', 'B', 'BE', 'C1', 'C1E', 'C', 'CE', 'D1', 'D1E', 'D', 'DE'] as const;
export const LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'] as const;
/** The languages offered as requirements (ISO 639-1); their names come from Intl in the page's language. */
export const LANGUAGE_CODES = ['da', 'en', 'de', 'sv', 'no', 'pl', 'ro', 'lt', 'uk', 'ar', 'tr', 'fr', 'es'] as const;
/** "Can start at short notice": within this many days. */
export const SHORT_NOTICE_DAYS = 14;

export interface SearchForm {
  occupation: string;
  municipality: string;
  scope: string;
  certificates: string[];
  licences: string[];
  languages: { code: string; level: string }[];
  shortNotice: boolean;
  text: string;
  startBy: string;
  purpose: string;
  orderId: string;
}

const text = (v: unknown, max = 4000): string => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const list = (v: unknown): string[] =>
  v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string');

/** The form from a posted body (urlencoded: repeated fields are arrays); defaults for a first visit. */
export function searchForm(body: Record<string, unknown>, ownJobcentre: number): SearchForm {
  const languages = [1, 2]
    .map((n) => ({ code: text(body[`language${n}`], 2), level: text(body[`level${n}`], 2) }))
    .filter((l) => l.code !== '');
  return {
    occupation: text(body.occupation, 10),
    municipality: text(body.municipality, 3) || String(ownJobcentre),
    scope: text(body.scope, 20) || 'cooperation',
    certificates: list(body.certificates).filter((c) => (CERTIFICATE_CODES as readonly string[]).includes(c)),
    licences: list(body.licences).filter((c) => (LICENCE_CODES as readonly string[]).includes(c)),
    languages,
    shortNotice: body.shortNotice === 'yes',
    text: text(body.text),
    startBy: text(body.startBy, 10),
    purpose: text(body.purpose, 200),
    orderId: text(body.orderId, 100),
  };
}

const numberOr = (v: string): number | string => (/^\d{1,4}$/.test(v) ? Number(v) : v);

/** The body of POST /candidate-searches. */
export function searchBody(form: SearchForm, limit: number): Record<string, unknown> {
  const requirements = {
    ...(form.certificates.length > 0 ? { certificates: form.certificates } : {}),
    ...(form.licences.length > 0 ? { licenceCategories: form.licences } : {}),
    ...(form.languages.length > 0 ? { languages: form.languages } : {}),
    ...(form.shortNotice ? { startWithinDays: SHORT_NOTICE_DAYS } : {}),
  };
  return {
    occupation: form.occupation,
    municipality: numberOr(form.municipality),
    scope: form.scope,
    purpose: form.purpose,
    limit,
    ...(Object.keys(requirements).length > 0 ? { requirements } : {}),
    ...(form.text ? { text: form.text } : {}),
    ...(form.startBy ? { startBy: form.startBy } : {}),
    ...(form.orderId ? { orderId: form.orderId } : {}),
  };
}

export interface CandidateResult {
  candidateRef: string;
  jobcentre: number;
  jobcentreName: string;
  headline: string;
  score: number;
  reasons: { code: string; da: string; en: string }[];
  occupations: { code: string; years?: number }[];
  certificates: string[];
  licenceCategories: string[];
  languages: { code: string; level?: string }[];
  availableFrom?: string;
  noticeDays?: number;
}

export interface JobcentreGroup {
  jobcentre: number;
  name: string;
  results: CandidateResult[];
}

/** Results grouped by home jobcentre (whom to ask), the group with the best candidate first; best first within each. */
export function groupByJobcentre(results: readonly CandidateResult[], nameOf: (code: number) => string): JobcentreGroup[] {
  const groups = new Map<number, JobcentreGroup>();
  for (const r of results) {
    let group = groups.get(r.jobcentre);
    if (!group) {
      group = { jobcentre: r.jobcentre, name: `${nameOf(r.jobcentre)} (${r.jobcentre})`, results: [] };
      groups.set(r.jobcentre, group);
    }
    group.results.push(r);
  }
  return [...groups.values()];
}
