import { type Candidate, languageLevel } from './candidate';
import { discoCloseness, eligibilityPrefix, MIN_ELIGIBLE_LEVEL } from './disco';
import { DISTANCE_CLASSES, type PoolColumns, poolColumns } from './pool-columns';
import type { RankingFacts, Scored } from './rank';
import { DANISH_LEVEL, DISTANCE_KM, experiencePoints, FRESH_MONTH_DAYS, FRESH_QUARTER_DAYS, type PreparedQuery, WEIGHTS } from './score';

/**
 * The pool in memory, for ranking in milliseconds. Every CV once by key; each visible CV filed
 * once per occupation in a group (code × home jobcentre × class of commuting limit) that holds,
 * per entry, a row of the numbers scoring reads (Group, the row layout below), ordered by a bound.
 * For reading, the groups of one code are packed into one array (Pack) when ranking first needs
 * them after a change: a ranking then walks contiguous memory, not objects.
 *
 * Ranking an order reads the groups of the codes close enough to its occupation, closest first,
 * scores entries from those numbers and tables made once per query (pool-columns.ts: closeness
 * per code, distance per place, skills per phrase) — no strings, no objects per CV — keeps each
 * jobcentre's best in a bounded list, and stops a group once no entry left can reach that list.
 * The score is score.ts's rule (domain/ranking-equivalence.test.ts compares both on generated
 * pools); objects are made only for what is returned, and the reasons of a pick that is shown
 * are made from the numbers the index scored it with (`facts`, read only then), so no CV is
 * scored twice and a pick never shown costs no more than its Scored.
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
 * One entry's row (Float64Array, STRIDE numbers), read while ranking: the CV's slot; its bound
 * (what it gets whatever the query from experience in this occupation and Danish); revision (ms;
 * -Infinity when unreadable, which earns no freshness either way); years in this occupation
 * (NaN: not given); OCC, the index of this occupation in the CV when the CV has others in the
 * same sub-major group (-1 when not) — those others are O1/O2 (code id × 2 + 1 when listed
 * before this one; -1 none; O1 = -2: more than two, read the Candidate) with their years in
 * O1Y/O2Y, so ranking can tell which one score.ts counts without the Candidate; then the CV's
 * certificate and licence masks, available day (NaN) and notice, place, commuting limit (NaN:
 * none), Danish level (-1 also when not named: the bound holds whether it counts) and skill
 * phrases (SKILLN, capped at ENTRY_SKILLS + 1: above ENTRY_SKILLS read them from the Candidate);
 * in a pack, RANK.
 */
const SLOT = 0;
const BOUND = 1;
const REV = 2;
const YEARS = 3;
const OCC = 4;
const O1 = 5;
const O1Y = 6;
const O2 = 7;
const O2Y = 8;
const CERT = 9;
const LIC = 10;
const AVAIL = 11;
const NOTICE = 12;
const PLACE = 13;
const COMMUTE = 14;
const DA = 15;
const SKILLN = 16;
const SKILL0 = 17;
/** The pool key's place in key order (filled in when a code is packed: ties are broken by it). */
const RANK = 20;
const STRIDE = 21;
/** Skill phrases a row holds as ids (most CVs name a few): SKILL0 … SKILL0 + ENTRY_SKILLS - 1. */
const ENTRY_SKILLS = 3;

/**
 * The visible CVs of one home jobcentre with one occupation code and one class of commuting
 * limit, as rows ordered by bound (highest first), then the newest revision first, then by pool
 * key. The rest of the score is bounded per query and group — closeness of the code, distance
 * to the nearest place in the group with the group's limit class (exact), skills, availability —
 * and freshness per entry (it falls along the revision order). Ranking reads a group only while
 * an entry's bound can still reach the jobcentre's list.
 */
interface Group {
  jc: number;
  /** limitClass of every entry. */
  limits: number;
  /** The places entries live in, each with how many (distance is bounded by the nearest). */
  placeIds: number[];
  placeCounts: number[];
  rows: Float64Array;
  n: number;
}

/** A code's groups, packed for reading: group g's rows are rows[start[g] … start[g] + len[g]), its places places[placeFrom[g] … placeFrom[g + 1]). */
interface Pack {
  count: number;
  jc: Int32Array;
  limits: Int32Array;
  start: Int32Array;
  len: Int32Array;
  placeFrom: Int32Array;
  places: Int32Array;
  rows: Float64Array;
  /** The first (highest) bound of each group: a group none of whose entries can reach is passed without reading its rows. */
  top: Float64Array;
}

const DAY_MS = 86_400_000;
const RANK_GAP = 2 ** 20;
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

/** The first row from `from` below `end` whose bound is below `bound` (bounds descend). */
function firstBelow(rows: Float64Array, bound: number, from: number, end: number): number {
  let lo = from;
  let hi = end;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid * STRIDE + BOUND]! >= bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The closest of a CV's occupations, as score.ts's breakdown chooses it (the closest; at the same
 * closeness the one with more years, else the first): for CVs with more than three occupations
 * in one sub-major group. Sets closestIndex.
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
   * Every pool key in order (with its slot, -1 once removed, and its rank), and each slot's
   * rank: numbers in key order, so ranking breaks its many ties by comparing numbers instead of
   * strings. New keys are placed when ranking next needs them — all at once after a load, one by
   * one after that. Ranks are spaced (RANK_GAP) and a key placed later takes the middle of its
   * neighbours', so the ranks packed beside the entries stay right; only when a gap is used up
   * are all renumbered (and every pack made again).
   */
  const ordered: string[] = [];
  const orderedSlot: number[] = [];
  const orderedRank: number[] = [];
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
  /** Puts new keys in order; after a renumbering (always after a load) packs every code at once, not order by order. */
  const placeKeys = () => {
    if (unranked.length === 0) return;
    let renumber = unranked.length > 64;
    if (renumber) {
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
        if (ordered[at] === key) {
          orderedSlot[at] = slot;
          rank[slot] = orderedRank[at]!;
        } else {
          const below = at > 0 ? orderedRank[at - 1]! : 0;
          const above = at < orderedRank.length ? orderedRank[at]! : below + 2 * RANK_GAP;
          const middle = (below + above) / 2;
          if (!(middle > below && middle < above)) renumber = true;
          ordered.splice(at, 0, key);
          orderedSlot.splice(at, 0, slot);
          orderedRank.splice(at, 0, middle);
          rank[slot] = middle;
        }
      }
    unranked.length = 0;
    if (!renumber) return;
    orderedRank.length = ordered.length;
    for (let i = 0; i < orderedSlot.length; i++) {
      orderedRank[i] = (i + 1) * RANK_GAP;
      const slot = orderedSlot[i]!;
      if (slot >= 0) rank[slot] = orderedRank[i]!;
    }
    packs.length = 0;
    for (let code = 0; code < groups.length; code++) if (groups[code]) packOf(code);
  };
  /** code id → (jobcentre id, limit class) → group; and each code's groups packed (undefined: changed since). */
  const groups: Map<number, Group>[] = [];
  const packs: (Pack | undefined)[] = [];
  const packOf = (code: number): Pack => {
    const held = packs[code];
    if (held) return held;
    const list = [...(groups[code]?.values() ?? [])].filter((g) => g.n > 0);
    let entries = 0;
    let places = 0;
    for (const g of list) {
      entries += g.n;
      places += g.placeIds.length;
    }
    const pack: Pack = {
      count: list.length,
      jc: new Int32Array(list.length),
      limits: new Int32Array(list.length),
      start: new Int32Array(list.length),
      len: new Int32Array(list.length),
      placeFrom: new Int32Array(list.length + 1),
      places: new Int32Array(places),
      rows: new Float64Array(entries * STRIDE),
      top: new Float64Array(list.length),
    };
    let at = 0;
    let p = 0;
    list.forEach((g, k) => {
      pack.jc[k] = g.jc;
      pack.limits[k] = g.limits;
      pack.start[k] = at;
      pack.len[k] = g.n;
      pack.placeFrom[k] = p;
      pack.places.set(g.placeIds, p);
      p += g.placeIds.length;
      pack.rows.set(g.rows.subarray(0, g.n * STRIDE), at * STRIDE);
      for (let i = at; i < at + g.n; i++) pack.rows[i * STRIDE + RANK] = rank[pack.rows[i * STRIDE + SLOT]!]!;
      pack.top[k] = g.rows[BOUND]!;
      at += g.n;
    });
    pack.placeFrom[list.length] = p;
    packs[code] = pack;
    return pack;
  };

  /** Where an entry belongs in a group: after every entry with a higher bound, or the same bound and a newer revision, or both the same and a smaller key. */
  const position = (g: Group, bound: number, revision: number, key: string): number => {
    const rows = g.rows;
    let lo = 0;
    let hi = g.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const o = mid * STRIDE;
      const b = rows[o + BOUND]!;
      const r = rows[o + REV]!;
      if (b > bound || (b === bound && (r > revision || (r === revision && keys[rows[o + SLOT]!]! < key)))) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  /** The row being filed or unfiled. */
  const entry = new Float64Array(STRIDE);
  /** Calls `each` for every occupation a visible CV is filed under: its group and code, its row in `entry`. */
  const filings = (slot: number, c: Candidate, each: (g: Group, code: number) => void) => {
    if (!c.visible) return;
    const da = languageLevel(c, 'da');
    const danish = da === -1 || (da ?? -2) >= DANISH_LEVEL;
    const jc = cols.jobcentreId(c.jobcentre);
    const limits = limitClass(c.commuteKm);
    const skillN = Math.min(c.skills.length, ENTRY_SKILLS + 1);
    for (let k = 0; k < c.occupations.length; k++) {
      const o = c.occupations[k]!;
      const prefix = eligibilityPrefix(o.code);
      const code = cols.codeId(o.code);
      let perJc = groups[code];
      if (!perJc) {
        perJc = new Map();
        groups[code] = perJc;
      }
      const groupKey = jc * 8 + limits + 1;
      let g = perJc.get(groupKey);
      if (!g) {
        g = { jc, limits, placeIds: [], placeCounts: [], rows: new Float64Array(4 * STRIDE), n: 0 };
        perJc.set(groupKey, g);
      }
      entry.fill(0);
      entry[SLOT] = slot;
      entry[BOUND] = experiencePoints(o.years) + (danish ? WEIGHTS.danish : 0);
      entry[REV] = Number.isNaN(c.revisionMs) ? Number.NEGATIVE_INFINITY : c.revisionMs;
      entry[YEARS] = o.years ?? Number.NaN;
      // The CV's other occupations in this sub-major group compete with this one for the score.
      entry[OCC] = -1;
      entry[O1] = -1;
      entry[O2] = -1;
      for (let j = 0; j < c.occupations.length; j++) {
        const other = c.occupations[j]!;
        if (j === k || eligibilityPrefix(other.code) !== prefix) continue;
        entry[OCC] = k;
        const held = cols.codeId(other.code) * 2 + (j < k ? 1 : 0);
        if (entry[O1] === -1) {
          entry[O1] = held;
          entry[O1Y] = other.years ?? 0;
        } else if (entry[O2] === -1) {
          entry[O2] = held;
          entry[O2Y] = other.years ?? 0;
        } else entry[O1] = -2;
      }
      entry[CERT] = c.certificates;
      entry[LIC] = c.licences;
      entry[AVAIL] = c.availableDay ?? Number.NaN;
      entry[NOTICE] = c.noticeDays ?? 0;
      entry[PLACE] = cols.place[slot]!;
      entry[COMMUTE] = c.commuteKm ?? Number.NaN;
      entry[DA] = da ?? -1;
      entry[SKILLN] = skillN;
      for (let s = 0; s < ENTRY_SKILLS; s++)
        entry[SKILL0 + s] = s < c.skills.length && c.skills.length <= ENTRY_SKILLS ? cols.skillId(c.skills[s]!) : -1;
      each(g, code);
    }
  };
  const file = (slot: number, c: Candidate) => {
    filings(slot, c, (g, code) => {
      packs[code] = undefined;
      const at = position(g, entry[BOUND]!, entry[REV]!, c.key);
      if ((g.n + 1) * STRIDE > g.rows.length) {
        const grown = new Float64Array(Math.max(4, Math.ceil(g.n * 1.5) + 1) * STRIDE);
        grown.set(g.rows.subarray(0, g.n * STRIDE));
        g.rows = grown;
      }
      g.rows.copyWithin((at + 1) * STRIDE, at * STRIDE, g.n * STRIDE);
      g.rows.set(entry, at * STRIDE);
      g.n++;
      const place = entry[PLACE]!;
      const p = g.placeIds.indexOf(place);
      if (p >= 0) g.placeCounts[p]!++;
      else {
        g.placeIds.push(place);
        g.placeCounts.push(1);
      }
    });
  };
  /** Before the slot's columns are overwritten: the entries are found by what the held CV says. */
  const unfile = (slot: number, c: Candidate) => {
    filings(slot, c, (g, code) => {
      const rows = g.rows;
      // Duplicate occupations put one CV in a group twice: find this very entry.
      let at = position(g, entry[BOUND]!, entry[REV]!, c.key);
      while (at < g.n && rows[at * STRIDE + SLOT] === slot && rows[at * STRIDE + OCC] !== entry[OCC]) at++;
      if (at >= g.n || rows[at * STRIDE + SLOT] !== slot) return;
      packs[code] = undefined;
      rows.copyWithin(at * STRIDE, (at + 1) * STRIDE, g.n * STRIDE);
      g.n--;
      const place = entry[PLACE]!;
      const p = g.placeIds.indexOf(place);
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
      const { codeLevel, placeKm, placePoints, placeClass, allowedJc, skillMemo } = t;
      const { todayDay, startByDay, nowMs, text } = q;
      const req = q.requirements;
      const reqCert = req.certificates;
      const reqLic = req.licences;
      const reqStart = req.startByDay ?? Number.POSITIVE_INFINITY;
      const reqLangs = req.languages;
      const hasText = text.trim() !== '';
      // Freshness by revision alone (score.ts: whole days of age ≤ 30 or ≤ 90; revisions are whole ms).
      const freshFrom = nowMs - (FRESH_MONTH_DAYS + 1) * DAY_MS;
      const quarterFrom = nowMs - (FRESH_QUARTER_DAYS + 1) * DAY_MS;
      /**
       * How many of the row's skill phrases the query's text names (score.ts: whole words), capped;
       * memoised per phrase. The CV (`held`, else by its slot) is read only when the row holds too
       * many phrases to list: a CV object is far in memory, and ranking reads thousands of rows.
       */
      const skillsOf = (rows: Float64Array, o: number, held?: Candidate): number => {
        const k = rows[o + SKILLN]!;
        if (k === 0) return 0;
        let n = 0;
        if (k > ENTRY_SKILLS) {
          for (const skill of (held ?? candidates[rows[o + SLOT]!]!).skills) if (text.includes(skill)) n++;
        } else
          for (let s = 0; s < k; s++) {
            const id = rows[o + SKILL0 + s]!;
            let m = skillMemo[id]!;
            if (m === 0) {
              m = text.includes(cols.skillName(id)) ? 2 : 1;
              skillMemo[id] = m;
            }
            n += m - 1;
          }
        return Math.min(n, WEIGHTS.maxSkills);
      };
      /** The row's phrases the query names, as reasonsOf lists them; undefined when the row holds too many (read from the CV). */
      const skillListOf = (rows: Float64Array, o: number): string | undefined => {
        const k = rows[o + SKILLN]!;
        if (k > ENTRY_SKILLS) return undefined;
        let list = '';
        let named = 0;
        for (let s = 0; s < k && named < WEIGHTS.maxSkills; s++) {
          const id = rows[o + SKILL0 + s]!;
          if (skillMemo[id] === 2) list += (named++ === 0 ? '' : ', ') + cols.skillName(id).trim();
        }
        return list;
      };
      /** Whether another occupation of the CV (O1/O2) is the one score.ts counts instead of this one. */
      const beaten = (held: number, heldYears: number, level: number, years: number): boolean => {
        const l = codeLevel[held >> 1]!;
        return l > level || (l === level && (heldYears > years || (heldYears === years && (held & 1) === 1)));
      };
      const width = Math.max(max, 0);
      const jobcentres = cols.jobcentreCount();
      const topSlot = new Int32Array(jobcentres * width);
      const topRank = new Float64Array(jobcentres * width);
      const topScore = new Int32Array(jobcentres * width);
      /** Where each listed entry's row is (code, row in its pack): its reasons are made from it. */
      const topCode = new Int32Array(jobcentres * width);
      const topRow = new Int32Array(jobcentres * width);
      const topN = new Int32Array(jobcentres);
      const touched = new Uint8Array(jobcentres);

      /** The rows of every code read, for the picks' reasons. */
      const read = new Map<number, Float64Array>();
      // The closest codes first: a jobcentre's list is full of good scores before the wider groups are read.
      for (let level = 4; level >= MIN_ELIGIBLE_LEVEL; level--) {
        for (let code = 0; code < codeLevel.length; code++) {
          if (codeLevel[code] !== level || !groups[code]) continue;
          const pack = packOf(code);
          const rows = pack.rows;
          read.set(code, rows);
          for (let g = 0; g < pack.count; g++) {
            const j = pack.jc[g]!;
            if (allowedJc !== undefined && allowedJc[j] === 0) continue;
            const limits = pack.limits[g]!;
            let nearest = 0;
            for (let p = pack.placeFrom[g]!; p < pack.placeFrom[g + 1]!; p++) {
              const pl = pack.places[p]!;
              if (!beyondClass(placeKm[pl]!, limits))
                nearest = Math.max(nearest, placePoints[pl]! + (limits >= 0 ? WEIGHTS.withinCommute : 0));
            }
            const rest = LEVEL_POINTS[level]! + nearest + (hasText ? SKILL_POINTS : 0) + WEIGHTS.available;
            const base = j * width;
            if (topN[j] === width && width > 0 && rest + pack.top[g]! + WEIGHTS.freshMonth < topScore[base + width - 1]!) continue;
            const end = pack.start[g]! + pack.len[g]!;
            let i = pack.start[g]!;
            while (i < end) {
              const o = i * STRIDE;
              const b = rows[o + BOUND]!;
              const rev = rows[o + REV]!;
              const fresh = rev > freshFrom ? WEIGHTS.freshMonth : rev > quarterFrom ? WEIGHTS.freshQuarter : 0;
              if (topN[j] === width && width > 0) {
                const worst = topScore[base + width - 1]!;
                // Bounds descend: once the freshest of this bound cannot reach the worst, no one after can.
                if (rest + b + WEIGHTS.freshMonth < worst) break;
                // Freshness falls along the revisions of one bound: skip to the next bound.
                if (rest + b + fresh < worst) {
                  i = firstBelow(rows, b, i, end);
                  continue;
                }
              }
              const row = i++;
              const s = rows[o + SLOT]!;
              // A CV with several occupations in the group's sub-major group is scored in the group of the one that counts.
              const occ = rows[o + OCC]!;
              if (occ >= 0) {
                const o1 = rows[o + O1]!;
                if (o1 === -2) {
                  if (closestLevel(candidates[s]!, q.occupation) !== level || closestIndex !== occ) continue;
                } else {
                  const y = rows[o + YEARS]!;
                  const years = Number.isNaN(y) ? 0 : y;
                  if (beaten(o1, rows[o + O1Y]!, level, years)) continue;
                  const o2 = rows[o + O2]!;
                  if (o2 >= 0 && beaten(o2, rows[o + O2Y]!, level, years)) continue;
                }
              }
              // Hard requirements (requirements.ts): masks, languages at level, start within.
              const cert = rows[o + CERT]!;
              const lic = rows[o + LIC]!;
              if ((cert & reqCert) !== reqCert || (lic & reqLic) !== reqLic) continue;
              if (reqLangs.length > 0 && !meetsLanguages(reqLangs, rows[o + DA]!, s, candidates)) continue;
              const from = rows[o + AVAIL]!;
              const start = !Number.isNaN(from) ? Math.max(from, todayDay) : todayDay + rows[o + NOTICE]!;
              if (start > reqStart) continue;

              // score.ts's points: the bound holds experience and Danish exactly.
              let score = LEVEL_POINTS[level]! + b + fresh;
              if (hasText) score += skillsOf(rows, o) * WEIGHTS.skill;
              const pl = rows[o + PLACE]!;
              const limit = rows[o + COMMUTE]!;
              // NaN (no limit of its own) is never exceeded, as `km > undefined` in score.ts.
              if (!(placeKm[pl]! > limit)) {
                score += placePoints[pl]!;
                if (!Number.isNaN(limit)) score += WEIGHTS.withinCommute;
              }
              if (start <= startByDay) score += WEIGHTS.available;

              // Into the jobcentre's bounded list, best first; the same score by pool key (rank.ts's better).
              touched[j] = 1;
              const r = rows[o + RANK]!;
              let n = topN[j]!;
              if (n === width) {
                if (width === 0) continue;
                const worst = topScore[base + n - 1]!;
                if (score < worst || (score === worst && r > topRank[base + n - 1]!)) continue;
                n--;
              } else topN[j] = n + 1;
              while (n > 0) {
                const above = topScore[base + n - 1]!;
                if (above > score || (above === score && topRank[base + n - 1]! < r)) break;
                topScore[base + n] = above;
                topSlot[base + n] = topSlot[base + n - 1]!;
                topRank[base + n] = topRank[base + n - 1]!;
                topCode[base + n] = topCode[base + n - 1]!;
                topRow[base + n] = topRow[base + n - 1]!;
                n--;
              }
              topScore[base + n] = score;
              topSlot[base + n] = s;
              topRank[base + n] = r;
              topCode[base + n] = code;
              topRow[base + n] = row;
            }
          }
        }
      }

      // A pick's reasons are made from the row it was scored with, and only if it is shown: this
      // ranking keeps the rows it read and its tables (a change to the pool packs anew; these stay).
      const facts: RankingFacts = {
        breakdown(pick, into) {
          const at = pick.at!;
          const code = topCode[at]!;
          const rows = read.get(code)!;
          const o = topRow[at]! * STRIDE;
          const y = rows[o + YEARS]!;
          const years = Number.isNaN(y) ? undefined : y;
          const pl = rows[o + PLACE]!;
          const limit = rows[o + COMMUTE]!;
          const beyondCommute = placeKm[pl]! > limit;
          const from = rows[o + AVAIL]!;
          const start = !Number.isNaN(from) ? Math.max(from, todayDay) : todayDay + rows[o + NOTICE]!;
          into.level = codeLevel[code] as 2 | 3 | 4;
          into.occupation = cols.codeName(code);
          into.years = years;
          const skills = hasText ? skillsOf(rows, o, pick.candidate) : 0;
          into.skills = skills;
          into.skillList = skills > 0 ? skillListOf(rows, o) : undefined;
          into.danish = rows[o + BOUND]! - experiencePoints(years) === WEIGHTS.danish;
          into.distance = DISTANCE_CLASSES[placeClass[pl]!]!;
          into.beyondCommute = beyondCommute;
          into.withinCommute = !Number.isNaN(limit) && !beyondCommute;
          into.km = Number.isNaN(limit) ? undefined : limit;
          into.available = start <= startByDay;
          into.ageDays = Math.floor((nowMs - rows[o + REV]!) / DAY_MS);
          return into;
        },
      };
      for (let j = 0; j < jobcentres; j++) {
        if (touched[j] === 0) continue;
        const list: Scored[] = [];
        for (let k = j * width; k < j * width + topN[j]!; k++)
          list.push({ candidate: candidates[topSlot[k]!]!, score: topScore[k]!, facts, at: k });
        lists.set(cols.jobcentreCode(j), list);
      }
      return lists;
    },
    all: () => byKey.values(),
  };
}

/** Every language the order requires, at its level (requirements.ts): Danish from its column, others from the CV. */
function meetsLanguages(
  required: readonly { code: string; level: number }[],
  da: number,
  slot: number,
  candidates: readonly (Candidate | undefined)[],
): boolean {
  for (const l of required) {
    // The CV is read only for a language other than Danish (it is far in memory; the row is not).
    const level = l.code === 'da' ? da : (languageLevel(candidates[slot]!, l.code) ?? -1);
    if (level < l.level) return false;
  }
  return true;
}
