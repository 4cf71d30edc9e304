import type { Candidate } from './candidate';
import { eligibilityPrefix } from './disco';

/**
 * The pool in memory, for ranking in milliseconds: every CV once by key, and filed under the
 * DISCO-08 sub-major groups (2 digits) of its occupations, which is the widest closeness that
 * still makes a candidate (disco.ts). One look-up by the order's group gives every CV that can
 * score; the other ~95 % of the pool is never touched. Built from the store at start and kept
 * current by the CV messages; the store stays the truth (ranking checks its picks there again).
 */
export interface PoolIndex {
  /** Adds or replaces a CV; an older revision than the one held is ignored (false). */
  upsert(candidate: Candidate): boolean;
  /** Removes a CV by pool key; false when it was not there. */
  remove(key: string): boolean;
  get(key: string): Candidate | undefined;
  readonly size: number;
  /** Every CV filed under the occupation's sub-major group: a superset of those that can score. */
  candidatesFor(occupation: string): Iterable<Candidate>;
  /** The whole pool (the brute-force baseline, and stale-CV reports). */
  all(): Iterable<Candidate>;
}

export function createPoolIndex(): PoolIndex {
  const byKey = new Map<string, Candidate>();
  const byGroup = new Map<string, Set<Candidate>>();
  const groupsOf = (c: Candidate) => new Set(c.occupations.map((o) => eligibilityPrefix(o.code)));
  const unfile = (c: Candidate) => {
    for (const g of groupsOf(c)) byGroup.get(g)?.delete(c);
  };
  return {
    upsert(candidate) {
      const held = byKey.get(candidate.key);
      if (held) {
        if (held.revisionMs > candidate.revisionMs) return false;
        unfile(held);
      }
      byKey.set(candidate.key, candidate);
      for (const g of groupsOf(candidate)) {
        let set = byGroup.get(g);
        if (!set) {
          set = new Set();
          byGroup.set(g, set);
        }
        set.add(candidate);
      }
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
    candidatesFor: (occupation) => byGroup.get(eligibilityPrefix(occupation)) ?? [],
    all: () => byKey.values(),
  };
}
