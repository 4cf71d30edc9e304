import type { OrderSummary, ShortlistCandidate, SharedCv } from '@rs/contracts';
import { SHORTLIST_MAX } from '@rs/contracts';
import { municipality } from '@rs/reference-data';
import type { z } from 'zod';

/** A CV in the pool: the shared template plus the home jobcentre (from the broker's user_id). */
export interface PoolCv extends SharedCv {
  jobcentre: number;
}

export interface Shortlist {
  jobcentre: number;
  candidates: ShortlistCandidate[];
}

type Order = z.infer<typeof OrderSummary>;
type Reason = ShortlistCandidate['reasons'][number];

/** Points per criterion; they add up to 100. */
export const WEIGHTS = {
  occupation: 50,
  relatedOccupation: 25,
  skill: 5,
  maxSkills: 3,
  nearby: 20,
  sameRegion: 10,
  available: 15,
} as const;

/** Without a start date, a candidate available within this many days counts as available. */
const DEFAULT_START_DAYS = 14;

/**
 * Scores one CV for an order, or undefined when it is not a candidate at all (no same or
 * related occupation). Occupation decides eligibility; skills named in the order, living near
 * the job and being available by the start add to the score. Every point has its reason.
 */
export function scoreCv(order: Order, cv: PoolCv, today: Date): ShortlistCandidate | undefined {
  const reasons: Reason[] = [];
  let score = 0;
  if (cv.occupations.includes(order.occupation)) {
    score += WEIGHTS.occupation;
    reasons.push({ code: 'occupation', da: `Samme fag (${order.occupation})`, en: `Same occupation (${order.occupation})` });
  } else {
    const related = cv.occupations.find((o) => o.slice(0, 3) === order.occupation.slice(0, 3));
    if (!related) return undefined;
    score += WEIGHTS.relatedOccupation;
    reasons.push({ code: 'related-occupation', da: `Beslægtet fag (${related})`, en: `Related occupation (${related})` });
  }

  const matched = matchingSkills(order, cv.skills).slice(0, WEIGHTS.maxSkills);
  if (matched.length > 0) {
    score += matched.length * WEIGHTS.skill;
    const list = matched.join(', ');
    reasons.push({ code: 'skills', da: `Kompetencer nævnt i ordren: ${list}`, en: `Skills named in the order: ${list}` });
  }

  const home = municipality(cv.municipality);
  const job = municipality(order.municipality);
  if (cv.municipality === order.municipality) {
    score += WEIGHTS.nearby;
    reasons.push({ code: 'nearby', da: 'Bor i jobbets kommune', en: "Lives in the job's municipality" });
  } else if (home && job && home.regionCode === job.regionCode) {
    score += WEIGHTS.sameRegion;
    reasons.push({ code: 'same-region', da: 'Bor i jobbets region', en: "Lives in the job's region" });
  }

  const startBy = order.startBy ?? isoDate(new Date(today.getTime() + DEFAULT_START_DAYS * 86_400_000));
  if (!cv.availableFrom || cv.availableFrom <= startBy) {
    score += WEIGHTS.available;
    reasons.push({ code: 'available', da: `Kan starte senest ${startBy}`, en: `Can start by ${startBy}` });
  }

  return {
    candidateRef: cv.candidateRef,
    headline: cv.headline,
    score,
    reasons,
    ...(cv.availableFrom ? { availableFrom: cv.availableFrom } : {}),
  };
}

/**
 * Ranks the pool for an order: per jobcentre its own best candidates (at most SHORTLIST_MAX),
 * highest score first, ties by reference so the result is the same on every replica.
 */
export function rankPool(order: Order, pool: Iterable<PoolCv>, today: Date): Shortlist[] {
  const byJobcentre = new Map<number, ShortlistCandidate[]>();
  for (const cv of pool) {
    const scored = scoreCv(order, cv, today);
    if (!scored) continue;
    const list = byJobcentre.get(cv.jobcentre) ?? [];
    list.push(scored);
    byJobcentre.set(cv.jobcentre, list);
  }
  return [...byJobcentre.entries()]
    .sort(([a], [b]) => a - b)
    .map(([jobcentre, list]) => ({
      jobcentre,
      candidates: list.sort((a, b) => b.score - a.score || a.candidateRef.localeCompare(b.candidateRef)).slice(0, SHORTLIST_MAX),
    }));
}

/** Skills of the CV that the order's title or description mentions (case-insensitive, whole words). */
export function matchingSkills(order: Order, skills: readonly string[]): string[] {
  const text = ` ${words(`${order.title} ${order.description}`).join(' ')} `;
  return skills.filter((skill) => {
    const wanted = words(skill).join(' ');
    return wanted.length >= 3 && text.includes(` ${wanted} `);
  });
}

function words(s: string): string[] {
  return s
    .toLocaleLowerCase('da')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** A candidate's key in the shared pool: pseudonymous refs are unique only within their home jobcentre. */
export function poolKey(jobcentre: number, candidateRef: string): string {
  return `${jobcentre}-${candidateRef}`;
}
