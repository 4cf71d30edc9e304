import { ServiceGoalId } from '@rs/contracts';
import {
  codeParam,
  copenhagenDayAfter,
  copenhagenDayStart,
  decodeCursor,
  FROM_AFTER_TO,
  fromNotAfterTo,
  HttpError,
  idParam,
  isoDate,
  mountRoutes,
  nextLink,
  pageOf,
  pageQuery,
  route,
} from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { agreeAlternative } from '../../app/agree-alternative';
import type { GoalsResult } from '../../app/apply-goals-command';
import type { ServiceGoalDeps } from '../../app/service-goal-deps';
import type { GoalFilter } from '../../app/service-goal-ports';
import { listFilter, mayAct, mayRead } from '../../domain/access';
import { GOAL_IDS, type ServiceGoals, standing } from '../../domain/service-goals';

const STANDINGS = ['waiting', 'running', 'met', 'met-late', 'breached', 'stopped'] as const;

export const GoalView = z.object({
  goal: ServiceGoalId,
  workingDays: z.number().int(),
  /** Null until the registration is known. */
  dueAt: z.string().nullable(),
  warnAt: z.string().nullable(),
  standing: z.enum(STANDINGS),
  metAt: z.string().optional(),
  metBy: z.string().optional(),
  warnedAt: z.string().optional(),
  breachedAt: z.string().optional(),
  stoppedAt: z.string().optional(),
  /** The order closed before the goal was met: it ended breached. */
  closedAt: z.string().optional(),
});

const TimelineEntryView = z.object({
  id: z.string(),
  type: z.enum(['goal-started', 'goal-warned', 'goal-breached', 'goal-met', 'goal-stopped', 'alternative-agreed']),
  goal: ServiceGoalId,
  at: z.string(),
  by: z.string(),
  note: z.string().optional(),
});

const ServiceGoalsView = z
  .object({
    orderId: z.string(),
    leadJobcentre: z.number().int(),
    cooperation: z.string().nullable(),
    registeredAt: z.string().nullable(),
    goals: z.array(GoalView),
    alternative: z
      .object({ description: z.string(), agreedWith: z.string().optional(), recordedAt: z.string(), recordedBy: z.string() })
      .nullable(),
    /** The order's timeline entries about its service goals, oldest first. */
    timeline: z.array(TimelineEntryView),
  })
  .meta({ id: 'ServiceGoals' });

const OrderParams = z.object({ id: idParam(100) });

const AlternativeBody = z.strictObject({
  /** What was agreed with the company instead of presenting candidates within 3 working days. */
  description: z.string().trim().min(1).max(2000),
  /** Who at the company agreed (name or role). */
  agreedWith: z.string().trim().min(1).max(200).optional(),
});

const GoalsQuery = z
  .object({
    ...pageQuery(50, 200),
    goal: ServiceGoalId.optional(),
    /** Orders with a goal (or `goal`) standing so; `warned`: a warning was given. */
    standing: z.enum([...STANDINGS, 'warned']).optional(),
    /** The lead jobcentre (secretariat, phone line and admins; a jobcentre sees only its own). */
    lead: codeParam.optional(),
    /** Registered on or after this day (a Danish day, Europe/Copenhagen). */
    from: isoDate.optional(),
    /** Registered on or before this day (a Danish day). */
    to: isoDate.optional(),
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

const notFound = () => new HttpError(404, 'not-found', { en: 'Order not found', da: 'Ordren findes ikke' });

function goalsRefusal(result: Extract<GoalsResult, { kind: 'refused' }>): HttpError {
  return result.status === 404 ? notFound() : new HttpError(409, 'conflict', result.reason);
}

/** The order's service goals (R3, R4) with their timeline entries: a read of its own beside GET /orders/:id. */
export function serviceGoalsRoutes(deps: ServiceGoalDeps) {
  const read = route({
    method: 'get',
    path: '/orders/:id/service-goals',
    summary: "An order's service goals (R3 1 and R4 3 working days): due times, warnings, breaches and their timeline",
    tags: ['service goals'],
    params: OrderParams,
    responses: { 200: { description: 'the clocks of the order', schema: ServiceGoalsView } },
    handle: async ({ principal, params }) => {
      const found = (await deps.goals.load(params.id))?.state;
      if (!found || !mayRead(principal, found)) throw notFound();
      return { status: 200, body: view(found) };
    },
  });

  const alternative = route({
    method: 'post',
    path: '/orders/:id/service-goals/agreed-alternative',
    summary: 'The lead records an alternative agreed with the company; it meets the 3-working-day goal (R4)',
    tags: ['service goals'],
    params: OrderParams,
    body: AlternativeBody,
    // The same alternative again changes nothing (200): safe to retry without an Idempotency-Key.
    creates: true,
    responses: {
      201: { description: 'recorded; the goal is met', schema: ServiceGoalsView },
      200: { description: 'recorded before', schema: ServiceGoalsView },
      409: { description: 'the goal is met already, the order is cancelled, or another alternative is recorded' },
    },
    handle: async ({ principal, params, body }) => {
      if (principal.role !== 'jobcentre' && principal.role !== 'admin') {
        throw new HttpError(403, 'forbidden', {
          en: "Only the order's lead jobcentre records an agreed alternative",
          da: 'Kun ordrens tovholder-jobcenter registrerer et aftalt alternativ',
        });
      }
      const result = await agreeAlternative(deps, params.id, body, principal.sub, (lead) => mayAct(principal, lead));
      if (result.kind === 'refused') throw goalsRefusal(result);
      if (result.kind === 'written') return { status: 201, body: view(result.state) };
      const current = (await deps.goals.load(params.id))?.state;
      if (!current) throw notFound();
      return { status: 200, body: view(current) };
    },
  });

  const list = route({
    method: 'get',
    path: '/service-goals',
    summary: 'The service goals of the orders a principal may read, newest first; filter on breached or warned goals',
    tags: ['service goals'],
    query: GoalsQuery,
    responses: { 200: { description: 'a page of clocks', schema: pageOf('serviceGoals', ServiceGoalsView) } },
    handle: async ({ principal, query }) => {
      if (principal.role === 'onboarding') {
        throw new HttpError(403, 'forbidden', {
          en: 'The onboarding consultant sees follow-ups, not orders',
          da: 'Indslusningskonsulenten ser opfølgninger, ikke ordrer',
        });
      }
      const own = listFilter(principal);
      // A jobcentre asking for another lead's orders sees none of them.
      if (query.lead !== undefined && own.leadJobcentre !== undefined && own.leadJobcentre !== query.lead) {
        return { status: 200, body: { serviceGoals: [], next: null } };
      }
      const filter: GoalFilter = {
        ...own,
        ...(query.lead !== undefined ? { leadJobcentre: query.lead } : {}),
        ...(query.goal ? { goal: query.goal } : {}),
        ...(query.standing ? { standing: query.standing } : {}),
        ...(query.from ? { registeredFrom: copenhagenDayStart(query.from).toISOString() } : {}),
        ...(query.to ? { registeredBefore: copenhagenDayAfter(query.to).toISOString() } : {}),
      };
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        filter.after = { registeredAt: after.key, id: after.id };
      }
      const found = await deps.goals.list(filter, query.limit + 1);
      const page = found.slice(0, query.limit);
      const last = found.length > query.limit ? page[page.length - 1] : undefined;
      return {
        status: 200,
        body: {
          serviceGoals: page.map(view),
          next: nextLink(
            '/service-goals',
            { limit: query.limit, goal: query.goal, standing: query.standing, lead: query.lead, from: query.from, to: query.to },
            last && { key: last.registeredAt ?? '', id: last.orderId },
          ),
        },
      };
    },
  });

  return (router: Router) => mountRoutes(router, [list, read, alternative]);
}

/** The clocks as the API shows them (also in the lead's queue, GET /jobcentres/:code/orders). */
export function view(state: ServiceGoals) {
  return {
    orderId: state.orderId,
    leadJobcentre: state.leadJobcentre,
    cooperation: state.cooperation,
    registeredAt: state.registeredAt,
    goals: GOAL_IDS.map((g) => ({ ...state.goals[g], standing: standing(state.goals[g]) })),
    alternative: state.alternative ?? null,
    timeline: state.timeline,
  };
}
