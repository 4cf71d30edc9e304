import { decideAndSave } from '@rs/db';
import { decide, evolve, type Round, type RoundCommand } from '../domain/round';
import type { BroadcastDeps } from './deps';
import { eventMessages } from './outgoing';

export class UnknownRoundError extends Error {}

export type ApplyResult = { outcome: 'applied'; round: Round; completedNow: boolean } | { outcome: 'unchanged'; round: Round };

/**
 * Load → decide → save with outbox (decideAndSave), retried when another replica wrote first.
 * With a `messageId` the write is also the inbox mark, so a redelivered message is applied once.
 */
export function applyToRound(
  deps: BroadcastDeps,
  roundId: string,
  command: (now: Date) => RoundCommand,
  messageId?: string,
): Promise<ApplyResult> {
  return deps.oneAtATime(roundId, () =>
    decideAndSave<Round, Round, ApplyResult>(
      deps.rounds,
      roundId,
      (id) => deps.rounds.load(id),
      (loaded) => {
        if (!loaded) throw new UnknownRoundError(`round ${roundId} does not exist`);
        const events = decide(command(deps.now()), loaded.state);
        if (events.length === 0) return { result: { outcome: 'unchanged', round: loaded.state } };
        const after = events.reduce(evolve, loaded.state);
        return {
          result: { outcome: 'applied', round: after, completedNow: events.some((e) => e.type === 'RoundCompleted') },
          write: { state: after, outbox: eventMessages(deps, after, events) },
        };
      },
      messageId ? { inbox: { messageId, duplicate: (loaded) => ({ outcome: 'unchanged', round: loaded.state }) } } : {},
    ),
  );
}
