import { z } from 'zod';
import type { LeadQueue } from './orders-api';

/** What the front page reads of a jobcentre's inbox (broadcast's GET /jobcentres/:code/inbox). */
export const InboxSummary = z.looseObject({
  rounds: z.array(z.looseObject({ id: z.string(), deadline: z.string(), own: z.looseObject({ status: z.string() }) })),
});
export type InboxSummary = z.infer<typeof InboxSummary>;

/** A jobcentre consultant's day on one screen: the rounds to answer and the orders they lead. */
export interface WorkToday {
  /** Open rounds this jobcentre has not answered, and the earliest deadline among them. */
  toAnswer: { count: number; nextDeadline: string | undefined };
  /** The orders it leads by their goal clocks (breached and warned first, as "Mine ordrer" lists them). */
  leading: { count: number; breached: number; warned: number };
}

/** Undefined for a part whose service did not answer: the page says so instead of a wrong zero. */
export function workToday(inbox: InboxSummary | undefined, queue: LeadQueue | undefined): Partial<WorkToday> {
  const pending = inbox?.rounds.filter((r) => r.own.status === 'pending') ?? [];
  return {
    ...(inbox ? { toAnswer: { count: pending.length, nextDeadline: pending.map((r) => r.deadline).sort()[0] } } : {}),
    ...(queue
      ? {
          leading: {
            count: queue.orders.length,
            breached: queue.orders.filter((o) => o.urgency === 'breached').length,
            warned: queue.orders.filter((o) => o.urgency === 'warned').length,
          },
        }
      : {}),
  };
}
