import { type CooperationsNow, type OrderSummary, SHORTLIST_MAX, type ShortlistCandidate } from '@rs/contracts';
import type { z } from 'zod';
import type { Candidate } from './candidate';
import { type Breakdown, type MatchQuery, newBreakdown, type PreparedQuery, prepareQuery, scoreOf, toShortlistCandidate } from './score';

export { type PoolCv, poolKey } from './candidate';

export interface Shortlist {
  jobcentre: number;
  candidates: ShortlistCandidate[];
}

export interface Scored {
  candidate: Candidate;
  score: number;
  /**
   * When the index chose it: the numbers that ranking scored with (entry `at`), read only when
   * its reasons are made, so no CV is scored twice and a pick never shown costs no object.
   */
  facts?: RankingFacts | undefined;
  at?: number | undefined;
}

/** What one ranking of the index scored its picks with, held until their reasons are made. */
export interface RankingFacts {
  /** Fills `into` with score.ts's breakdown of one of its picks, and returns it. */
  breakdown(pick: Scored, into: Breakdown): Breakdown;
}

type Order = z.infer<typeof OrderSummary>;

/** What an order looks for. */
export function queryOfOrder(order: Order): MatchQuery {
  return {
    occupation: order.occupation,
    municipality: order.municipality,
    startBy: order.startBy,
    text: `${order.title} ${order.description}`,
    requirements: order.requirements,
  };
}

/** Best first; the same score by pool key, so every replica ranks alike. */
export function better(a: Scored, b: Scored): number {
  return b.score - a.score || (a.candidate.key < b.candidate.key ? -1 : a.candidate.key > b.candidate.key ? 1 : 0);
}

/** Keeps the `max` best of a list in order as items come (max is small: 10 per jobcentre). */
export function insertBounded(list: Scored[], candidate: Candidate, score: number, max: number): void {
  const worst = list[list.length - 1];
  if (list.length >= max && worst && (score < worst.score || (score === worst.score && candidate.key > worst.candidate.key))) return;
  const item = { candidate, score };
  let i = list.length;
  while (i > 0 && better(item, list[i - 1]!) < 0) i--;
  list.splice(i, 0, item);
  if (list.length > max) list.pop();
}

/**
 * Every candidate that meets the query, kept `max` per home jobcentre, best first. `allowed`
 * limits the home jobcentres (a consultant's scope).
 */
export function bestPerJobcentre(
  pool: Iterable<Candidate>,
  q: PreparedQuery,
  max: number,
  allowed?: ReadonlySet<number>,
): Map<number, Scored[]> {
  const lists = new Map<number, Scored[]>();
  for (const candidate of pool) {
    if (allowed && !allowed.has(candidate.jobcentre)) continue;
    const score = scoreOf(candidate, q);
    if (score < 0) continue;
    let list = lists.get(candidate.jobcentre);
    if (!list) {
      list = [];
      lists.set(candidate.jobcentre, list);
    }
    insertBounded(list, candidate, score, max);
  }
  return lists;
}

/**
 * Ranks the pool for an order: per jobcentre its own best candidates (at most SHORTLIST_MAX),
 * with reasons. `pool` may be the whole pool (the brute-force baseline) or the index's
 * candidates for the occupation: the result is the same.
 */
export function rankPool(order: Order, pool: Iterable<Candidate>, now: Date, cooperations: CooperationsNow): Shortlist[] {
  const q = prepareQuery(queryOfOrder(order), now, cooperations);
  return shortlistsFrom(bestPerJobcentre(pool, q, SHORTLIST_MAX), q);
}

/** One breakdown for every pick explained: its reasons are made from it at once. */
const picked = newBreakdown();

export function shortlistsFrom(lists: Map<number, Scored[]>, q: PreparedQuery): Shortlist[] {
  return [...lists.entries()]
    .sort(([a], [b]) => a - b)
    .map(([jobcentre, list]) => ({
      jobcentre,
      candidates: list.map((s) => toShortlistCandidate(s.candidate, q, s.score, s.facts?.breakdown(s, picked))),
    }));
}

/** A consultant's search: the `limit` best of the per-jobcentre lists, best first. */
export function searchPool(lists: Map<number, Scored[]>, limit: number): Scored[] {
  const all: Scored[] = [];
  for (const list of lists.values()) all.push(...list);
  return all.sort(better).slice(0, limit);
}
