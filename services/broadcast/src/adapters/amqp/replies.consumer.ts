import { type Bus, consume, InvalidMessageError, type Rejection } from '@rs/bus';
import { jobcentreCodeOfUser, type ReplyRefusalReason, SERVICE_QUEUES } from '@rs/contracts';
import { jobcentre } from '@rs/reference-data';
import { UnknownRoundError } from '../../app/apply-to-round';
import type { BroadcastDeps } from '../../app/deps';
import { recordReply } from '../../app/record-reply';
import { refuseReply } from '../../app/refuse-reply';
import { RoundRuleViolation } from '../../domain/round';

/** The dead-letter reasons a jobcentre is told about, as the reason code of round.reply-refused. */
const TOLD: Record<string, ReplyRefusalReason> = {
  'invalid-data': 'invalid-reply',
  'unknown-round': 'unknown-round',
  'not-a-recipient': 'not-a-recipient',
};

/**
 * round.reply from connectors. The sender is the broker-validated user_id, never the body:
 * a message without one, or from a user that is not a jobcentre, is dead-lettered. A refused
 * reply from a real jobcentre is also told to that jobcentre (round.reply-refused), so a
 * connector never believes a reply recorded because the broker confirmed it.
 */
export function consumeReplies(bus: Bus, deps: BroadcastDeps) {
  return consume(
    bus,
    SERVICE_QUEUES.broadcastReplies,
    {
      'round.reply': async (data, ctx) => {
        const sender = jobcentreCodeOfUser(ctx.userId);
        if (sender === undefined) throw new InvalidMessageError(`user ${ctx.userId} is not a jobcentre`, 'unknown-sender');
        try {
          await recordReply(deps, sender, data, ctx.envelope.id);
        } catch (error) {
          if (error instanceof RoundRuleViolation) throw new InvalidMessageError(error.message, error.rule);
          if (error instanceof UnknownRoundError) throw new InvalidMessageError(error.message, 'unknown-round');
          throw error;
        }
      },
    },
    { requireUserId: true, onRejected: (rejection) => tellSender(deps, rejection) },
  );
}

async function tellSender(deps: BroadcastDeps, rejection: Rejection): Promise<void> {
  const reason = TOLD[rejection.code];
  const sender = jobcentreCodeOfUser(rejection.sender);
  // Only a real jobcentre has a queue to tell; a forged or unknown user has none.
  if (!reason || sender === undefined || !jobcentre(sender) || !rejection.envelope) return;
  await refuseReply(deps, {
    sender,
    messageId: rejection.envelope.id,
    reason,
    ...(reason === 'invalid-reply' ? { detail: rejection.detail } : {}),
    data: rejection.envelope.data,
  });
}
