import type { Candidate } from './candidate';
import { discoCloseness } from './disco';
import { insertBounded, type Scored } from './rank';
import { boundBesidesOccupation, distanceBound, type PreparedQuery, scoreOf, WEIGHTS } from './score';

/**
 * The pool in memory, for ranking in milliseconds. Every CV once by key, and filed three times
 * along the DISCO-08 hierarchy — under its unit groups (4 digits), minor groups (3) and
 * sub-major groups (2), the widest closeness that still makes a candidate (disco.ts) — and
 * there per home jobcentre, ordered by the most the CV could score (boundBesidesOccupation).
 *
 * Ranking an order reads, per jobcentre, the same occupation first, then the same minor group,
 * then the same sub-major group, and stops as soon as no CV left can beat that jobcentre's
 * shortlist: the result is exactly what scoring every CV gives (the property test says so),
 * after reading a small part of the pool. Built from the store at start and kept current by the
 * CV messages; the store stays the truth (ranking checks its picks there again).
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

interface Entry {
  candidate: Candidate;
  /** The most it can score at the bucket's level. */
  bound: number;
}

type Level = 4 | 3 | 2;
const LEVELS: readonly Level[] = [4, 3, 2];
/** bucket key `<level>:<prefix>` → home jobcentre → home municipality → entries, highest bound first. */
type Buckets = Map<string, Map<number, Map<number, Entry[]>>>;

const bucketKey = (level: Level, code: string) => `${level}:${code.slice(0, level)}`;

function bucketsOf(c: Candidate): Map<string, Level> {
  const keys = new Map<string, Level>();
  for (const o of c.occupations) for (const level of LEVELS) keys.set(bucketKey(level, o.code), level);
  return keys;
}

/** Entries ordered by bound, highest first; the same bound by key, so the order is the same on every replica. */
function before(a: Entry, b: Entry): boolean {
  return a.bound > b.bound || (a.bound === b.bound && a.candidate.key < b.candidate.key);
}

export function createPoolIndex(): PoolIndex {
  const byKey = new Map<string, Candidate>();
  const buckets: Buckets = new Map();

  const file = (c: Candidate) => {
    const rest = boundBesidesOccupation(c);
    for (const [key, level] of bucketsOf(c)) {
      let perJobcentre = buckets.get(key);
      if (!perJobcentre) {
        perJobcentre = new Map();
        buckets.set(key, perJobcentre);
      }
      let perMunicipality = perJobcentre.get(c.jobcentre);
      if (!perMunicipality) {
        perMunicipality = new Map();
        perJobcentre.set(c.jobcentre, perMunicipality);
      }
      let list = perMunicipality.get(c.municipality);
      if (!list) {
        list = [];
        perMunicipality.set(c.municipality, list);
      }
      const entry = { candidate: c, bound: WEIGHTS.occupation[level] + rest };
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (before(list[mid]!, entry)) lo = mid + 1;
        else hi = mid;
      }
      list.splice(lo, 0, entry);
    }
  };
  const unfile = (c: Candidate) => {
    for (const key of bucketsOf(c).keys()) {
      const list = buckets.get(key)?.get(c.jobcentre)?.get(c.municipality);
      const at = list?.findIndex((e) => e.candidate === c) ?? -1;
      if (list && at >= 0) list.splice(at, 1);
    }
  };

  return {
    upsert(candidate) {
      const held = byKey.get(candidate.key);
      if (held) {
        if (held.revisionMs > candidate.revisionMs) return false;
        unfile(held);
      }
      byKey.set(candidate.key, candidate);
      file(candidate);
      return true;
    },
    remove(key) {
      const held = byKey.get(key);
      if (!held) return false;
      unfile(held);
      byKey.delete(key);
      return true;
    },
    get: (key) => byKey.get(key),
    get size() {
      return byKey.size;
    },
    best(q, max, allowed) {
      const lists = new Map<number, Scored[]>();
      for (const level of LEVELS) {
        const perJobcentre = buckets.get(bucketKey(level, q.occupation));
        if (!perJobcentre) continue;
        for (const [jobcentre, perMunicipality] of perJobcentre) {
          if (allowed && !allowed.has(jobcentre)) continue;
          // Where the candidates live fixes their distance points: the nearest municipalities first.
          const groups: { entries: Entry[]; distance: number }[] = [];
          for (const entries of perMunicipality.values())
            if (entries.length > 0) groups.push({ entries, distance: distanceBound(entries[0]!.candidate, q) });
          groups.sort((a, b) => b.entries[0]!.bound + b.distance - (a.entries[0]!.bound + a.distance));
          let list = lists.get(jobcentre);
          for (const { entries, distance } of groups) {
            for (const { candidate, bound } of entries) {
              const worst = list && list.length >= max ? list[list.length - 1] : undefined;
              // Ordered by bound: once none left can reach the list's worst, none left can join it.
              if (worst && bound + distance < worst.score) break;
              // A CV closer at a level read before was scored there.
              if (level < 4 && closest(candidate, q.occupation) > level) continue;
              const score = scoreOf(candidate, q);
              if (score < 0) continue;
              if (!list) {
                list = [];
                lists.set(jobcentre, list);
              }
              insertBounded(list, candidate, score, max);
            }
          }
        }
      }
      return lists;
    },
    all: () => byKey.values(),
  };
}

function closest(c: Candidate, occupation: string): number {
  let level = 0;
  for (const o of c.occupations) level = Math.max(level, discoCloseness(o.code, occupation));
  return level;
}
