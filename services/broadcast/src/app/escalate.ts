import { loadRound } from '../adapters/mongo/round.repository';
import { proposedNextScope, type Round, roundId } from '../domain/round';
import type { BroadcastDeps } from './deps';
import { loadOrderSnapshot, openRoundForOrder } from './open-round';

/** Jobcentres that answered any round of the order: a wider round does not ask them again. */
export async function jobcentresThatAnswered(deps: BroadcastDeps, orderId: string): Promise<{ rounds: number; answered: number[] }> {
  const docs = await deps.models.rounds.collection.find({ orderId }, { projection: { _id: 1 } }).toArray();
  const answered = new Set<number>();
  for (const doc of docs) {
    const stored = await loadRound(deps.models, String(doc._id));
    for (const r of stored?.round.recipients ?? []) if (r.status === 'replied') answered.add(r.jobcentre);
  }
  return { rounds: docs.length, answered: [...answered].sort((a, b) => a - b) };
}

/**
 * R7 with a cooperation policy of automatic escalation: a round that completed without
 * candidates opens the next wider scope at once. The new round's id follows from the completed
 * one (`<orderId>-<seq + 1>`), so a redelivered completion or a second replica opens nothing twice.
 * Callers call it for every message that finds the round complete, not only the one that
 * completed it: a process that died between the two writes is made good by the redelivery.
 */
export async function escalateIfPolicy(deps: BroadcastDeps, completed: Round): Promise<Round | undefined> {
  if (completed.status !== 'complete' || !deps.autoEscalate(completed.leadJobcentre)) return undefined;
  const scope = proposedNextScope(completed);
  if (!scope) return undefined;
  const seq = Number(/-(\d+)$/.exec(completed.id)?.[1]);
  if (!Number.isInteger(seq) || (await deps.models.rounds.exists({ _id: roundId(completed.orderId, seq + 1) }))) return undefined;
  const snapshot = await loadOrderSnapshot(deps, completed.orderId);
  if (!snapshot) return undefined;
  const { answered } = await jobcentresThatAnswered(deps, completed.orderId);
  return openRoundForOrder(deps, snapshot, scope, seq + 1, answered);
}

/**
 * At start: every complete round that should have escalated by policy and has no successor
 * (the process died after completing it and its message was not redelivered) escalates now.
 */
export async function reconcileEscalations(deps: BroadcastDeps): Promise<number> {
  let opened = 0;
  const cursor = deps.models.rounds.collection.find({ status: 'complete' }, { projection: { _id: 1 } });
  for await (const doc of cursor) {
    const stored = await loadRound(deps.models, String(doc._id));
    if (stored && (await escalateIfPolicy(deps, stored.round))) opened++;
  }
  return opened;
}
