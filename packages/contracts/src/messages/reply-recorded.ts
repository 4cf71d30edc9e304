import { z } from 'zod';
import { Instant, JobcentreCode, OrderId, RoundId } from './common';

/** broadcast → events: a recipient's reply was recorded (once, whatever the redeliveries). */
export const ReplyRecorded = z.object({
  roundId: RoundId,
  orderId: OrderId,
  leadJobcentre: JobcentreCode,
  recipient: JobcentreCode,
  answer: z.enum(['candidates', 'none']),
  candidateCount: z.number().int().min(0),
  late: z.boolean(),
  /** True when this replaces the recipient's earlier reply in the same round. */
  amended: z.boolean(),
  repliedAt: Instant,
  /**
   * True when the recipient did not reply and the company agreed that silence at the deadline
   * means "no qualified candidates" (R6): an implied answer, not a reply. Reply compliance leaves
   * it out. Absent: the recipient replied.
   */
  implied: z.boolean().optional(),
});
export type ReplyRecorded = z.infer<typeof ReplyRecorded>;

export const replyRecordedExample: ReplyRecorded = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  leadJobcentre: 101,
  recipient: 147,
  answer: 'candidates',
  candidateCount: 1,
  late: false,
  amended: false,
  repliedAt: '2026-11-25T12:00:00.000Z',
};
