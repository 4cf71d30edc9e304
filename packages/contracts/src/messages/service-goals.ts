import { z } from 'zod';
import { Instant, JobcentreCode, OrderId } from './common';

/**
 * The service goals of an order (R3, R4), counted in working days from its registration:
 * `dialogue` — the lead is in dialogue with the company within 1 working day;
 * `candidates` — candidates presented, or an agreed alternative recorded, within 3.
 */
export const ServiceGoalId = z.enum(['dialogue', 'candidates']);
export type ServiceGoalId = z.infer<typeof ServiceGoalId>;

/** `warning`: the goal falls due soon and is not met; `breach`: it fell due unmet. */
export const ServiceGoalAlertKind = z.enum(['warning', 'breach']);
export type ServiceGoalAlertKind = z.infer<typeof ServiceGoalAlertKind>;

/**
 * order-intake → events: a service goal of an order was warned or breached. Published once per
 * goal and kind (the envelope id is derived from order, goal and kind), for reporting (R11).
 */
export const ServiceGoalAlert = z.object({
  orderId: OrderId,
  goal: ServiceGoalId,
  kind: ServiceGoalAlertKind,
  leadJobcentre: JobcentreCode,
  cooperation: z.string().min(1).max(40).nullable(),
  registeredAt: Instant,
  /** When the goal falls (or fell) due: `workingDays` working days after registration. */
  dueAt: Instant,
  workingDays: z.number().int().min(1).max(30),
  /** When the warning or breach was recorded. */
  at: Instant,
});
export type ServiceGoalAlert = z.infer<typeof ServiceGoalAlert>;

/** order-intake → the lead jobcentre's own queue: the same warning or breach, as a notice to act on. */
export const ServiceGoalNotice = z.object({
  orderId: OrderId,
  goal: ServiceGoalId,
  kind: ServiceGoalAlertKind,
  leadJobcentre: JobcentreCode,
  dueAt: Instant,
  /** What to do, in Danish and English, for a person reading the connector's inbox. */
  message: z.object({ da: z.string().min(1).max(500), en: z.string().min(1).max(500) }),
});
export type ServiceGoalNotice = z.infer<typeof ServiceGoalNotice>;

export const serviceGoalAlertExample: ServiceGoalAlert = {
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  goal: 'dialogue',
  kind: 'warning',
  leadJobcentre: 185,
  cooperation: 'HRS',
  registeredAt: '2026-12-01T09:00:00.000Z',
  dueAt: '2026-12-02T09:00:00.000Z',
  workingDays: 1,
  at: '2026-12-02T05:00:00.000Z',
};

export const serviceGoalNoticeExample: ServiceGoalNotice = {
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  goal: 'dialogue',
  kind: 'warning',
  leadJobcentre: 185,
  dueAt: '2026-12-02T09:00:00.000Z',
  message: {
    da: 'Servicemålet "i dialog med virksomheden inden for 1 arbejdsdag" udløber 2. dec. 2026 kl. 10.00.',
    en: 'The service goal "in dialogue with the company within 1 working day" falls due 2 Dec 2026 at 10:00.',
  },
};
