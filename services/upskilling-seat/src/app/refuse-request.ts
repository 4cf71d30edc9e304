import { CourseId, makeEnvelope, routeOf, SEAT_REFUSAL_REASONS, type SeatRefusalReason } from '@rs/contracts';
import { SOURCE, type UpskillingDeps } from './deps';
import { onceId } from './outgoing';

export interface RefusedRequest {
  sender: number;
  messageId: string;
  reason: SeatRefusalReason;
  /** The figures or fields behind it, in English and (when known) Danish. */
  detail?: string;
  detailDa?: string;
  /** The message's data as sent (unvalidated when it was invalid). */
  data: unknown;
}

/**
 * Tells a jobcentre its seat request was refused (nothing changed), on its own
 * queue, confirmed. It changes no state, so it is published directly; its id follows from the
 * refused message, so the copy sent again after a redelivery counts once at the connector.
 */
export async function refuseRequest(deps: Pick<UpskillingDeps, 'now' | 'publish'>, refused: RefusedRequest): Promise<void> {
  const claimed = (refused.data as Record<string, unknown> | null | undefined)?.courseId;
  const id = onceId(refused.messageId, 'seat.request-refused', refused.sender);
  const envelope = makeEnvelope(
    'seat.request-refused',
    {
      refusedMessageId: refused.messageId,
      recipient: refused.sender,
      ...(CourseId.safeParse(claimed).success ? { courseId: claimed as string } : {}),
      reason: refused.reason,
      message: SEAT_REFUSAL_REASONS[refused.reason],
      ...(refused.detail ? { detail: refused.detail.slice(0, 2000) } : {}),
      ...(refused.detailDa ? { detailDa: refused.detailDa.slice(0, 2000) } : {}),
      refusedAt: deps.now().toISOString(),
    },
    { id, time: deps.now(), source: SOURCE },
  );
  await deps.publish({ kind: 'publish', id, ...routeOf('seat.request-refused', refused.sender), envelope });
}
