import { CEFR_LEVELS, CERTIFICATES, type Certificate, LICENCE_CATEGORIES, type LicenceCategory, type SharedCv } from '@rs/contracts';
import { cooperationOf, municipality } from '@rs/reference-data';
import { isVisible } from './visibility';

/** A CV in the pool: the common template plus the home jobcentre (from the broker's user_id). */
export interface PoolCv extends SharedCv {
  jobcentre: number;
}

/**
 * A CV as ranking reads it: the template normalised once (bare codes made objects, sets made bit
 * masks, dates made day numbers), so scoring 200,000 of them does no parsing.
 */
export interface Candidate {
  key: string;
  jobcentre: number;
  candidateRef: string;
  headline: string;
  occupations: readonly { code: string; years: number | undefined }[];
  certificates: number;
  licences: number;
  /** ISO code → CEFR index (0 = A1 … 5 = C2); -1 when the CV names the language without a level. */
  languages: ReadonlyMap<string, number>;
  /** Lower-cased skill phrases, words separated by one space. */
  skills: readonly string[];
  municipality: number;
  regionCode: number | undefined;
  cooperation: string | undefined;
  /** Days since 1970-01-01 from which the candidate can start, or undefined (now, or after noticeDays). */
  availableDay: number | undefined;
  noticeDays: number | undefined;
  commuteKm: number | undefined;
  revisionMs: number;
  availableFrom: string | undefined;
  visible: boolean;
}

const CERT_BITS = new Map(Object.keys(CERTIFICATES).map((c, i) => [c as Certificate, 1 << i]));
const LICENCE_BITS = new Map(LICENCE_CATEGORIES.map((c, i) => [c, 1 << i]));

export function certificateMask(certificates: readonly Certificate[] = []): number {
  let mask = 0;
  for (const c of certificates) mask |= CERT_BITS.get(c) ?? 0;
  return mask;
}

export function licenceMask(categories: readonly LicenceCategory[] = []): number {
  let mask = 0;
  for (const c of categories) mask |= LICENCE_BITS.get(c) ?? 0;
  return mask;
}

export function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}

/** A candidate's key in the shared pool: pseudonymous refs are unique only within their home jobcentre. */
export function poolKey(jobcentre: number, candidateRef: string): string {
  return `${jobcentre}-${candidateRef}`;
}

export function words(s: string): string[] {
  return s
    .toLocaleLowerCase('da')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

export function toCandidate(cv: PoolCv): Candidate {
  const home = municipality(cv.municipality);
  const homeJobcentre = home?.jobcentreCode ?? cv.jobcentre;
  const languages = new Map<string, number>();
  for (const l of cv.languages) {
    if (typeof l === 'string') {
      if (!languages.has(l)) languages.set(l, -1);
    } else languages.set(l.code, Math.max(languages.get(l.code) ?? -1, CEFR_LEVELS.indexOf(l.level)));
  }
  // The thin CV's `drivingLicence: true` says at least a car licence.
  const licences = [...(cv.licenceCategories ?? []), ...(cv.drivingLicence ? (['B'] as const) : [])];
  return {
    key: poolKey(cv.jobcentre, cv.candidateRef),
    jobcentre: cv.jobcentre,
    candidateRef: cv.candidateRef,
    headline: cv.headline,
    occupations: cv.occupations.map((o) => (typeof o === 'string' ? { code: o, years: undefined } : { code: o.code, years: o.years })),
    certificates: certificateMask(cv.certificates),
    licences: licenceMask(licences),
    languages,
    skills: cv.skills.map((s) => words(s).join(' ')).filter((s) => s.length >= 3),
    municipality: cv.municipality,
    regionCode: home?.regionCode,
    cooperation: cooperationOf(homeJobcentre)?.id,
    availableDay: cv.availableFrom ? dayNumber(cv.availableFrom) : undefined,
    noticeDays: cv.noticeDays,
    commuteKm: cv.commuteKm,
    revisionMs: Date.parse(cv.revision),
    availableFrom: cv.availableFrom,
    visible: isVisible(cv.visibility),
  };
}
