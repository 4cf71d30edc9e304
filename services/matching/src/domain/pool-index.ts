import { type Candidate, languageLevel } from './candidate';
import { discoCloseness, eligibilityPrefix, MIN_ELIGIBLE_LEVEL } from './disco';
import { type PoolColumns, poolColumns } from './pool-columns';
import type { Scored } from './rank';
import { DANISH_LEVEL, DISTANCE_KM, experiencePoints, FRESH_MONTH_DAYS, FRESH_QUARTER_DAYS, type PreparedQuery, WEIGHTS } from './score';

/**
 * The pool in memory, for ranking in milliseconds. Every CV once by key; each visible CV filed
 * once per occupation in a group (code × home jobcentre × class of commuting limit) that holds,
 * beside each entry, the numbers scoring reads (Group, ENTRY_FIELDS), ordered by a bound.
 *
 * Ranking an order reads the groups of the codes close enough to its occupation, closest first,
 * scores entries from those numbers and tables made once per query (pool-columns.ts: closeness
 * per code, distance per place, skills per phrase) — no strings, no objects per CV — keeps each
 * jobcentre's best in a bounded list, and stops a group once no entry left can reach that list.
 * The score is score.ts's rule (domain/ranking-equivalence.test.ts compares both on generated
 * pools); objects and reasons are made only for what is returned.
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
  /** The places entries live in, each with how many (distance is bounded by the nearest). */
  placeIds: number[];
  placeCounts: number[];
  /** The entries: one array per field (ENTRY_FIELDS), read in order while ranking. */
  e: Record<EntryField, number[]>;
}

/**
 * What ranking reads of an entry, beside it in its group (so a group is read front to back, not
 * CV by CV across the columns): slot, bound, revision (ms; -Infinity when unreadable, which earns
 * no freshness either way), years in this occupation (NaN: not given), occ (index of this
 * occupation in the CV when it has others in the same sub-major group — then it is scored in
 * the group of the one score.ts chooses — else -1), and the CV's masks, start, place, limit,
 * Danish level and skill phrases (ids; skillN above ENTRY_SKILLS: read them from the Candidate).
 */
const ENTRY_FIELDS = [
  'slot',
  'bound',
  'revision',
  'years',
  'occ',
  'cert',
  'lic',
  'availDay',
  'notice',
  'place',
  'commute',
  'daLevel',
  'skillN',
  'skill0',
  'skill1',
  'skill2',
] as const;
type EntryField = (typeof ENTRY_FIELDS)[number];
type Entry = Record<EntryField, number>;

const DAY_MS = 86_400_000;
const LEVEL_POINTS = [0, 0, WEIGHTS.occupation[2], WEIGHTS.occupation[3], WEIGHTS.occupation[4]] as const;
const SKILL_POINTS = WEIGHTS.maxSkills * WEIGHTS.skill;
/** Skill phrases an entry holds as ids (most CVs name a few). */
const ENTRY_SKILLS = 3;
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
  /**
   * Every pool key in order (with its slot; -1 once removed), and each slot's position there:
   * ranking breaks its many ties by comparing numbers instead of strings. New keys are placed
   * when ranking next needs them — all at once after a load, one by one after that.
   */
  const ordered: string[] = [];
  const orderedSlot: number[] = [];
  const rank: number[] = [];
  const unranked: number[] = [];
  const findKey = (key: string): number => {
    let lo = 0;
    let hi = ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ordered[mid]! < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const placeKeys = () => {
    if (unranked.length === 0) return;
    if (unranked.length > 64) {
      ordered.length = 0;
      orderedSlot.length = 0;
      for (const key of [...slotOf.keys()].sort()) {
        ordered.push(key);
        orderedSlot.push(slotOf.get(key)!);
      }
    } else
      for (const slot of unranked) {
        // Withdrawn again before it was placed (or its slot reused since): nothing to place.
        const key = keys[slot]!;
        if (candidates[slot] === undefined || slotOf.get(key) !== slot) continue;
        const at = findKey(key);
        if (ordered[at] === key) orderedSlot[at] = slot;
        else {
          ordered.splice(at, 0, key);
          orderedSlot.splice(at, 0, slot);
        }
      }
    unranked.length = 0;
    for (let i = 0; i < orderedSlot.length; i++) {
      const slot = orderedSlot[i]!;
      if (slot >= 0) rank[slot] = i;
    }
  };
  /** code id → (jobcentre id, limit class) → group. */
  const groups: Map<number, Group>[] = [];

  /** Where an entry belongs in a group: after every entry with a higher bound, or the same bound and a newer revision, or both the same and a smaller key. */
  const position = (g: Group, bound: number, revision: number, key: string): number => {
    let lo = 0;
    const { slot: slots, bound: bounds, revision: revisions } = g.e;
    let hi = slots.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const b = bounds[mid]!;
      const r = revisions[mid]!;
      if (b > bound || (b === bound && (r > revision || (r === revision && keys[slots[mid]!]! < key)))) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** Calls `each` for every occupation a visible CV is filed under: its group, bound, years and index (or -1). */
  /** Calls `each` for every occupation a visible CV is filed under: its group and its entry there. */
  const filings = (slot: number, c: Candidate, each: (g: Group, entry: Entry) => void) => {
    if (!c.visible) return;
    const da = languageLevel(c, 'da');
    const danish = da === -1 || (da ?? -2) >= DANISH_LEVEL;
    const jc = cols.jobcentreId(c.jobcentre);
    const limits = limitClass(c.commuteKm);
    const skill = (k: number) => (k < c.skills.length && c.skills.length <= ENTRY_SKILLS ? cols.skillId(c.skills[k]!) : -1);
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
        const e = Object.fromEntries(ENTRY_FIELDS.map((f) => [f, [] as number[]])) as Group['e'];
        g = { jc, limits, placeIds: [], placeCounts: [], e };
        perJc.set(groupKey, g);
      }
      each(g, {
        slot,
        bound: experiencePoints(o.years) + (danish ? WEIGHTS.danish : 0),
        revision: Number.isNaN(c.revisionMs) ? Number.NEGATIVE_INFINITY : c.revisionMs,
        years: o.years ?? Number.NaN,
        occ: shared > 1 ? k : -1,
        cert: c.certificates,
        lic: c.licences,
        availDay: c.availableDay ?? Number.NaN,
        notice: c.noticeDays ?? 0,
        place: cols.place[slot]!,
        commute: c.commuteKm ?? Number.NaN,
        daLevel: da ?? -1,
        skillN: Math.min(c.skills.length, ENTRY_SKILLS + 1),
        skill0: skill(0),
        skill1: skill(1),
        skill2: skill(2),
      });
    }
  };
  const file = (slot: number, c: Candidate) => {
    filings(slot, c, (g, entry) => {
      const at = position(g, entry.bound, entry.revision, c.key);
      for (const f of ENTRY_FIELDS) g.e[f].splice(at, 0, entry[f]);
      const p = g.placeIds.indexOf(entry.place);
      if (p >= 0) g.placeCounts[p]!++;
      else {
        g.placeIds.push(entry.place);
        g.placeCounts.push(1);
      }
    });
  };
  /** Before the slot's columns are overwritten: the entries are found by what the held CV says. */
  const unfile = (slot: number, c: Candidate) => {
    filings(slot, c, (g, entry) => {
      const { slot: slots, occ } = g.e;
      // Duplicate occupations put one CV in a group twice: find this very entry.
      let at = position(g, entry.bound, entry.revision, c.key);
      while (at < slots.length && slots[at] === slot && occ[at] !== entry.occ) at++;
      if (slots[at] !== slot) return;
      for (const f of ENTRY_FIELDS) g.e[f].splice(at, 1);
      const p = g.placeIds.indexOf(entry.place);
      if (p >= 0 && --g.placeCounts[p]! === 0) {
        g.placeIds.splice(p, 1);
        g.placeCounts.splice(p, 1);
      }
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
        unranked.push(slot);
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
      const at = findKey(key);
      if (ordered[at] === key) orderedSlot[at] = -1;
      return true;
    },
    get: (key) => byKey.get(key),
    get size() {
      return byKey.size;
    },
    best(q, max, allowed) {
      const lists = new Map<number, Scored[]>();
      placeKeys();
      const t = cols.tablesFor(q, allowed);
      const { codeLevel, placeKm, placePoints, allowedJc, skillMemo } = t;
      /** 1 when the skill phrase is in the query's text (score.ts: whole words), memoised per query. */
      const matches = (id: number): number => {
        let m = skillMemo[id]!;
        if (m === 0) {
          m = q.text.includes(cols.skillName(id)) ? 2 : 1;
          skillMemo[id] = m;
        }
        return m - 1;
      };
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
            const e = g.e;
            const slots = e.slot;
            if (slots.length === 0 || (allowedJc !== undefined && allowedJc[j] === 0)) continue;
            let nearest = 0;
            for (const pl of g.placeIds)
              if (!beyondClass(placeKm[pl]!, g.limits))
                nearest = Math.max(nearest, placePoints[pl]! + (g.limits >= 0 ? WEIGHTS.withinCommute : 0));
            const rest = LEVEL_POINTS[level]! + nearest + (hasText ? SKILL_POINTS : 0) + WEIGHTS.available;
            const {
              bound,
              revision,
              years: yearsOf,
              occ,
              cert,
              lic,
              availDay,
              notice,
              place,
              commute,
              daLevel,
              skillN,
              skill0,
              skill1,
              skill2,
            } = e;
            const base = j * width;
            let i = 0;
            while (i < slots.length) {
              const b = bound[i]!;
              const rev = revision[i]!;
              const fresh = freshPoints(rev, nowMs);
              if (topN[j] === width && width > 0) {
                const worst = topScore[base + width - 1]!;
                // Bounds descend: once the freshest of this bound cannot reach the worst, no one after can.
                if (rest + b + WEIGHTS.freshMonth < worst) break;
                // Freshness falls along the revisions of one bound: skip to the next bound.
                if (rest + b + fresh < worst) {
                  i = firstBelow(bound, b, i);
                  continue;
                }
              }
              const at = i++;
              const s = slots[at]!;
              // A CV with several occupations in the group's sub-major group is scored in the group of the one that counts.
              if (occ[at]! >= 0 && (closestLevel(candidates[s]!, q.occupation) !== level || closestIndex !== occ[at])) continue;
              // Hard requirements (requirements.ts): masks, languages at level, start within.
              if ((cert[at]! & reqCert) !== reqCert || (lic[at]! & reqLic) !== reqLic) continue;
              if (reqLangs.length > 0 && !meetsLanguages(reqLangs, daLevel[at]!, candidates[s]!)) continue;
              const from = availDay[at]!;
              const start = !Number.isNaN(from) ? Math.max(from, todayDay) : todayDay + notice[at]!;
              if (start > reqStart) continue;

              // score.ts's points: the bound holds experience and Danish exactly.
              let score = LEVEL_POINTS[level]! + b + fresh;
              if (hasText) {
                const k = skillN[at]!;
                if (k > 0) {
                  let n = 0;
                  if (k > ENTRY_SKILLS) {
                    for (const skill of candidates[s]!.skills) if (text.includes(skill)) n++;
                  } else {
                    n += matches(skill0[at]!);
                    if (k > 1) n += matches(skill1[at]!);
                    if (k > 2) n += matches(skill2[at]!);
                  }
                  score += Math.min(n, WEIGHTS.maxSkills) * WEIGHTS.skill;
                }
              }
              const pl = place[at]!;
              const limit = commute[at]!;
              // NaN (no limit of its own) is never exceeded, as `km > undefined` in score.ts.
              if (!(placeKm[pl]! > limit)) {
                score += placePoints[pl]!;
                if (!Number.isNaN(limit)) score += WEIGHTS.withinCommute;
              }
              if (start <= startByDay) score += WEIGHTS.available;

              // Into the jobcentre's bounded list, best first; the same score by pool key (rank.ts's better).
              touched[j] = 1;
              let n = topN[j]!;
              if (n === width) {
                if (width === 0) continue;
                const worst = topScore[base + n - 1]!;
                if (score < worst || (score === worst && rank[s]! > rank[topSlot[base + n - 1]!]!)) continue;
                n--;
              } else topN[j] = n + 1;
              const r = rank[s]!;
              while (n > 0) {
                const above = topScore[base + n - 1]!;
                if (above > score || (above === score && rank[topSlot[base + n - 1]!]! < r)) break;
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
