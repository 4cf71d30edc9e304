import { type Candidate, languageLevel } from './candidate';
import { discoCloseness, eligibilityPrefix, MIN_ELIGIBLE_LEVEL } from './disco';
import { type PoolColumns, poolColumns } from './pool-columns';
import type { Scored } from './rank';
import { DANISH_LEVEL, DISTANCE_KM, experiencePoints, FRESH_MONTH_DAYS, FRESH_QUARTER_DAYS, type PreparedQuery, WEIGHTS } from './score';

/**
 * The pool in memory, for ranking in milliseconds. Every CV once by key; its numbers that
 * scoring reads (masks, days, commuting limit, where it lives, Danish) in typed columns by slot
 * (pool-columns.ts); and each visible CV filed under the DISCO-08 sub-major group (2 digits) of
 * each of its occupations — the widest closeness that still makes a candidate (disco.ts) — with
 * the occupation's code and years beside it.
 *
 * Ranking an order reads the one posting list of its sub-major group and scores every entry from
 * the columns and tables made once per query (closeness per occupation code, distance per place):
 * no strings, no objects, no allocation per CV. The score is computed by the same rule as
 * score.ts's (the equivalence test compares both on generated pools), and each jobcentre keeps its
 * best in a bounded list; objects and reasons are made only for what is returned.
 *
 * Built from the store at start and kept current by the CV messages; the store stays the truth
 * (ranking checks its picks there again).
 */
export interface PoolIndex {
  /** Adds or replaces a CV; an older revision than the one held is ignored (false). */
  upsert(candidate: Candidate): boolean;
  /** Removes a CV by pool key; false when it was not there. */
  remove(key: string): boolean;
  get(key: string): Candidate | undefined;
  readonly size: number;
  /** The best `max` candidates of each home jobcentre (of `allowed`, when given) for the query, best first. */
  best(q: PreparedQuery, max: number, allowed?: ReadonlySet<number>): Map<number, Scored[]>;
  /** The whole pool (the brute-force baseline, and stale-CV reports). */
  all(): Iterable<Candidate>;
}

/**
 * The visible CVs of one home jobcentre with one occupation code and one class of commuting
 * limit, as parallel arrays ordered by `bound` (highest first), then the newest revision first,
 * then by pool key. `bound` is what the CV gets whatever the query from experience in that
 * occupation and Danish; the rest of the score is bounded per query and group — closeness of
 * the code, distance to the nearest place in the group with the group's limit class (exact),
 * skills, availability — and freshness per entry (it falls along the revision order). Ranking
 * reads a group only while an entry's bound can still reach the jobcentre's list.
 */
interface Group {
  jc: number;
  /** limitClass of every entry. */
  limits: number;
  slots: number[];
  bound: number[];
  /** revisionMs; -Infinity when unreadable (it then earns no freshness either way). */
  revision: number[];
  /** Years in this occupation; NaN when not given. */
  years: number[];
  /** Index of this occupation in the CV when it has others in the same sub-major group (then it is scored in the group of the one score.ts chooses), else -1. */
  occ: number[];
  /** Place id → how many entries live there (distance is bounded by the nearest). */
  places: Map<number, number>;
}

const DAY_MS = 86_400_000;
const LEVEL_POINTS = [0, 0, WEIGHTS.occupation[2], WEIGHTS.occupation[3], WEIGHTS.occupation[4]] as const;
const SKILL_POINTS = WEIGHTS.maxSkills * WEIGHTS.skill;
/**
 * The distances score.ts estimates, ascending: whether a commuting limit is exceeded depends only
 * on which of these it lies between, so CVs are grouped by that class and the distance points of
 * a group are known exactly per place.
 */
const KM_STEPS = [...new Set(Object.values(DISTANCE_KM))].sort((a, b) => a - b);

/** -1 without a limit; else how many KM_STEPS are at or below it. */
function limitClass(km: number | undefined): number {
  if (km === undefined || Number.isNaN(km)) return -1;
  let n = 0;
  while (n < KM_STEPS.length && KM_STEPS[n]! <= km) n++;
  return n;
}

/** `km > limit` for every limit of the class (km is one of KM_STEPS); never without a limit. */
function beyondClass(km: number, limits: number): boolean {
  return limits >= 0 && limits < KM_STEPS.length && km >= KM_STEPS[limits]!;
}

function freshPoints(revisionMs: number, nowMs: number): number {
  const age = Math.floor((nowMs - revisionMs) / DAY_MS);
  return age <= FRESH_MONTH_DAYS ? WEIGHTS.freshMonth : age <= FRESH_QUARTER_DAYS ? WEIGHTS.freshQuarter : 0;
}

/** The first index from `from` whose bound is below `bound` (bounds descend). */
function firstBelow(bounds: readonly number[], bound: number, from: number): number {
  let lo = from;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (bounds[mid]! >= bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The closest of a CV's occupations, as score.ts's breakdown chooses it (the closest; at the same
 * closeness the one with more years, else the first): for CVs with several occupations in one
 * sub-major group. Sets closestIndex.
 */
let closestIndex = -1;
function closestLevel(c: Candidate, occupation: string): number {
  let level = 0;
  let years: number | undefined;
  closestIndex = -1;
  for (let k = 0; k < c.occupations.length; k++) {
    const o = c.occupations[k]!;
    const l = discoCloseness(o.code, occupation);
    if (l > level || (l === level && l > 0 && (o.years ?? 0) > (years ?? 0))) {
      level = l;
      years = o.years;
      closestIndex = k;
    }
  }
  return level;
}

export function createPoolIndex(): PoolIndex {
  const byKey = new Map<string, Candidate>();
  const slotOf = new Map<string, number>();
  const candidates: (Candidate | undefined)[] = [];
  const keys: string[] = [];
  const free: number[] = [];
  const cols: PoolColumns = poolColumns();
  /** code id → (jobcentre id, limit class) → group. */
  const groups: Map<number, Group>[] = [];

  /** Where an entry belongs in a group: after every entry with a higher bound, or the same bound and a newer revision, or both the same and a smaller key. */
  const position = (g: Group, bound: number, revision: number, key: string): number => {
    let lo = 0;
    let hi = g.slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const b = g.bound[mid]!;
      const r = g.revision[mid]!;
      if (b > bound || (b === bound && (r > revision || (r === revision && keys[g.slots[mid]!]! < key)))) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Calls `each` for every occupation a visible CV is filed under: its group, bound, years and index (or -1). */
  const filings = (c: Candidate, each: (g: Group, bound: number, years: number | undefined, occ: number) => void) => {
    if (!c.visible) return;
    const da = languageLevel(c, 'da');
    const danish = da === -1 || (da ?? -2) >= DANISH_LEVEL;
    const jc = cols.jobcentreId(c.jobcentre);
    const limits = limitClass(c.commuteKm);
    for (let k = 0; k < c.occupations.length; k++) {
      const o = c.occupations[k]!;
      const prefix = eligibilityPrefix(o.code);
      let shared = 0;
      for (const other of c.occupations) if (eligibilityPrefix(other.code) === prefix) shared++;
      const code = cols.codeId(o.code);
      let perJc = groups[code];
      if (!perJc) {
        perJc = new Map();
        groups[code] = perJc;
      }
      const groupKey = jc * 8 + limits + 1;
      let g = perJc.get(groupKey);
      if (!g) {
        g = { jc, limits, slots: [], bound: [], revision: [], years: [], occ: [], places: new Map() };
        perJc.set(groupKey, g);
      }
      each(g, experiencePoints(o.years) + (danish ? WEIGHTS.danish : 0), o.years, shared > 1 ? k : -1);
    }
  };
  const file = (slot: number, c: Candidate) => {
    const place = cols.place[slot]!;
    const revision = Number.isNaN(c.revisionMs) ? Number.NEGATIVE_INFINITY : c.revisionMs;
    filings(c, (g, bound, years, occ) => {
      const at = position(g, bound, revision, c.key);
      g.slots.splice(at, 0, slot);
      g.bound.splice(at, 0, bound);
      g.revision.splice(at, 0, revision);
      g.years.splice(at, 0, years ?? Number.NaN);
      g.occ.splice(at, 0, occ);
      g.places.set(place, (g.places.get(place) ?? 0) + 1);
    });
  };
  const unfile = (slot: number, c: Candidate) => {
    const place = cols.place[slot]!;
    const revision = Number.isNaN(c.revisionMs) ? Number.NEGATIVE_INFINITY : c.revisionMs;
    filings(c, (g, bound, _years, occ) => {
      // Duplicate occupations put one CV in a group twice: find this very entry.
      let at = position(g, bound, revision, c.key);
      while (at < g.slots.length && g.slots[at] === slot && g.occ[at] !== occ) at++;
      if (g.slots[at] !== slot) return;
      g.slots.splice(at, 1);
      g.bound.splice(at, 1);
      g.revision.splice(at, 1);
      g.years.splice(at, 1);
      g.occ.splice(at, 1);
      const left = (g.places.get(place) ?? 1) - 1;
      if (left > 0) g.places.set(place, left);
      else g.places.delete(place);
    });
  };

  return {
    upsert(candidate) {
      const held = byKey.get(candidate.key);
      let slot = slotOf.get(candidate.key);
      if (held && slot !== undefined) {
        if (held.revisionMs > candidate.revisionMs) return false;
        unfile(slot, held);
      } else {
        slot = free.pop() ?? candidates.length;
        slotOf.set(candidate.key, slot);
        keys[slot] = candidate.key;
      }
      byKey.set(candidate.key, candidate);
      candidates[slot] = candidate;
      cols.write(slot, candidate);
      file(slot, candidate);
      return true;
    },
    remove(key) {
      const held = byKey.get(key);
      const slot = slotOf.get(key);
      if (!held || slot === undefined) return false;
      unfile(slot, held);
      byKey.delete(key);
      slotOf.delete(key);
      candidates[slot] = undefined;
      free.push(slot);
      return true;
    },
    get: (key) => byKey.get(key),
    get size() {
      return byKey.size;
    },
    best(q, max, allowed) {
      const lists = new Map<number, Scored[]>();
      const t = cols.tablesFor(q, allowed);
      const { cert, lic, daLevel, danish, commute, availDay, notice, revision, hasSkills, place } = cols;
      const { codeLevel, placeKm, placePoints, allowedJc } = t;
      const { todayDay, startByDay, nowMs, text } = q;
      const req = q.requirements;
      const reqCert = req.certificates;
      const reqLic = req.licences;
      const reqStart = req.startByDay ?? Number.POSITIVE_INFINITY;
      const reqLangs = req.languages;
      const hasText = text.trim() !== '';
      const width = Math.max(max, 0);
      const jobcentres = cols.jobcentreCount();
      const topSlot = new Int32Array(jobcentres * width);
      const topScore = new Int32Array(jobcentres * width);
      const topN = new Int32Array(jobcentres);
      const touched = new Uint8Array(jobcentres);

      // The closest codes first: a jobcentre's list is full of good scores before the wider groups are read.
      for (let level = 4; level >= MIN_ELIGIBLE_LEVEL; level--) {
        for (let code = 0; code < codeLevel.length; code++) {
          if (codeLevel[code] !== level) continue;
          const perJc = groups[code];
          if (!perJc) continue;
          for (const g of perJc.values()) {
            const j = g.jc;
            if (g.slots.length === 0 || (allowedJc !== undefined && allowedJc[j] === 0)) continue;
            let nearest = 0;
            for (const pl of g.places.keys())
              if (!beyondClass(placeKm[pl]!, g.limits))
                nearest = Math.max(nearest, placePoints[pl]! + (g.limits >= 0 ? WEIGHTS.withinCommute : 0));
            const rest = LEVEL_POINTS[level]! + nearest + (hasText ? SKILL_POINTS : 0) + WEIGHTS.available;
            const { slots, bound, revision: revisions, years: yearsOf, occ } = g;
            const base = j * width;
            let i = 0;
            while (i < slots.length) {
              const s = slots[i]!;
              if (topN[j] === width && width > 0) {
                const worst = topScore[base + width - 1]!;
                const b = bound[i]!;
                // Bounds descend: once the freshest of this bound cannot reach the worst, no one after can.
                if (rest + b + WEIGHTS.freshMonth < worst) break;
                // Freshness falls along the revisions of one bound: skip to the next bound.
                if (rest + b + freshPoints(revisions[i]!, nowMs) < worst) {
                  i = firstBelow(bound, b, i);
                  continue;
                }
              }
              const at = i++;
              // A CV with several occupations in the group's sub-major group is scored in the group of the one that counts.
              if (occ[at]! >= 0 && (closestLevel(candidates[s]!, q.occupation) !== level || closestIndex !== occ[at])) continue;
              const years = yearsOf[at]!;
              // Hard requirements (requirements.ts): masks, languages at level, start within.
              if ((cert[s]! & reqCert) !== reqCert || (lic[s]! & reqLic) !== reqLic) continue;
              if (reqLangs.length > 0 && !meetsLanguages(reqLangs, daLevel[s]!, candidates[s]!)) continue;
              const from = availDay[s]!;
              const start = from === from ? Math.max(from, todayDay) : todayDay + notice[s]!;
              if (start > reqStart) continue;

              // score.ts's points, from the columns.
              let score = LEVEL_POINTS[level]! + experiencePoints(years === years ? years : undefined);
              if (hasText && hasSkills[s] === 1) {
                let n = 0;
                for (const skill of candidates[s]!.skills) if (text.includes(skill)) n++;
                score += Math.min(n, WEIGHTS.maxSkills) * WEIGHTS.skill;
              }
              if (danish[s] === 1) score += WEIGHTS.danish;
              const pl = place[s]!;
              const limit = commute[s]!;
              // NaN (no limit of its own) is never exceeded, as `km > undefined` in score.ts.
              if (!(placeKm[pl]! > limit)) {
                score += placePoints[pl]!;
                if (limit === limit) score += WEIGHTS.withinCommute;
              }
              if (start <= startByDay) score += WEIGHTS.available;
              const age = Math.floor((nowMs - revision[s]!) / DAY_MS);
              if (age <= FRESH_MONTH_DAYS) score += WEIGHTS.freshMonth;
              else if (age <= FRESH_QUARTER_DAYS) score += WEIGHTS.freshQuarter;

              // Into the jobcentre's bounded list, best first; the same score by pool key (rank.ts's better).
              touched[j] = 1;
              let n = topN[j]!;
              if (n === width) {
                if (width === 0) continue;
                const worst = topScore[base + n - 1]!;
                if (score < worst || (score === worst && keys[s]! > keys[topSlot[base + n - 1]!]!)) continue;
                n--;
              } else topN[j] = n + 1;
              const key = keys[s]!;
              while (n > 0) {
                const above = topScore[base + n - 1]!;
                if (above > score || (above === score && keys[topSlot[base + n - 1]!]! < key)) break;
                topScore[base + n] = above;
                topSlot[base + n] = topSlot[base + n - 1]!;
                n--;
              }
              topScore[base + n] = score;
              topSlot[base + n] = s;
            }
          }
        }
      }

      for (let j = 0; j < jobcentres; j++) {
        if (touched[j] === 0) continue;
        const list: Scored[] = [];
        for (let k = 0; k < topN[j]!; k++) list.push({ candidate: candidates[topSlot[j * width + k]!]!, score: topScore[j * width + k]! });
        lists.set(cols.jobcentreCode(j), list);
      }
      return lists;
    },
    all: () => byKey.values(),
  };
}

/** Every language the order requires, at its level (requirements.ts): Danish from its column, others from the CV. */
function meetsLanguages(required: readonly { code: string; level: number }[], da: number, c: Candidate): boolean {
  for (const l of required) {
    const level = l.code === 'da' ? da : (languageLevel(c, l.code) ?? -1);
    if (level < l.level) return false;
  }
  return true;
}
