import { CandidateRef } from '@rs/contracts';
import { decodeCursor, HttpError, idParam, mountRoutes, nextLink, pageOf, pageQuery, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { recordFollowUpOutcome } from '../../app/record-follow-up-outcome';
import type { ServiceGoalDeps } from '../../app/service-goal-deps';
import type { FollowUpFilter } from '../../app/service-goal-ports';
import { copenhagenDate, type FollowUp, mayReadFollowUps } from '../../domain/follow-ups';

const FollowUpView = z
  .object({
    id: z.string(),
    orderId: z.string(),
    cooperation: z.string(),
    jobcentre: z.number().int(),
    candidateRef: CandidateRef,
    startDate: z.string(),
    weeklyHours: z.number().optional(),
    weeksAfterStart: z.number().int(),
    /** The order's company (whom to ask about the hire); null when the order is not found. */
    company: z.object({ name: z.string() }).nullable(),
    dueOn: z.string(),
    /** due: open and due today or earlier; upcoming: open, due later; done: outcome recorded. */
    state: z.enum(['due', 'upcoming', 'done']),
    outcome: z
      .object({ status: z.enum(['still-employed', 'left']), reason: z.string().optional(), recordedAt: z.string(), recordedBy: z.string() })
      .nullable(),
  })
  .meta({ id: 'FollowUp' });

const FollowUpParams = z.object({ id: idParam(250) });

const FollowUpsQuery = z.object({
  ...pageQuery(50, 200),
  /** due (default): open and due by today; upcoming: open, due later; open: both; done: outcome recorded; all. */
  state: z.enum(['due', 'upcoming', 'open', 'done', 'all']).optional(),
  orderId: idParam(100).optional(),
  /** Admins only choose; everyone else sees their own cooperation's. */
  cooperation: z
    .string()
    .regex(/^[A-Z]{2,10}$/, 'a cooperation id, e.g. HRS')
    .optional(),
});

const OutcomeBody = z
  .strictObject({
    status: z.enum(['still-employed', 'left']),
    /** Why the person left (required then); a note otherwise. */
    reason: z.string().trim().min(1).max(2000).optional(),
  })
  .refine((b) => b.status !== 'left' || b.reason !== undefined, {
    message: 'reason is required when the person left (årsag skal angives, når personen er stoppet)',
    path: ['reason'],
  });

const notFound = () => new HttpError(404, 'not-found', { en: 'Follow-up not found', da: 'Opfølgningen findes ikke' });
const forbidden = () =>
  new HttpError(403, 'forbidden', {
    en: "Follow-ups are for the cooperation's onboarding consultant, its secretariat and admins",
    da: 'Opfølgninger er for samarbejdets indslusningskonsulent, sekretariat og administratorer',
  });

/** R10: the onboarding consultant's follow-ups after hires: the list due, one follow-up, its outcome. */
export function followUpsRoutes(deps: ServiceGoalDeps) {
  const today = () => copenhagenDate(deps.now());
  const companiesOf = (orderIds: string[]) => deps.companyNames?.(orderIds) ?? Promise.resolve(new Map<string, string>());

  const list = route({
    method: 'get',
    path: '/follow-ups',
    summary: "The cooperation's onboarding follow-ups, by due day: by default those due now (R10)",
    tags: ['follow-ups'],
    query: FollowUpsQuery,
    responses: { 200: { description: 'a page of follow-ups', schema: pageOf('followUps', FollowUpView) } },
    handle: async ({ principal, query }) => {
      let cooperation: string | undefined;
      if (principal.role === 'onboarding' || principal.role === 'secretariat') cooperation = principal.cooperation;
      else if (principal.role === 'admin') cooperation = query.cooperation;
      else throw forbidden();
      if (query.cooperation !== undefined && cooperation !== query.cooperation) throw forbidden();
      const day = today();
      const state = query.state ?? 'due';
      const filter: FollowUpFilter = {
        ...(cooperation ? { cooperation } : {}),
        ...(query.orderId ? { orderId: query.orderId } : {}),
        ...(state === 'done' ? { done: true } : state === 'all' ? {} : { done: false }),
        ...(state === 'due' ? { dueBy: day } : state === 'upcoming' ? { dueAfter: day } : {}),
      };
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        filter.after = { dueOn: after.key, id: after.id };
      }
      const found = await deps.followUps.list(filter, query.limit + 1);
      const page = found.slice(0, query.limit);
      const last = found.length > query.limit ? page[page.length - 1] : undefined;
      const names = await companiesOf(page.map((f) => f.orderId));
      return {
        status: 200,
        body: {
          followUps: page.map((f) => view(f, day, names)),
          next: nextLink(
            '/follow-ups',
            { limit: query.limit, state: query.state, orderId: query.orderId, cooperation: query.cooperation },
            last && { key: last.dueOn, id: last.id },
          ),
        },
      };
    },
  });

  const read = route({
    method: 'get',
    path: '/follow-ups/:id',
    summary: "One follow-up, to its cooperation's onboarding consultant, secretariat and admins",
    tags: ['follow-ups'],
    params: FollowUpParams,
    responses: { 200: { description: 'the follow-up', schema: FollowUpView } },
    handle: async ({ principal, params }) => {
      if (principal.role === 'jobcentre' || principal.role === 'phone-line') throw forbidden();
      const found = (await deps.followUps.load(params.id))?.state;
      if (!found || !mayReadFollowUps(principal, found.cooperation)) throw notFound();
      return { status: 200, body: view(found, today(), await companiesOf([found.orderId])) };
    },
  });

  const outcome = route({
    method: 'post',
    path: '/follow-ups/:id/outcome',
    summary: 'The onboarding consultant records the outcome: still employed, or left and why (R10)',
    tags: ['follow-ups'],
    params: FollowUpParams,
    body: OutcomeBody,
    // The same outcome again changes nothing (200).
    creates: true,
    responses: {
      201: { description: 'recorded', schema: FollowUpView },
      200: { description: 'recorded before', schema: FollowUpView },
      409: { description: 'another outcome is recorded, or the job has not started' },
    },
    handle: async ({ principal, params, body }) => {
      if (principal.role !== 'onboarding' && principal.role !== 'admin' && principal.role !== 'secretariat') throw forbidden();
      const result = await recordFollowUpOutcome(deps, params.id, body, principal);
      if (!result.ok) {
        if (result.status === 404) throw notFound();
        throw new HttpError(result.status, result.status === 403 ? 'forbidden' : 'conflict', result.reason);
      }
      return { status: result.changed ? 201 : 200, body: view(result.followUp, today(), await companiesOf([result.followUp.orderId])) };
    },
  });

  return (router: Router) => mountRoutes(router, [list, read, outcome]);
}

function view(f: FollowUp, today: string, companies: ReadonlyMap<string, string>) {
  const company = companies.get(f.orderId);
  return {
    id: f.id,
    orderId: f.orderId,
    cooperation: f.cooperation,
    jobcentre: f.jobcentre,
    candidateRef: f.candidateRef,
    startDate: f.startDate,
    ...(f.weeklyHours !== undefined ? { weeklyHours: f.weeklyHours } : {}),
    weeksAfterStart: f.weeksAfterStart,
    company: company === undefined ? null : { name: company },
    dueOn: f.dueOn,
    state: f.outcome ? ('done' as const) : f.dueOn <= today ? ('due' as const) : ('upcoming' as const),
    outcome: f.outcome ?? null,
  };
}
