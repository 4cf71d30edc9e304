import { MUNICIPALITIES } from './data/municipalities';
import type { Jobcentre } from './types';

// Derived, not embedded: a jobcentre exists exactly when some municipality names it as its
// server, so the two lists can never disagree.
const JOBCENTRES: readonly Jobcentre[] = deriveJobcentres();
const byCode = new Map(JOBCENTRES.map((j) => [j.code, j]));

function deriveJobcentres(): readonly Jobcentre[] {
  const hosts = new Map(MUNICIPALITIES.map((m) => [m.code, m]));
  const served = new Map<number, number[]>();
  for (const m of MUNICIPALITIES) {
    served.set(m.jobcentreCode, [...(served.get(m.jobcentreCode) ?? []), m.code]);
  }
  return [...served.entries()]
    .map(([code, municipalities]) => {
      const host = hosts.get(code);
      if (!host) throw new Error(`reference data: jobcentre ${code} has no host municipality`);
      return Object.freeze({
        code,
        name: host.name,
        regionCode: host.regionCode,
        municipalities: Object.freeze([...municipalities].sort((a, b) => a - b)),
      });
    })
    .sort((a, b) => a.code - b.code);
}

/** The jobcentre with this code (its host municipality's code), or undefined if there is none. */
export function jobcentre(code: number): Jobcentre | undefined {
  return byCode.get(code);
}

/** True when the code names a jobcentre (155 Dragør and 183 Ishøj are municipalities, not jobcentres). */
export function isJobcentre(code: number): boolean {
  return byCode.has(code);
}

/** Every jobcentre, ascending by code (96: 98 municipalities, two served by a neighbour). */
export function allJobcentres(): readonly Jobcentre[] {
  return JOBCENTRES;
}
