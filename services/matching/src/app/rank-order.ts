import { makeEnvelope, type OrderRegistered, routeOf } from '@rs/contracts';
import { poolKey, rankPool } from '../domain/rank';
import { type MatchingDeps, SOURCE } from './deps';

export type { MatchingDeps } from './deps';

/**
 * Ranks the pool for a new order once and publishes every jobcentre's shortlist with it. The
 * ranking document (id = order id) elects one writer, so a redelivered order or a second
 * replica ranks to no effect. Returns false when the order was ranked before.
 */
export async function rankOrder(deps: MatchingDeps, order: OrderRegistered): Promise<boolean> {
  if (await deps.rankings.exists(order.orderId)) return false;
  const rankedAt = deps.now();
  const [pool, poolSize] = await Promise.all([deps.pool.candidatesFor(order.order.occupation), deps.pool.size()]);
  const shortlists = rankPool(order.order, pool, rankedAt);
  const id = deps.newId();
  const envelope = makeEnvelope(
    'order.shortlisted',
    { orderId: order.orderId, rankedAt: rankedAt.toISOString(), poolSize, shortlists },
    { id, time: rankedAt, source: SOURCE, correlationId: order.orderId },
  );
  return deps.rankings.insert(
    {
      orderId: order.orderId,
      rankedAt,
      poolSize,
      // The attributable read: which candidates this ranking put on a shortlist, and for which order.
      shortlisted: shortlists.flatMap((s) => s.candidates.map((c) => poolKey(s.jobcentre, c.candidateRef))),
    },
    [{ kind: 'publish', id, ...routeOf('order.shortlisted'), envelope }],
  );
}
