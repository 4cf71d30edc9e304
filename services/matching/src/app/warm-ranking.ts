import { cooperationsAt, type HardRequirements, SHORTLIST_MAX } from '@rs/contracts';
import { shortlistsFrom } from '../domain/rank';
import { prepareQuery } from '../domain/score';
import type { MatchingDeps } from './deps';

/** Enough for V8 to have optimised the ranking code for every kind of query (measured: ~25 orders). */
export const WARM_RANKINGS = 40;

/** One of each kind of hard requirement, in turn, so every path of the ranking runs. */
const VARIANTS: (HardRequirements | undefined)[] = [
  undefined,
  { certificates: ['forklift'] },
  { licenceCategories: ['B'], startWithinDays: 14 },
  { languages: [{ code: 'da', level: 'B2' }] },
];

/**
 * Ranks queries made from the pool itself once it is loaded, before the first order: the first
 * ranking after a load puts the pool's keys in order and packs every code (0.3–0.6 s at 200,000
 * CVs), and the few dozen after it run before V8 has optimised the ranking (measured: 7–30 ms
 * each, where later ones take 2). A replica that has just started then ranks its first order as
 * fast as its thousandth. Nothing is kept, logged as a read or sent: no one sees these results.
 */
export function warmRanking(
  deps: Pick<MatchingDeps, 'index' | 'now' | 'cooperations'>,
  rankings = WARM_RANKINGS,
): { rankings: number; ms: number } {
  const t0 = performance.now();
  const size = deps.index.size;
  if (size === 0) return { rankings: 0, ms: 0 };
  const now = deps.now();
  const cooperations = cooperationsAt(deps.cooperations(), now);
  // CVs spread over the pool (it is iterated in the order it was loaded: jobcentre by jobcentre).
  const every = Math.max(1, Math.floor(size / rankings));
  let done = 0;
  let i = 0;
  for (const c of deps.index.all()) {
    if (done >= rankings) break;
    if (i++ % every !== 0 || c.occupations.length === 0) continue;
    const q = prepareQuery(
      {
        occupation: c.occupations[0]!.code,
        municipality: c.municipality,
        text: c.skills.join(' '),
        startBy: done % 2 === 0 ? undefined : new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10),
        requirements: VARIANTS[done % VARIANTS.length],
      },
      now,
      cooperations,
    );
    shortlistsFrom(deps.index.best(q, SHORTLIST_MAX), q);
    done++;
  }
  return { rankings: done, ms: Math.round(performance.now() - t0) };
}
