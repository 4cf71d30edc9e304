import { reminderRecipients } from '../domain/round';
import type { BroadcastDeps } from './deps';
import { reminderEnvelopeId, toJobcentre } from './outgoing';

/**
 * A reminder timer of a round fired: remind every recipient still pending (nobody when silence means "none") (or, for a job of the
 * per-recipient scheme from before 2026-12-01, only the recipient it names). It changes no state,
 * so it is published directly, each message with a confirm; if any publish fails the job fails
 * and BullMQ runs it again. The re-run sends to everyone still pending once more under the same
 * envelope ids (`reminderEnvelopeId`), so a recipient that got the first copy counts it once.
 * Returns the recipients reminded.
 */
export async function sendReminder(deps: BroadcastDeps, roundId: string, offsetSeconds: number, only?: number): Promise<number[]> {
  const loaded = await deps.rounds.load(roundId);
  if (!loaded) return [];
  const round = loaded.state;
  const recipients = reminderRecipients(round).filter((r) => only === undefined || r === only);
  const sent = await Promise.allSettled(
    recipients.map((recipient) =>
      deps.publish(
        toJobcentre(
          deps,
          recipient,
          'round.reminder',
          { roundId, orderId: round.orderId, recipient, deadline: round.deadline, overdue: false },
          round,
          reminderEnvelopeId(roundId, offsetSeconds, recipient),
        ),
      ),
    ),
  );
  const failed = sent.flatMap((s, i) => (s.status === 'rejected' ? [recipients[i]] : []));
  if (failed.length > 0) {
    const first = sent.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    throw new Error(`reminder of round ${roundId} not confirmed for ${failed.join(', ')}: ${String(first?.reason)}`);
  }
  return recipients;
}
