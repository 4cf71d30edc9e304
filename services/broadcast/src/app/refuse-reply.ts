import { makeEnvelope, OrderId, REPLY_REFUSAL_REASONS, type ReplyRefusalReason, RoundId, routeOf } from '@rs/contracts';
import { type BroadcastDeps, SOURCE } from './deps';
import { onceId } from './outgoing';

export interface RefusedReply {
  sender: number;
  messageId: string;
  reason: ReplyRefusalReason;
  /** Which fields were wrong, for invalid-reply. */
  detail?: string;
  /** The reply's data as sent (unvalidated when the reply was invalid). */
  data: unknown;
}

/**
 * Tells a jobcentre that its reply was refused (it is dead-lettered, nothing was recorded), on
 * its own queue, confirmed. It changes no state, so it is published directly; its id is derived
 * from the refused message, so the copy sent again after a redelivery counts once at the connector.
 */
export async function refuseReply(deps: BroadcastDeps, refused: RefusedReply): Promise<void> {
  // Named back only when well-formed: an invalid reply may carry anything there.
  const claimed = (field: 'roundId' | 'orderId') => {
    const value = (refused.data as Record<string, unknown> | null | undefined)?.[field];
    return (field === 'roundId' ? RoundId : OrderId).safeParse(value).success ? { [field]: value as string } : {};
  };
  const id = onceId(refused.messageId, 'round.reply-refused', refused.sender);
  const envelope = makeEnvelope(
    'round.reply-refused',
    {
      refusedMessageId: refused.messageId,
      recipient: refused.sender,
      ...claimed('roundId'),
      ...claimed('orderId'),
      reason: refused.reason,
      message: REPLY_REFUSAL_REASONS[refused.reason],
      ...(refused.detail ? { detail: refused.detail.slice(0, 2000) } : {}),
      refusedAt: deps.now().toISOString(),
    },
    { id, time: deps.now(), source: SOURCE },
  );
  await deps.publish({ kind: 'publish', id, ...routeOf('round.reply-refused', refused.sender), envelope });
}
