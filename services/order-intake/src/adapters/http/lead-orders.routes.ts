import { codeParam, HttpError, intQuery, mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { OrderIntakeDeps } from '../../app/deps';
import type { ServiceGoalDeps } from '../../app/service-goal-deps';
import { byUrgency, type QueueStanding, queueStanding } from '../../domain/lead-queue';
import type { Order } from '../../domain/order';
import type { ServiceGoals } from '../../domain/service-goals';
import { OPEN_STATES } from '../../domain/lifecycle';
import { OrderView } from './order-schemas';
import { orderView } from './order-view';
import { GoalView, view as goalsView } from './service-goals.routes';

/** Orders read per page (with one bulk read of their clocks each). */
const PAGE = 500;
/** A safety bound on one queue read; a lead with more open orders than this has other problems. */
const MAX_SCANNED = 10_000;

const LeadParams = z.object({ code: codeParam });

/** Strict: an unknown parameter is refused, not ignored. */
const LeadOrdersQuery = z.strictObject({
  /** `open` (the default): the orders still running; `all`: closed ones too. */
  state: z.enum(['open', 'all']).default('open'),
  /** At most this many orders: the most urgent of all the lead's orders (breached ones are never left out for newer quiet ones). */
  limit: intQuery(1, 200).default(100),
});

const LeadOrdersView = z
  .object({
    jobcentre: z.number().int(),
    /** Breached first, then warned, then running; within each the soonest due first. */
    orders: z.array(
      z.object({
        order: OrderView,
        urgency: z.enum(['breached', 'warned', 'running', 'quiet']),
        /** The earliest due time of a breached or running goal. */
        nextDueAt: z.string().nullable(),
        /** The service-goal clocks (R3 1, R4 3 working days); null until they are started. */
        goals: z.array(GoalView).nullable(),
      }),
    ),
    /** More orders than `limit` exist; the least urgent were left out. */
    truncated: z.boolean(),
  })
  .meta({ id: 'LeadOrders' });

/**
 * The lead consultant's queue: the orders a jobcentre leads, each with its service-goal clocks,
 * the most urgent first (what the web front's "my orders" shows). A jobcentre sees only its own
 * queue (another's is 404, as an order it may not read); an admin any; other roles none.
 */
export function leadOrdersRoutes(deps: OrderIntakeDeps, goalDeps: ServiceGoalDeps) {
  const list = route({
    method: 'get',
    path: '/jobcentres/:code/orders',
    summary: 'The orders a jobcentre leads with their service-goal clocks, breached and warned first, then by time left',
    tags: ['orders', 'service goals'],
    params: LeadParams,
    query: LeadOrdersQuery,
    responses: { 200: { description: "the lead's orders", schema: LeadOrdersView } },
    handle: async ({ principal, params, query }) => {
      if (principal.role !== 'jobcentre' && principal.role !== 'admin') {
        throw new HttpError(403, 'forbidden', {
          en: "Only a jobcentre (its own) or an admin sees a lead's orders",
          da: 'Kun et jobcenter (sit eget) eller en administrator ser et tovholder-jobcenters ordrer',
        });
      }
      if (principal.role === 'jobcentre' && principal.jobcentre !== params.code) {
        throw new HttpError(404, 'not-found', { en: 'Not found', da: 'Findes ikke' });
      }
      // Every order the lead has (paged), each page's clocks in one bulk read, then the most
      // urgent `limit`: reading only the newest would drop an old breached order off the list.
      const filter = { leadJobcentre: params.code, ...(query.state === 'open' ? { status: [...OPEN_STATES] } : {}) };
      const now = deps.now();
      const rows: (QueueStanding & { order: Order; goals: ServiceGoals | undefined; id: string; registeredAt: string })[] = [];
      let after: { registeredAt: string; id: string } | undefined;
      for (;;) {
        const page = await deps.orders.list({ ...filter, ...(after ? { after } : {}) }, PAGE);
        if (page.length === 0) break;
        const clocks = await goalDeps.goals.list({ orderIds: page.map((o) => o.id) }, page.length);
        const byId = new Map(clocks.map((c) => [c.orderId, c]));
        for (const order of page) {
          const goals = byId.get(order.id);
          rows.push({ order, goals, id: order.id, registeredAt: order.registeredAt, ...queueStanding(goals, now) });
        }
        if (page.length < PAGE || rows.length >= MAX_SCANNED) break;
        const last = page[page.length - 1] as Order;
        after = { registeredAt: last.registeredAt, id: last.id };
      }
      rows.sort(byUrgency);
      return {
        status: 200,
        body: {
          jobcentre: params.code,
          orders: rows.slice(0, query.limit).map((r) => ({
            order: orderView(r.order, principal),
            urgency: r.urgency,
            nextDueAt: r.nextDueAt,
            goals: r.goals ? goalsView(r.goals).goals : null,
          })),
          truncated: rows.length > query.limit,
        },
      };
    },
  });
  return (router: Router) => mountRoutes(router, [list]);
}
