import { z } from 'zod';

/*
 * What the lead's pages read from order-intake and broadcast (their OpenAPI schemas, as far as the
 * pages use them), checked when read: a reply that does not fit is a broken reply (`parseReply`:
 * 502, the page says the service failed) rather than a crash in a view or "undefined" on the page.
 * Loose objects: a field the pages do not read is kept, never a reason to refuse the reply.
 */

const Instant = z.string();

export const GoalClock = z.looseObject({
  goal: z.enum(['dialogue', 'candidates']),
  workingDays: z.number(),
  dueAt: Instant.nullable(),
  warnAt: Instant.nullable(),
  standing: z.enum(['waiting', 'running', 'met', 'met-late', 'breached', 'stopped']),
  metAt: Instant.optional(),
  warnedAt: Instant.optional(),
  breachedAt: Instant.optional(),
});
export type GoalClock = z.infer<typeof GoalClock>;

export const GoalsView = z.looseObject({
  goals: z.array(GoalClock),
  timeline: z.array(z.looseObject({ at: Instant, by: z.string(), type: z.string(), goal: z.string(), note: z.string().optional() })),
});
export type GoalsView = z.infer<typeof GoalsView>;

const RoundProgress = z.looseObject({
  roundId: z.string(),
  scope: z.string().optional(),
  status: z.enum(['open', 'complete']),
  recipients: z.array(z.number().int()),
  replied: z.array(z.number().int()),
});
export type RoundProgress = z.infer<typeof RoundProgress>;

export const OrderView = z.looseObject({
  id: z.string(),
  leadJobcentre: z.number().int(),
  cooperation: z.string().nullable(),
  channel: z.string(),
  registeredAt: Instant,
  status: z.string(),
  lawStatus: z.string(),
  company: z.looseObject({ name: z.string(), cvr: z.string().optional(), municipality: z.number().int() }),
  details: z.looseObject({
    title: z.string(),
    description: z.string(),
    positions: z.number().int(),
    workplaceMunicipality: z.number().int(),
    startBy: z.string().optional(),
    shortNotice: z.boolean(),
  }),
  broadcastRequested: z.looseObject({ scope: z.string() }).nullable(),
  rounds: z.array(RoundProgress),
  hires: z.array(
    z.looseObject({
      jobcentre: z.number().int(),
      candidateRef: z.string(),
      hiredAt: Instant,
      startDate: z.string().optional(),
      weeklyHours: z.number().optional(),
    }),
  ),
  referrals: z.array(
    z.looseObject({
      id: z.string(),
      jobcentre: z.number().int(),
      candidateRef: z.string(),
      presentedAt: Instant,
      presentedBy: z.string(),
      screening: z.array(z.string()),
      outcome: z.looseObject({ kind: z.string(), reason: z.string().optional(), at: Instant }).optional(),
    }),
  ),
  positions: z.looseObject({ wanted: z.number().int(), filled: z.number().int() }),
  timeline: z.array(
    z.looseObject({
      id: z.string(),
      at: Instant,
      by: z.string(),
      kind: z.string(),
      from: z.string().optional(),
      to: z.string().optional(),
      reason: z.string().optional(),
      note: z.string().optional(),
    }),
  ),
  everyJobcentreSearched: z.boolean(),
});
export type OrderView = z.infer<typeof OrderView>;

export const LeadQueue = z.looseObject({
  jobcentre: z.number().int(),
  orders: z.array(
    z.looseObject({
      order: OrderView,
      urgency: z.enum(['breached', 'warned', 'running', 'quiet']),
      nextDueAt: Instant.nullable(),
      goals: z.array(GoalClock).nullable(),
    }),
  ),
  truncated: z.boolean(),
});
export type LeadQueue = z.infer<typeof LeadQueue>;

export const BoardRecipient = z.looseObject({
  jobcentre: z.number().int(),
  status: z.enum(['pending', 'replied', 'overdue']),
  answer: z.enum(['candidates', 'none']).optional(),
  candidates: z.array(z.looseObject({ candidateRef: z.string(), summary: z.string().optional() })).optional(),
  repliedAt: Instant.optional(),
  late: z.boolean().optional(),
  implied: z.boolean().optional(),
});
export type BoardRecipient = z.infer<typeof BoardRecipient>;

export const BoardRound = z.looseObject({
  id: z.string(),
  orderId: z.string(),
  leadJobcentre: z.number().int(),
  scope: z.string(),
  openedAt: Instant,
  deadline: Instant,
  status: z.enum(['open', 'complete', 'closed']),
  recipients: z.array(BoardRecipient),
  summary: z.looseObject({
    replied: z.array(z.number().int()),
    overdue: z.array(z.number().int()),
    pending: z.array(z.number().int()),
    candidateCount: z.number().int(),
  }),
  proposedNextScope: z.string().nullable(),
});
export type BoardRound = z.infer<typeof BoardRound>;

/** A recipient's own view of a round (GET /rounds/:id as a jobcentre that was asked): not the lead's board. */
export const OwnRoundView = z.looseObject({ own: z.unknown() });

export const ScreeningPrinciples = z.looseObject({
  principles: z.array(z.looseObject({ id: z.string(), da: z.string(), en: z.string() })),
});

/** The round of an order still waiting for replies, as "my orders" shows it: the newest open one, if any. */
export function openRound(order: Pick<OrderView, 'rounds'>): RoundProgress | undefined {
  return order.rounds.findLast((r) => r.status === 'open');
}
