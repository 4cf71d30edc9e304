import { createHash } from 'node:crypto';
import { INQUIRY_ANSWER_REFUSAL_REASONS, type InquiryAnswerRefusalReason, makeEnvelope, routeOf } from '@rs/contracts';
import { z } from 'zod';
import { type MatchingDeps, SOURCE } from './deps';

export interface RefusedAnswer {
  sender: number;
  messageId: string;
  reason: InquiryAnswerRefusalReason;
  /** Which fields were wrong, for invalid-answer. */
  detail?: string;
  /** The answer's data as sent (unvalidated when it was invalid). */
  data: unknown;
}

/**
 * Tells a jobcentre that its answer was refused (it is dead-lettered, nothing was recorded), on
 * its own queue, confirmed. It changes no state, so it is published directly; its id is derived
 * from the refused message, so the copy sent again after a redelivery counts once at the connector.
 */
export async function refuseInquiryAnswer(deps: Pick<MatchingDeps, 'publish' | 'now'>, refused: RefusedAnswer): Promise<void> {
  // Named back only when well-formed: an invalid answer may carry anything there.
  const claimed = z.uuid().safeParse((refused.data as Record<string, unknown> | null | undefined)?.inquiryId);
  const hex = createHash('sha256').update(`${refused.messageId}/pool.inquiry-answer-refused/${refused.sender}`).digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  const envelope = makeEnvelope(
    'pool.inquiry-answer-refused',
    {
      refusedMessageId: refused.messageId,
      recipient: refused.sender,
      ...(claimed.success ? { inquiryId: claimed.data } : {}),
      reason: refused.reason,
      message: INQUIRY_ANSWER_REFUSAL_REASONS[refused.reason],
      ...(refused.detail ? { detail: refused.detail.slice(0, 2000) } : {}),
      refusedAt: deps.now().toISOString(),
    },
    { id, time: deps.now(), source: SOURCE },
  );
  await deps.publish({ kind: 'publish', id, ...routeOf('pool.inquiry-answer-refused', refused.sender), envelope });
}
