import { z } from 'zod';
import { Instant, JobcentreCode, OrderId, RoundId } from './common';
import { ProposedCandidate } from './round-reply';

/** broadcast → a recipient's queue: the deadline is near, or (overdue: true) has passed without a reply. */
export const RoundReminder = z.object({
  roundId: RoundId,
  orderId: OrderId,
  recipient: JobcentreCode,
  deadline: Instant,
  overdue: z.boolean(),
});
export type RoundReminder = z.infer<typeof RoundReminder>;

export const roundReminderExample: RoundReminder = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  recipient: 151,
  deadline: '2026-11-27T09:00:01.000Z',
  overdue: false,
};

/** broadcast → the lead's queue: a recipient replied (or amended its reply) to the lead's round. */
export const ReplyReceived = z.object({
  roundId: RoundId,
  orderId: OrderId,
  recipient: JobcentreCode,
  answer: z.enum(['candidates', 'none']),
  candidates: z.array(ProposedCandidate),
  late: z.boolean(),
  amended: z.boolean(),
  repliedAt: Instant,
});
export type ReplyReceived = z.infer<typeof ReplyReceived>;

export const replyReceivedExample: ReplyReceived = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  recipient: 147,
  answer: 'candidates',
  candidates: [{ candidateRef: 'c-147-0042', summary: 'SOSU-assistent, 6 års erfaring' }],
  late: false,
  amended: false,
  repliedAt: '2026-11-25T12:00:00.000Z',
};

/** broadcast → the lead's queue: a recipient let the deadline pass. */
export const OverdueNotice = z.object({
  roundId: RoundId,
  orderId: OrderId,
  recipient: JobcentreCode,
  deadline: Instant,
});
export type OverdueNotice = z.infer<typeof OverdueNotice>;

export const overdueNoticeExample: OverdueNotice = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  recipient: 151,
  deadline: '2026-11-27T09:00:01.000Z',
};

export const CloseReason = z.enum(['filled', 'cancelled', 'unfilled']);

/** broadcast → a recipient that has not answered: the order is closed, stop searching. */
export const RoundWithdrawn = z.object({
  roundId: RoundId,
  orderId: OrderId,
  recipient: JobcentreCode,
  reason: CloseReason,
});
export type RoundWithdrawn = z.infer<typeof RoundWithdrawn>;

export const roundWithdrawnExample: RoundWithdrawn = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  recipient: 151,
  reason: 'filled',
};

/** order-intake → events: the order is filled, cancelled or (R7, only after everyone was searched) unfilled. */
export const OrderClosed = z.object({
  orderId: OrderId,
  leadJobcentre: JobcentreCode,
  outcome: CloseReason,
  closedAt: Instant,
});
export type OrderClosed = z.infer<typeof OrderClosed>;

export const orderClosedExample: OrderClosed = {
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  leadJobcentre: 101,
  outcome: 'filled',
  closedAt: '2026-11-28T10:00:00.000Z',
};
