import { CEFR_LEVELS, CERTIFICATES, type Certificate, LICENCE_CATEGORIES, type LicenceCategory, type SharedCv } from '@rs/contracts';
import { municipality } from '@rs/reference-data';
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
  /**
   * Language codes and their CEFR index (0 = A1 … 5 = C2; -1 when the CV names the language
   * without a level), flattened `[code, level, code, level, …]`: a Map per CV would cost more
   * memory than the rest of it (200,000 of them). Read with languageLevel.
   */
  languages: readonly (string | number)[];
  /** Lower-cased skill phrases, words separated by one space, with a space either side (found in a query's text as whole words). */
  skills: readonly string[];
  municipality: number;
  regionCode: number | undefined;
  /**
   * The jobcentre serving the municipality the candidate lives in: whether that is in the job's
   * cooperation is asked per query (the cooperations change; the index is not rebuilt for it).
   */
  homeJobcentre: number;
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

/**
 * One copy of each repeated string (headlines, skills, dates are few distinct values among
 * 200,000 CVs): the index holds references, not 200,000 copies.
 */
const interned = new Map<string, string>();
function intern(s: string): string {
  const held = interned.get(s);
  if (held !== undefined) return held;
  if (interned.size < 100_000) interned.set(s, s);
  return s;
}
const NO_SKILLS: readonly string[] = Object.freeze([]);

/** The CEFR index the candidate has in a language; -1 named without a level; undefined not named. */
export function languageLevel(c: Candidate, code: string): number | undefined {
  for (let i = 0; i < c.languages.length; i += 2) if (c.languages[i] === code) return c.languages[i + 1] as number;
  return undefined;
}

export function toCandidate(cv: PoolCv): Candidate {
  const home = municipality(cv.municipality);
  const homeJobcentre = home?.jobcentreCode ?? cv.jobcentre;
  const levels = new Map<string, number>();
  for (const l of cv.languages) {
    if (typeof l === 'string') {
      if (!levels.has(l)) levels.set(l, -1);
    } else levels.set(l.code, Math.max(levels.get(l.code) ?? -1, CEFR_LEVELS.indexOf(l.level)));
  }
  const languages: (string | number)[] = [];
  for (const [code, level] of levels) languages.push(intern(code), level);
  const skills = cv.skills
    .map((s) => words(s).join(' '))
    .filter((s) => s.length >= 3)
    .map((s) => intern(` ${s} `));
  // The thin CV's `drivingLicence: true` says at least a car licence.
  const licences = [...(cv.licenceCategories ?? []), ...(cv.drivingLicence ? (['B'] as const) : [])];
  // What a shortlist reads of each pick first (key, ref, headline, start date): one cache line of
  // the object, which ranking otherwise reaches for a thousand scattered CVs per order.
  return {
    key: poolKey(cv.jobcentre, cv.candidateRef),
    candidateRef: cv.candidateRef,
    headline: intern(cv.headline),
    availableFrom: cv.availableFrom === undefined ? undefined : intern(cv.availableFrom),
    jobcentre: cv.jobcentre,
    occupations: cv.occupations.map((o) =>
      typeof o === 'string' ? { code: intern(o), years: undefined } : { code: intern(o.code), years: o.years },
    ),
    certificates: certificateMask(cv.certificates),
    licences: licenceMask(licences),
    languages,
    skills: skills.length > 0 ? skills : NO_SKILLS,
    municipality: cv.municipality,
    regionCode: home?.regionCode,
    homeJobcentre,
    availableDay: cv.availableFrom ? dayNumber(cv.availableFrom) : undefined,
    noticeDays: cv.noticeDays,
    commuteKm: cv.commuteKm,
    revisionMs: Date.parse(cv.revision),
    visible: isVisible(cv.visibility),
  };
}
