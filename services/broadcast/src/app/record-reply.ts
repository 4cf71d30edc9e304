import type { RoundReply } from '@rs/contracts';
import { applyToRound } from './apply-to-round';
import type { BroadcastDeps } from './deps';
import { escalateIfPolicy } from './escalate';

/**
 * R6: a recipient's reply, recorded once per message; after the deadline it is accepted and
 * marked late; a different reply later amends it until the round is closed.
 */
export async function recordReply(deps: BroadcastDeps, sender: number, reply: RoundReply, messageId: string) {
  const result = await applyToRound(
    deps,
    reply.roundId,
    (now) => ({ type: 'RecordReply', recipient: sender, answer: reply.answer, candidates: reply.candidates, now }),
    messageId,
  );
  // The round's timers stay while anyone is pending (their handlers skip who replied); the last
  // reply ends them. Best effort: a handler finds nothing to do for a complete round anyway.
  if (result.outcome === 'applied' && result.completedNow) await deps.cancelTimers(reply.roundId).catch(() => {});
  await escalateIfPolicy(deps, result.round);
  return result;
}
