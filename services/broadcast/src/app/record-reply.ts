import type { RoundReply } from '@rs/contracts';
import { applyToRound } from './apply-to-round';
import type { BroadcastDeps } from './deps';

/** R6: a recipient's reply, recorded once; after the deadline it is accepted and marked late. */
export async function recordReply(deps: BroadcastDeps, sender: number, reply: RoundReply, messageId: string) {
  const result = await applyToRound(
    deps,
    reply.roundId,
    (now) => ({ type: 'RecordReply', recipient: sender, answer: reply.answer, candidates: reply.candidates, now }),
    messageId,
  );
  // Best effort: the deadline handler re-reads the round and does nothing for a replier anyway.
  if (result.outcome === 'applied') await deps.cancelDeadline(reply.roundId, sender).catch(() => {});
  return result;
}
