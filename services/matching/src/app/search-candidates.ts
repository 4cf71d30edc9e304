import { cooperationsAt, type HardRequirements, type ScopeId, type ShortlistCandidate } from '@rs/contracts';
import { jobcentre as jobcentreOf } from '@rs/reference-data';
import { type PoolCv, poolKey } from '../domain/candidate';
import { better, searchPool } from '../domain/rank';
import { prepareQuery, reasonsFor, scoreOf } from '../domain/score';
import type { MatchingDeps } from './deps';
import { recheck } from './pool-index-sync';

export interface SearchInput {
  occupation: string;
  /** Where the job is; the consultant's own jobcentre's municipality when not given. */
  municipality?: number | undefined;
  scope: ScopeId;
  requirements?: HardRequirements | undefined;
  startBy?: string | undefined;
  text?: string | undefined;
  limit: number;
  purpose: string;
  orderId?: string | undefined;
}

/**
 * One result, minimised: enough to judge the fit and whom to ask (the home jobcentre), nothing
 * the consultant does not need — no free-text summary, skills or education field, no
 * municipality of residence.
 */
export interface SearchResult {
  candidateRef: string;
  jobcentre: number;
  jobcentreName: string;
  headline: string;
  score: number;
  reasons: ShortlistCandidate['reasons'];
  occupations: { code: string; years?: number }[];
  certificates: NonNullable<PoolCv['certificates']>;
  licenceCategories: NonNullable<PoolCv['licenceCategories']>;
  languages: { code: string; level?: string }[];
  availableFrom?: string;
  noticeDays?: number;
  hours?: NonNullable<PoolCv['hours']>;
  employmentTypes?: NonNullable<PoolCv['employmentTypes']>;
}

export interface Searcher {
  sub: string;
  role: string;
  jobcentre: number;
}

/**
 * A consultant's search of the pool across the jobcentres its scope allows. The index picks,
 * the store confirms (visible and present now), and every candidate returned is recorded as a
 * read before the answer leaves.
 */
export async function searchCandidates(
  deps: Pick<MatchingDeps, 'index' | 'indexReady' | 'pool' | 'candidateReads' | 'now' | 'cooperations'>,
  searcher: Searcher,
  allowed: ReadonlySet<number>,
  input: SearchInput,
): Promise<SearchResult[]> {
  await deps.indexReady;
  const now = deps.now();
  const municipality = input.municipality ?? searcher.jobcentre;
  const q = prepareQuery(
    { occupation: input.occupation, municipality, startBy: input.startBy, text: input.text, requirements: input.requirements },
    now,
    cooperationsAt(deps.cooperations(), now),
  );
  const picks = searchPool(deps.index.best(q, input.limit + 5, allowed), input.limit + 5);
  const fresh = await recheck(
    deps,
    picks.map((p) => p.candidate.key),
  );
  const confirmed = picks
    .flatMap((p) => {
      const now = fresh.get(p.candidate.key);
      const score = now ? scoreOf(now.candidate, q) : -1;
      return now && score >= 0 ? [{ candidate: now.candidate, score, cv: now.cv }] : [];
    })
    .sort(better)
    .slice(0, input.limit);
  await deps.candidateReads.record(
    confirmed.map(({ cv }) => ({
      at: now,
      by: searcher.sub,
      role: searcher.role,
      readerJobcentre: searcher.jobcentre,
      candidate: poolKey(cv.jobcentre, cv.candidateRef),
      candidateJobcentre: cv.jobcentre,
      candidateRef: cv.candidateRef,
      kind: 'search' as const,
      purpose: input.purpose,
      ...(input.orderId ? { orderId: input.orderId } : {}),
    })),
  );
  return confirmed.map(({ cv, candidate, score }) => ({
    candidateRef: cv.candidateRef,
    jobcentre: cv.jobcentre,
    jobcentreName: jobcentreOf(cv.jobcentre)?.name ?? String(cv.jobcentre),
    headline: cv.headline,
    score,
    reasons: reasonsFor(candidate, q),
    occupations: cv.occupations.map((o) => (typeof o === 'string' ? { code: o } : { code: o.code, years: o.years })),
    certificates: cv.certificates ?? [],
    licenceCategories: [...new Set([...(cv.licenceCategories ?? []), ...(cv.drivingLicence ? (['B'] as const) : [])])],
    languages: cv.languages.map((l) => (typeof l === 'string' ? { code: l } : { code: l.code, level: l.level })),
    ...(cv.availableFrom ? { availableFrom: cv.availableFrom } : {}),
    ...(cv.noticeDays !== undefined ? { noticeDays: cv.noticeDays } : {}),
    ...(cv.hours ? { hours: cv.hours } : {}),
    ...(cv.employmentTypes ? { employmentTypes: cv.employmentTypes } : {}),
  }));
}
