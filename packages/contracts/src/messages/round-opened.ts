import { z } from 'zod';
import { Instant, JobcentreCode, OrderId, RoundId, Scope } from './common';

/** broadcast → events: a round was opened and its recipients fixed. */
export const RoundOpened = z.object({
  roundId: RoundId,
  orderId: OrderId,
  leadJobcentre: JobcentreCode,
  scope: Scope,
  recipients: z.array(JobcentreCode),
  openedAt: Instant,
  deadline: Instant,
});
export type RoundOpened = z.infer<typeof RoundOpened>;

export const roundOpenedExample: RoundOpened = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  leadJobcentre: 101,
  scope: 'cooperation',
  recipients: [147, 151],
  openedAt: '2026-11-25T09:00:01.000Z',
  deadline: '2026-11-27T09:00:01.000Z',
};
