/**
 * Closeness of two DISCO-08 occupations along the hierarchy: the classification is a tree of
 * major group (1 digit), sub-major (2), minor (3) and unit group (4), so the length of the code
 * prefix two occupations share is how close they are. 4 = the same occupation.
 */
export type DiscoLevel = 0 | 1 | 2 | 3 | 4;

export function discoCloseness(a: string, b: string): DiscoLevel {
  let level = 0;
  while (level < 4 && level < a.length && level < b.length && a[level] === b[level]) level++;
  return level as DiscoLevel;
}

/** From this level down a CV is not a candidate at all (a shared major group is too far: cleaner and miner are both 9). */
export const MIN_ELIGIBLE_LEVEL = 2;

/** What each level is called to a consultant. */
export const DISCO_LEVEL_NAMES: Record<2 | 3 | 4, { da: string; en: string }> = {
  4: { da: 'samme fag', en: 'same occupation' },
  3: { da: 'samme faggruppe', en: 'same minor group' },
  2: { da: 'samme hovedområde', en: 'same sub-major group' },
};

/** The prefix an index files an occupation under, so one look-up finds every eligible CV. */
export function eligibilityPrefix(code: string): string {
  return code.slice(0, MIN_ELIGIBLE_LEVEL);
}
