import { type Bus, consume, InvalidMessageError } from '@rs/bus';
import { jobcentreCodeOfUser, SERVICE_QUEUES } from '@rs/contracts';
import { UnknownRoundError } from '../../app/apply-to-round';
import type { BroadcastDeps } from '../../app/deps';
import { recordReply } from '../../app/record-reply';
import { RoundRuleViolation } from '../../domain/round';

/**
 * round.reply from connectors. The sender is the broker-validated user_id, never the body:
 * a message without one, or from a user that is not a jobcentre, is dead-lettered.
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
    { requireUserId: true },
  );
}
