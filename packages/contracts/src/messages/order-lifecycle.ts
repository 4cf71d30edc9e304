import { z } from 'zod';
import { Instant, JobcentreCode, OrderId } from './common';

/**
 * The job order's lifecycle (issue 15). The order's own states; `lawStatus` maps each to the four
 * statuses of BEK 442/2023 § 137 the jobcentres report in.
 */
export const OrderState = z.enum([
  'registered',
  'in-dialogue',
  'searching',
  'candidates-presented',
  'filled',
  'partly-filled',
  'closed-unfilled',
  'cancelled',
]);
export type OrderState = z.infer<typeof OrderState>;

/** BEK 442/2023 § 137: in progress; inactive (enough referrals); closed, filled; closed, deadline passed. */
export const LawStatus = z.enum(['in-progress', 'inactive-enough-referrals', 'closed-filled', 'closed-deadline-passed']);
export type LawStatus = z.infer<typeof LawStatus>;

/**
 * order-intake → events: the order moved from one state to another. Published once per
 * transition (the timeline entry's id makes a redelivery recognisable); the service-goal clocks
 * and reporting follow the order by these.
 */
export const OrderStatusChanged = z.object({
  orderId: OrderId,
  /** The timeline entry that records the transition; unique per order. */
  entryId: z.string().min(1).max(100),
  cooperation: z.string().min(1).max(40).nullable(),
  leadJobcentre: JobcentreCode,
  from: OrderState,
  to: OrderState,
  lawStatus: LawStatus,
  at: Instant,
  /** The person (token subject) or `system`. */
  by: z.string().min(1).max(200),
  reason: z.string().max(2000).optional(),
});
export type OrderStatusChanged = z.infer<typeof OrderStatusChanged>;

export const orderStatusChangedExample: OrderStatusChanged = {
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  entryId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-3',
  cooperation: 'HRS',
  leadJobcentre: 185,
  from: 'registered',
  to: 'in-dialogue',
  lawStatus: 'in-progress',
  at: '2026-12-01T09:30:00.000Z',
  by: 'consultant-185',
};
