import { z } from 'zod';
import { Instant, JobcentreCode, OrderId, RoundId, Scope } from './common';

/** broadcast → events: every recipient has replied or is overdue (R6, R7). */
export const RoundCompleted = z.object({
  roundId: RoundId,
  orderId: OrderId,
  leadJobcentre: JobcentreCode,
  scope: Scope,
  completedAt: Instant,
  replied: z.array(JobcentreCode),
  overdue: z.array(JobcentreCode),
  candidateCount: z.number().int().min(0),
  /** R7: when the round brought no candidates, the next wider scope to try (null: none left, or not needed). */
  proposedNextScope: Scope.nullable(),
});
export type RoundCompleted = z.infer<typeof RoundCompleted>;

export const roundCompletedExample: RoundCompleted = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  leadJobcentre: 101,
  scope: 'cooperation',
  completedAt: '2026-11-27T09:00:02.000Z',
  replied: [147],
  overdue: [151],
  candidateCount: 1,
  proposedNextScope: null,
};
