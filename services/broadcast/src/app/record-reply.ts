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
  // Best effort: the timer handlers re-read the round and do nothing for a replier anyway.
  if (result.outcome === 'applied') await deps.cancelTimers(reply.roundId, sender).catch(() => {});
  await escalateIfPolicy(deps, result.round);
  return result;
}
