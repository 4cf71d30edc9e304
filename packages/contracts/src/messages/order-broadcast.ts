import { z } from 'zod';
import { Instant, JobcentreCode, OrderId, OrderSummary, RoundId, Scope } from './common';
import { SHORTLIST_MAX, ShortlistCandidate } from './shortlist';

/** broadcast → one recipient jobcentre's queue: search your unemployed and reply by the deadline (R6). */
export const OrderBroadcast = z.object({
  roundId: RoundId,
  orderId: OrderId,
  leadJobcentre: JobcentreCode,
  recipient: JobcentreCode,
  scope: Scope,
  deadline: Instant,
  order: OrderSummary,
  /**
   * This recipient's own candidates that matching suggests, when the ranking was ready at the
   * opening; otherwise a round.shortlist may follow. Never another jobcentre's candidates.
   */
  shortlist: z.array(ShortlistCandidate).max(SHORTLIST_MAX).optional(),
  /**
   * True when the company agreed that a jobcentre without qualified candidates need not reply
   * (R6): silence at the deadline is recorded as "no qualified candidates", and no reminders come.
   * Absent: a reply is expected.
   */
  silenceMeansNone: z.boolean().optional(),
});
export type OrderBroadcast = z.infer<typeof OrderBroadcast>;

export const orderBroadcastExample: OrderBroadcast = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  leadJobcentre: 101,
  recipient: 147,
  scope: 'cooperation',
  deadline: '2026-11-27T09:00:01.000Z',
  order: {
    title: 'Social- og sundhedsassistent',
    occupation: '5321',
    positions: 3,
    municipality: 101,
    companyName: 'Plejecenter Sundby',
    description: 'Dagvagter, start snarest',
  },
};
