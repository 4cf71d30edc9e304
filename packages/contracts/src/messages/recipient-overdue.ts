import { z } from 'zod';
import { Instant, JobcentreCode, OrderId, RoundId } from './common';

/** broadcast → events: a recipient let the reply deadline pass without answering. */
export const RecipientOverdue = z.object({
  roundId: RoundId,
  orderId: OrderId,
  leadJobcentre: JobcentreCode,
  recipient: JobcentreCode,
  deadline: Instant,
});
export type RecipientOverdue = z.infer<typeof RecipientOverdue>;

export const recipientOverdueExample: RecipientOverdue = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  leadJobcentre: 101,
  recipient: 151,
  deadline: '2026-11-27T09:00:01.000Z',
};
