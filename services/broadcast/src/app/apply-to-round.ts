import { backOff, saveGuarded } from '@rs/db';
import { decide, evolve, type Round, type RoundCommand } from '../domain/round';
import { loadRound, roundState } from '../adapters/mongo/round.repository';
import type { BroadcastDeps } from './deps';
import { eventMessages } from './outgoing';

export class UnknownRoundError extends Error {}

export type ApplyResult = { outcome: 'applied'; round: Round; completedNow: boolean } | { outcome: 'unchanged'; round: Round };

/**
 * Load → decide → save with outbox, retried when another replica wrote first. With a
 * `messageId` the write is also the inbox mark, so a redelivered message is applied once.
 */
export async function applyToRound(
  deps: BroadcastDeps,
  roundId: string,
  command: (now: Date) => RoundCommand,
  messageId?: string,
): Promise<ApplyResult> {
  return deps.oneAtATime(roundId, () => applyOnce(deps, roundId, command, messageId));
}

async function applyOnce(
  deps: BroadcastDeps,
  roundId: string,
  command: (now: Date) => RoundCommand,
  messageId: string | undefined,
): Promise<ApplyResult> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const stored = await loadRound(deps.models, roundId);
    if (!stored) throw new UnknownRoundError(`round ${roundId} does not exist`);
    if (messageId && stored.processed.includes(messageId)) return { outcome: 'unchanged', round: stored.round };
    const events = decide(command(deps.now()), stored.round);
    if (events.length === 0) return { outcome: 'unchanged', round: stored.round };
    const after = events.reduce(evolve, stored.round);
    const saved = await saveGuarded(deps.models.rounds, {
      handoff: true,
      id: roundId,
      version: stored.version,
      set: roundState(after),
      outbox: eventMessages(deps, after, events),
      ...(messageId ? { processedId: messageId } : {}),
    });
    if (saved) {
      deps.relay.handoff(saved);
      return { outcome: 'applied', round: after, completedNow: events.some((e) => e.type === 'RoundCompleted') };
    }
    await backOff(attempt);
  }
  throw new Error(`round ${roundId}: too much contention, will retry`);
}
