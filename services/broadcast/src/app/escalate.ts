import { proposedNextScope, type Round, roundId } from '../domain/round';
import type { BroadcastDeps } from './deps';
import { loadOrderSnapshot, openRoundForOrder } from './open-round';

/** Jobcentres that answered any round of the order: a wider round does not ask them again. */
export async function jobcentresThatAnswered(deps: BroadcastDeps, orderId: string): Promise<{ rounds: number; answered: number[] }> {
  const ids = await deps.rounds.idsOfOrder(orderId);
  const answered = new Set<number>();
  for (const id of ids) {
    const loaded = await deps.rounds.load(id);
    for (const r of loaded?.state.recipients ?? []) if (r.status === 'replied') answered.add(r.jobcentre);
  }
  return { rounds: ids.length, answered: [...answered].sort((a, b) => a - b) };
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
  if (!Number.isInteger(seq) || (await deps.rounds.exists(roundId(completed.orderId, seq + 1)))) return undefined;
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
  for await (const id of deps.rounds.idsWithStatus('complete')) {
    const loaded = await deps.rounds.load(id);
    if (loaded && (await escalateIfPolicy(deps, loaded.state))) opened++;
  }
  return opened;
}
