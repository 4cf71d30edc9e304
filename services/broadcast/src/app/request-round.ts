import { danishDay, type ScopeId } from '@rs/contracts';
import { cooperationOfOn } from '../domain/cooperations';
import { type Actor, mayManage } from '../domain/access';
import { type OpeningRefusal, openingRefusal } from '../domain/opening';
import type { Round } from '../domain/round';
import type { BroadcastDeps } from './deps';
import { jobcentresThatAnswered } from './escalate';
import { loadOrderSnapshot, openRoundForOrder } from './open-round';

export type RoundRequest =
  | { kind: 'opened'; round: Round }
  /** No such order, or one the actor may not manage (its existence is not disclosed). */
  | { kind: 'not-found' }
  | { kind: 'refused'; refusal: OpeningRefusal }
  /** Another request opened the same round at the same moment. */
  | { kind: 'raced' };

/**
 * POST /rounds: the lead (or its secretariat) opens the next round of an order. Jobcentres that
 * answered an earlier round of the order are not asked again.
 */
export async function requestRound(deps: BroadcastDeps, actor: Actor, orderId: string, scope: ScopeId): Promise<RoundRequest> {
  const snapshot = await loadOrderSnapshot(deps, orderId);
  if (!snapshot || !mayManage(actor, snapshot)) return { kind: 'not-found' };
  const refusal = openingRefusal({
    scope,
    cooperation: snapshot.cooperation,
    cooperationNow: cooperationOfOn(deps.cooperations(), snapshot.leadJobcentre, danishDay(deps.now()))?.id,
    openRounds: await deps.rounds.countOpen(orderId),
  });
  if (refusal) return { kind: 'refused', refusal };
  const { rounds: earlier, answered } = await jobcentresThatAnswered(deps, orderId);
  const round = await openRoundForOrder(deps, snapshot, scope, earlier + 1, answered);
  return round ? { kind: 'opened', round } : { kind: 'raced' };
}
