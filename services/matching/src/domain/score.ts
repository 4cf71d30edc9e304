import { type CooperationsNow, cooperationIdOf, type HardRequirements, membersOf, type ShortlistCandidate } from '@rs/contracts';
import { municipality } from '@rs/reference-data';
import { type Candidate, dayNumber, languageLevel, words } from './candidate';
import { DISCO_LEVEL_NAMES, type DiscoLevel, discoCloseness, MIN_ELIGIBLE_LEVEL } from './disco';
import { meetsRequirements, type PreparedRequirements, prepareRequirements, startDay } from './requirements';

const LONG_DATE = {
  da: new Intl.DateTimeFormat('da-DK', { dateStyle: 'long', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' }),
};
/** A reason is read by a consultant: `15. december 2026` / `15 December 2026`, not an ISO date. */
const longDate = (isoDay: string, lang: 'da' | 'en') => LONG_DATE[lang].format(new Date(`${isoDay}T00:00:00Z`));

/** What is looked for: an order, or a consultant's search. */
export interface MatchQuery {
  /** DISCO-08 unit group (4 digits). */
  occupation: string;
  /** Where the job is. */
  municipality: number;
  /** The start date; without one, "within 14 days" counts as available. */
  startBy?: string | undefined;
  /** The order's title and description: skills the CV names and this text mentions add points. */
  text?: string | undefined;
  requirements?: HardRequirements | undefined;
}

/** Points per criterion; the best possible CV scores 100. */
export const WEIGHTS = {
  occupation: { 4: 35, 3: 22, 2: 10 },
  /** Per year of experience in the closest occupation, up to maxExperience. */
  experiencePerYear: 1.5,
  maxExperience: 15,
  skill: 3,
  maxSkills: 3,
  danish: 5,
  sameMunicipality: 16,
  sameRegion: 10,
  sameCooperation: 6,
  withinCommute: 5,
  available: 10,
  freshMonth: 5,
  freshQuarter: 2,
} as const;

/** Without a start date, a candidate able to start within this many days counts as available. */
export const DEFAULT_START_DAYS = 14;
export const FRESH_MONTH_DAYS = 30;
export const FRESH_QUARTER_DAYS = 90;
/** Danish at this CEFR level or above (B2) counts; a bare "da" is taken for a native speaker. */
export const DANISH_LEVEL = 3;

/**
 * Rough one-way distance in km by how the two municipalities relate (the reference data has no
 * coordinates): enough to hold it against the candidate's own commuting limit.
 */
export const DISTANCE_KM = { municipality: 10, region: 40, cooperation: 40, further: 150 } as const;
export type DistanceClass = keyof typeof DISTANCE_KM;

/** A query prepared once for many CVs. */
export interface PreparedQuery {
  occupation: string;
  municipality: number;
  regionCode: number | undefined;
  /** The members of the job's jobcentre's cooperation (empty: none), as the cooperations are now. */
  cooperationMembers: ReadonlySet<number>;
  text: string;
  requirements: PreparedRequirements;
  hasRequirements: boolean;
  todayDay: number;
  startByDay: number;
  startBy: string;
  nowMs: number;
  /** "Can start by …" with the query's date: the one reason whose words depend on the query (the others: FIXED_REASONS, `reasonWords`). */
  availableReason: Reason;
}

export function prepareQuery(query: MatchQuery, now: Date, cooperations: CooperationsNow): PreparedQuery {
  const todayDay = Math.floor(now.getTime() / 86_400_000);
  const job = municipality(query.municipality);
  const startByDay = query.startBy ? dayNumber(query.startBy) : todayDay + DEFAULT_START_DAYS;
  const r = query.requirements;
  const startBy = new Date(startByDay * 86_400_000).toISOString().slice(0, 10);
  return {
    occupation: query.occupation,
    municipality: query.municipality,
    regionCode: job?.regionCode,
    cooperationMembers: new Set(job ? membersOf(cooperations, cooperationIdOf(cooperations, job.jobcentreCode) ?? '') : []),
    text: ` ${words(query.text ?? '').join(' ')} `,
    requirements: prepareRequirements(r, todayDay),
    hasRequirements: !!r && Object.values(r).some((v) => (Array.isArray(v) ? v.length > 0 : v !== undefined)),
    todayDay,
    startByDay,
    startBy,
    nowMs: now.getTime(),
    availableReason: {
      code: 'available',
      da: `Kan starte senest ${longDate(startBy, 'da')}`,
      en: `Can start by ${longDate(startBy, 'en')}`,
    },
  };
}

/** The reasons whose words are the same for every candidate and every query. */
const FIXED_REASONS = {
  requirements: { code: 'requirements', da: 'Opfylder alle krav i ordren', en: 'Meets every requirement of the order' },
  danish: { code: 'languages', da: 'Taler dansk', en: 'Speaks Danish' },
  municipality: { code: 'nearby', da: 'Bor i jobbets kommune', en: "Lives in the job's municipality" },
  region: { code: 'same-region', da: 'Bor i jobbets region', en: "Lives in the job's region" },
  cooperation: { code: 'same-cooperation', da: 'Bor i jobbets samarbejde', en: "Lives in the job's cooperation" },
} as const satisfies Record<string, Reason>;

/**
 * Reasons whose words depend only on a number or a code, made once and shared by every candidate
 * and every query they apply to: a national order explains ~1,000 candidates, and most of their
 * words are the same. Looked up by the number or code itself (no key strings built per
 * candidate); a table that grows past REASON_TABLE_MAX (odd values: years 12.5, a limit of 37 km)
 * starts again, so it stays small.
 */
const reasonWords = {
  /** Per closeness (2, 3, 4 at 0, 1, 2), by occupation code. */
  occupation: [new Map<string, Reason>(), new Map<string, Reason>(), new Map<string, Reason>()],
  years: new Map<number, Reason>(),
  skills: new Map<string, Reason>(),
  km: new Map<number | undefined, Reason>(),
  fresh: new Map<number, Reason>(),
};
const REASON_TABLE_MAX = 2_000;

function remember<K>(table: Map<K, Reason>, key: K, reason: Reason): Reason {
  if (table.size >= REASON_TABLE_MAX) table.clear();
  table.set(key, reason);
  return reason;
}

/** Why a CV scores what it scores, as numbers; reasons are words made from it. */
export interface Breakdown {
  level: 2 | 3 | 4;
  occupation: string;
  years: number | undefined;
  skills: number;
  danish: boolean;
  distance: DistanceClass;
  beyondCommute: boolean;
  withinCommute: boolean;
  /** The CV's own commuting limit (km), for its reason. */
  km: number | undefined;
  /** The skill phrases the query names, as the reason lists them; undefined: read from the CV. */
  skillList: string | undefined;
  available: boolean;
  ageDays: number;
}

/** A breakdown to be filled in (breakdown's, or the index's from its numbers). */
export function newBreakdown(): Breakdown {
  return {
    level: 2,
    occupation: '',
    years: undefined,
    skills: 0,
    danish: false,
    distance: 'further',
    beyondCommute: false,
    withinCommute: false,
    km: undefined,
    skillList: undefined,
    available: false,
    ageDays: 0,
  };
}

/** Written by breakdown for every CV scored; one object for all, so scoring 30,000 CVs allocates nothing. */
const scratch = newBreakdown();

/**
 * The whole rule, once: false when the CV is not a candidate (not visible, occupation too far,
 * or a hard requirement not met), else fills `into`. The index and the brute-force scan both
 * call this, through scoreOf and reasonsFor.
 */
function breakdown(c: Candidate, q: PreparedQuery, into: Breakdown): boolean {
  if (!c.visible) return false;
  let level: DiscoLevel = 0;
  let occupation = '';
  let years: number | undefined;
  for (const o of c.occupations) {
    const l = discoCloseness(o.code, q.occupation);
    // The closest occupation decides; at the same closeness the one with more experience.
    if (l > level || (l === level && l > 0 && (o.years ?? 0) > (years ?? 0))) {
      level = l;
      occupation = o.code;
      years = o.years;
    }
  }
  if (level < MIN_ELIGIBLE_LEVEL) return false;
  if (!meetsRequirements(c, q.requirements, q.todayDay)) return false;
  let skills = 0;
  for (const s of c.skills) if (q.text.includes(s)) skills++;
  const distance: DistanceClass =
    c.municipality === q.municipality
      ? 'municipality'
      : c.regionCode !== undefined && c.regionCode === q.regionCode
        ? 'region'
        : q.cooperationMembers.has(c.homeJobcentre)
          ? 'cooperation'
          : 'further';
  const beyondCommute = c.commuteKm !== undefined && DISTANCE_KM[distance] > c.commuteKm;
  const danishLevel = languageLevel(c, 'da');
  into.level = level as 2 | 3 | 4;
  into.occupation = occupation;
  into.years = years;
  into.skills = Math.min(skills, WEIGHTS.maxSkills);
  into.danish = danishLevel === -1 || (danishLevel ?? -2) >= DANISH_LEVEL;
  into.distance = distance;
  into.beyondCommute = beyondCommute;
  into.withinCommute = c.commuteKm !== undefined && !beyondCommute;
  into.km = c.commuteKm;
  into.skillList = undefined;
  into.available = startDay(c, q.todayDay) <= q.startByDay;
  into.ageDays = Math.floor((q.nowMs - c.revisionMs) / 86_400_000);
  return true;
}

export function experiencePoints(years: number | undefined): number {
  return years === undefined ? 0 : Math.round(Math.min(WEIGHTS.maxExperience, years * WEIGHTS.experiencePerYear));
}

function distancePoints(b: Breakdown): number {
  if (b.beyondCommute) return 0;
  return b.distance === 'municipality'
    ? WEIGHTS.sameMunicipality
    : b.distance === 'region'
      ? WEIGHTS.sameRegion
      : b.distance === 'cooperation'
        ? WEIGHTS.sameCooperation
        : 0;
}

function points(b: Breakdown): number {
  return (
    WEIGHTS.occupation[b.level] +
    experiencePoints(b.years) +
    b.skills * WEIGHTS.skill +
    (b.danish ? WEIGHTS.danish : 0) +
    distancePoints(b) +
    (b.withinCommute ? WEIGHTS.withinCommute : 0) +
    (b.available ? WEIGHTS.available : 0) +
    (b.ageDays <= FRESH_MONTH_DAYS ? WEIGHTS.freshMonth : b.ageDays <= FRESH_QUARTER_DAYS ? WEIGHTS.freshQuarter : 0)
  );
}

/** The score of a CV for a query, or -1 when it is not a candidate. Cheap: no words are made. */
export function scoreOf(c: Candidate, q: PreparedQuery): number {
  return breakdown(c, q, scratch) ? points(scratch) : -1;
}

type Reason = ShortlistCandidate['reasons'][number];

/** The reasons for a candidate's score, in Danish and English, in the order of the rule. */
export function reasonsFor(c: Candidate, q: PreparedQuery): Reason[] {
  return breakdown(c, q, explained) ? reasonsOf(explained, c, q) : [];
}

/** breakdown's numbers for reasonsFor (scoreOf's scratch is not touched: a caller may hold it). */
const explained = newBreakdown();

/** reasonsOf's working list, room for every kind of reason (see there). */
const building: Reason[] = [];

/**
 * The words for a breakdown — made by breakdown, or by the index from the numbers it scored with
 * (then no CV is scored twice). `c` gives the skill phrases when the breakdown does not list them.
 */
export function reasonsOf(b: Breakdown, c: Candidate, q: PreparedQuery): Reason[] {
  const cache = reasonWords;
  const fixed = FIXED_REASONS;
  // Written into one array and copied out at their number: a national order explains ~1,000
  // picks, and an array grown by push holds room for 17 reasons where a CV has about 7.
  const reasons = building;
  let n = 0;
  const byLevel = cache.occupation[b.level - 2]!;
  reasons[n++] =
    byLevel.get(b.occupation) ??
    remember(
      byLevel,
      b.occupation,
      b.level === 4
        ? { code: 'occupation', da: `Samme fag (${b.occupation})`, en: `Same occupation (${b.occupation})` }
        : {
            code: b.level === 3 ? 'related-occupation' : 'occupation-group',
            da: `Beslægtet fag: ${DISCO_LEVEL_NAMES[b.level].da} (${b.occupation})`,
            en: `Related occupation: ${DISCO_LEVEL_NAMES[b.level].en} (${b.occupation})`,
          },
    );
  const years = b.years;
  if (years !== undefined && years > 0)
    reasons[n++] =
      cache.years.get(years) ??
      remember(cache.years, years, {
        code: 'experience',
        da: `${years} års erfaring i faget`,
        en: `${years} years of experience in the occupation`,
      });
  if (q.hasRequirements) reasons[n++] = fixed.requirements;
  if (b.skills > 0) {
    let list = b.skillList;
    if (list === undefined) {
      list = '';
      let named = 0;
      for (const s of c.skills) if (named < WEIGHTS.maxSkills && q.text.includes(s)) list += (named++ === 0 ? '' : ', ') + s.trim();
    }
    reasons[n++] =
      cache.skills.get(list) ??
      remember(cache.skills, list, {
        code: 'skills',
        da: `Kompetencer nævnt i ordren: ${list}`,
        en: `Skills named in the order: ${list}`,
      });
  }
  if (b.danish) reasons[n++] = fixed.danish;
  if (!b.beyondCommute) {
    if (b.distance === 'municipality') reasons[n++] = fixed.municipality;
    else if (b.distance === 'region') reasons[n++] = fixed.region;
    else if (b.distance === 'cooperation') reasons[n++] = fixed.cooperation;
  }
  const km = b.km;
  if (b.withinCommute)
    reasons[n++] =
      cache.km.get(km) ??
      remember(cache.km, km, {
        code: 'within-commute',
        da: `Inden for egen transportgrænse (${km} km)`,
        en: `Within own commuting limit (${km} km)`,
      });
  if (b.available) reasons[n++] = q.availableReason;
  const age = b.ageDays;
  if (age <= FRESH_QUARTER_DAYS)
    reasons[n++] =
      cache.fresh.get(age) ??
      remember(cache.fresh, age, { code: 'fresh', da: `Cv opdateret for ${age} dage siden`, en: `CV updated ${age} days ago` });
  return reasons.slice(0, n);
}

/** A candidate with its score, ready for a shortlist or a search result. */
export function toShortlistCandidate(c: Candidate, q: PreparedQuery, score: number, facts?: Breakdown): ShortlistCandidate {
  const reasons = facts ? reasonsOf(facts, c, q) : reasonsFor(c, q);
  return c.availableFrom
    ? { candidateRef: c.candidateRef, headline: c.headline, score, reasons, availableFrom: c.availableFrom }
    : { candidateRef: c.candidateRef, headline: c.headline, score, reasons };
}
