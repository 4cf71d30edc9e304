import { cooperationsAt, makeEnvelope, type OrderRegistered, routeOf, SHORTLIST_MAX } from '@rs/contracts';
import { better, queryOfOrder, type Scored, shortlistsFrom } from '../domain/rank';
import { prepareQuery, scoreOf } from '../domain/score';
import { type MatchingDeps, SOURCE } from './deps';
import { recheck } from './pool-index-sync';
import type { CandidateRead } from './ports';

export type { MatchingDeps } from './deps';

/** Picks beyond a shortlist's length per jobcentre, so a few dropped by the re-check still leave it full. */
const RECHECK_SLACK = 5;

/**
 * Ranks the pool for a new order once and publishes every jobcentre's shortlist with it. The
 * index chooses; the store confirms each pick (still there, still visible, scored on its newest
 * revision). The ranking document (id = order id, or `<orderId>-amendment-<n>` after an
 * amendment) elects one writer, so a redelivered order or a second replica ranks to no effect.
 * Returns false when it was ranked before.
 */
export async function rankOrder(
  deps: MatchingDeps,
  order: Pick<OrderRegistered, 'orderId' | 'order'>,
  rankingId: string = order.orderId,
): Promise<boolean> {
  if (await deps.rankings.exists(rankingId)) return false;
  await deps.indexReady;
  const rankedAt = deps.now();
  const q = prepareQuery(queryOfOrder(order.order), rankedAt, cooperationsAt(deps.cooperations(), rankedAt));
  const picks = deps.index.best(q, SHORTLIST_MAX + RECHECK_SLACK);
  const fresh = await recheck(
    deps,
    [...picks.values()].flatMap((list) => list.map((s) => s.candidate.key)),
  );
  const confirmed = new Map<number, Scored[]>();
  for (const [jobcentre, list] of picks) {
    const kept = list
      .flatMap((s) => {
        const now = fresh.get(s.candidate.key);
        const score = now ? scoreOf(now.candidate, q) : -1;
        return score < 0 || !now ? [] : [{ candidate: now.candidate, score }];
      })
      .sort(better)
      .slice(0, SHORTLIST_MAX);
    if (kept.length > 0) confirmed.set(jobcentre, kept);
  }
  const shortlists = shortlistsFrom(confirmed, q);
  const poolSize = deps.index.size;
  const shortlisted = [...confirmed.values()].flat();
  // Every candidate put on a shortlist is a read, for this order, by the home jobcentre it goes to.
  await deps.candidateReads.record(
    shortlisted.map(
      ({ candidate: c }): CandidateRead => ({
        at: rankedAt,
        by: 'matching',
        role: 'service',
        readerJobcentre: c.jobcentre,
        candidate: c.key,
        candidateJobcentre: c.jobcentre,
        candidateRef: c.candidateRef,
        kind: 'shortlist',
        purpose: 'shortlist for a new order / kandidatliste til en ny ordre',
        orderId: order.orderId,
      }),
    ),
  );
  const id = deps.newId();
  const envelope = makeEnvelope(
    'order.shortlisted',
    { orderId: order.orderId, rankedAt: rankedAt.toISOString(), poolSize, shortlists },
    { id, time: rankedAt, source: SOURCE, correlationId: order.orderId },
  );
  return deps.rankings.insert(
    { id: rankingId, orderId: order.orderId, rankedAt, poolSize, shortlisted: shortlisted.map((s) => s.candidate.key) },
    [{ kind: 'publish', id, ...routeOf('order.shortlisted'), envelope }],
  );
}
