import { makeEnvelope, type OrderRegistered, routeOf } from '@rs/contracts';
import { type Committed, insertWithOutbox, type Relay } from '@rs/db';
import { rankPool } from '../domain/rank';
import type { MatchingModels } from '../adapters/mongo/pool.model';
import { candidatesFor, poolKey } from '../adapters/mongo/pool.repository';

export interface MatchingDeps {
  models: MatchingModels;
  now: () => Date;
  newId: () => string;
  relay: Pick<Relay, 'handoff'>;
}

export const SOURCE = '/services/matching';

/**
 * Ranks the pool for a new order once and publishes every jobcentre's shortlist with it. The
 * ranking document (id = order id) elects one writer, so a redelivered order or a second
 * replica ranks to no effect. Returns false when the order was ranked before.
 */
export async function rankOrder(deps: MatchingDeps, order: OrderRegistered): Promise<boolean> {
  if (await deps.models.rankings.exists({ _id: order.orderId })) return false;
  const rankedAt = deps.now();
  const [pool, poolSize] = await Promise.all([
    candidatesFor(deps.models, order.order.occupation),
    deps.models.pool.estimatedDocumentCount(),
  ]);
  const shortlists = rankPool(order.order, pool, rankedAt);
  const id = deps.newId();
  const envelope = makeEnvelope(
    'order.shortlisted',
    { orderId: order.orderId, rankedAt: rankedAt.toISOString(), poolSize, shortlists },
    { id, time: rankedAt, source: SOURCE, correlationId: order.orderId },
  );
  const committed: Committed | false = await insertWithOutbox(
    deps.models.rankings,
    {
      _id: order.orderId,
      rankedAt,
      poolSize,
      // The attributable read: which candidates this ranking put on a shortlist, and for which order.
      shortlisted: shortlists.flatMap((s) => s.candidates.map((c) => poolKey(s.jobcentre, c.candidateRef))),
    },
    [{ kind: 'publish', id, ...routeOf('order.shortlisted'), envelope }],
    undefined,
    undefined,
    { handoff: true },
  );
  if (!committed) return false;
  deps.relay.handoff(committed);
  return true;
}
