import { CandidateRef, OrderSummary, SCOPE_IDS } from '@rs/contracts';
import { isJobcentre } from '@rs/reference-data';
import {
  canonicalJson,
  dayAfter,
  dayStart,
  decodeCursor,
  FROM_AFTER_TO,
  fromNotAfterTo,
  HttpError,
  idParam,
  isoDate,
  keyInFlight,
  keyReused,
  mountRoutes,
  nextLink,
  pageOf,
  pageQuery,
  route,
  sha256,
} from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { CompanyDeps } from '../../app/company-deps';
import { companyOrderTerms, orderCompany } from '../../app/company-order';
import { closeOrder } from '../../app/close-order';
import { hireCandidate } from '../../app/hire-candidate';
import type { OrderFilter } from '../../app/ports';
import { registerOrder } from '../../app/register-order';
import { listFilter, mayAct, mayRead } from '../../domain/access';
import { leadJobcentreFor } from '../../domain/lead';
import { everyJobcentreSearched, type Order } from '../../domain/order';

const Municipality = z.number().int().min(100).max(999);

/** A placement: which jobcentre's candidate (its pseudonymous reference) the company hired. */
export const HireBody = z.strictObject({
  jobcentre: z.number().int().min(100).max(999).refine(isJobcentre, 'not a jobcentre code'),
  candidateRef: CandidateRef,
});

export const CreateOrderBody = z
  .strictObject({
    /** A registered company (GET /companies): the order takes its lead and data from it (R1). */
    companyId: z
      .string()
      .regex(/^\d{8}(-\d{10})?$/, 'a CVR number, or CVR-P-number')
      .optional(),
    /** The company written out, for one not registered; give this or companyId. */
    company: z
      .strictObject({
        name: z.string().trim().min(1).max(200),
        cvr: z
          .string()
          .regex(/^\d{8}$/, 'CVR is 8 digits')
          .optional(),
        municipality: Municipality,
      })
      .optional(),
    title: z.string().trim().min(1).max(200),
    occupation: z.string().trim().min(1).max(200),
    positions: z.number().int().min(1).max(1000),
    /** Where the job is; defaults to the company's municipality. */
    municipality: Municipality.optional(),
    description: z.string().max(4000).default(''),
    startBy: z.iso.date().optional(),
    /** Ask broadcast to open a round at once (R5). */
    broadcast: z.strictObject({ scope: z.enum(SCOPE_IDS) }).optional(),
    /** R1: the phone line may name the jobcentre the company chose; otherwise its municipality's. */
    leadJobcentre: z.number().int().optional(),
  })
  .refine((b) => (b.company === undefined) !== (b.companyId === undefined), {
    message: 'give company or companyId, not both (angiv company eller companyId)',
    path: ['companyId'],
  });

const CloseOrderBody = z.strictObject({ outcome: z.enum(['filled', 'cancelled', 'unfilled']) });

const OrderParams = z.object({ id: idParam(100) });

const ORDER_STATUSES = ['registered', 'filled', 'cancelled', 'unfilled'] as const;

const OrdersQuery = z
  .object({
    ...pageQuery(50, 200),
    status: z.enum(ORDER_STATUSES).optional(),
    /** Registered on or after this day (UTC). */
    from: isoDate.optional(),
    /** Registered on or before this day (UTC). */
    to: isoDate.optional(),
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

const RoundProgressView = z.object({
  roundId: z.string(),
  scope: z.enum(SCOPE_IDS).optional(),
  recipients: z.array(z.number().int()),
  replied: z.array(z.number().int()),
  overdue: z.array(z.number().int()),
  status: z.enum(['open', 'complete']),
  candidateCount: z.number().int(),
  proposedNextScope: z.enum(SCOPE_IDS).nullable().optional(),
});

const OrderView = z
  .object({
    id: z.string(),
    leadJobcentre: z.number().int(),
    cooperation: z.string().nullable(),
    channel: z.enum(['jobcentre', 'phone-line']),
    registeredAt: z.string(),
    status: z.string(),
    company: z.object({ id: z.string().optional(), name: z.string(), cvr: z.string().optional(), municipality: z.number().int() }),
    order: OrderSummary,
    broadcastRequested: z.object({ scope: z.enum(SCOPE_IDS) }).nullable(),
    rounds: z.array(RoundProgressView),
    hires: z.array(z.object({ jobcentre: z.number().int(), candidateRef: z.string(), hiredAt: z.string() })),
    /** R7: true once every jobcentre of a completed round has replied. */
    everyJobcentreSearched: z.boolean(),
  })
  .meta({ id: 'Order' });

const OrderPage = pageOf('orders', OrderView);

const notFound = () => new HttpError(404, 'not-found', { en: 'Order not found', da: 'Ordren findes ikke' });

/** How the edge answers a refused lead (R1). */
const LEAD_REFUSALS = {
  forbidden: [403, 'forbidden', 'Ikke tilladt'],
  invalid: [400, 'invalid-request', 'Ugyldigt felt'],
  'no-cooperation': [422, 'no-cooperation', 'Jobcentret er ikke med i et samarbejde; vælg east-denmark eller national'],
} as const;

/** A domain refusal "body.x: why / hvorfor" as a problem naming its field. */
function refusal(status: number, code: string, message: string, danishFallback: string): HttpError {
  const error = new HttpError(status, code, message);
  const field = /^((?:body|query|params)\.[A-Za-z0-9_.]+): (.*)$/.exec(error.detail.en);
  const detail = error.detail.da === error.detail.en ? { en: error.detail.en, da: danishFallback } : error.detail;
  return new HttpError(status, code, detail, field?.[1] ? [{ field: field[1], message: field[2] ?? '' }] : undefined);
}

/** A refused command on an order (close, hire): 404 when it is not there for the caller, else 409. */
function commandRefusal({ status, reason }: { status: number; reason: string }): HttpError {
  return status === 404 ? refusal(status, 'not-found', reason, 'Ordren findes ikke') : refusal(status, 'conflict', reason, 'Konflikt');
}

export function ordersRoutes(deps: CompanyDeps) {
  const findOrder = async (id: string) => (await deps.orders.load(id))?.state;

  const create = route({
    method: 'post',
    path: '/orders',
    summary: 'Register an order (R1); a jobcentre as its lead, the phone line for any',
    tags: ['orders'],
    body: CreateOrderBody,
    creates: true,
    responses: {
      201: { description: 'registered', schema: OrderView, headers: { Location: 'the order' } },
      422: { description: 'a cooperation round was asked for a lead in no cooperation' },
    },
    handle: async ({ principal, body, req }) => {
      if (principal.role !== 'jobcentre' && principal.role !== 'phone-line') {
        throw new HttpError(403, 'forbidden', {
          en: 'Only jobcentres and the phone line register orders',
          da: 'Kun jobcentre og telefonlinjen registrerer ordrer',
        });
      }
      // A registered company decides the lead (every order of a company goes to the same lead).
      const terms = body.companyId !== undefined ? await companyOrderTerms(deps, principal, body.companyId) : undefined;
      if (body.companyId !== undefined && !terms) {
        throw new HttpError(
          422,
          'unprocessable',
          { en: 'body.companyId: company not found', da: 'body.companyId: virksomheden findes ikke' },
          [{ field: 'body.companyId', message: 'company not found' }],
        );
      }
      const company = terms ? orderCompany(terms.company) : body.company!;
      const decision = leadJobcentreFor(terms ? { role: 'phone-line' } : principal, {
        companyMunicipality: company.municipality,
        ...(body.municipality !== undefined ? { jobMunicipality: body.municipality } : {}),
        ...(terms ? { leadJobcentre: terms.leadJobcentre } : body.leadJobcentre !== undefined ? { leadJobcentre: body.leadJobcentre } : {}),
        ...(body.broadcast ? { broadcastScope: body.broadcast.scope } : {}),
      });
      if (!decision.ok) {
        const [status, code, da] = LEAD_REFUSALS[decision.kind];
        throw refusal(status, code, decision.message, da);
      }
      const { lead, municipality } = decision;
      const order = OrderSummary.parse({
        title: body.title,
        occupation: body.occupation,
        positions: body.positions,
        municipality,
        companyName: company.name,
        description: body.description,
        ...(body.startBy ? { startBy: body.startBy } : {}),
      });
      // The edge validated the key already (runIdempotent) and hashes the request as sent, as here.
      const key = req.get('idempotency-key');
      const result = await registerOrder(deps, {
        leadJobcentre: lead,
        cooperation: decision.cooperation,
        channel: principal.role,
        registeredBy: principal.sub,
        company,
        order,
        broadcast: body.broadcast ?? null,
        ...(terms?.silenceMeansNone ? { silenceMeansNone: true } : {}),
        ...(key !== undefined
          ? { once: { principal: `${principal.role}:${principal.sub}`, key, requestHash: sha256(canonicalJson(req.body ?? null)) } }
          : {}),
      });
      if (result.kind === 'key-reused') throw keyReused();
      if (result.kind === 'in-flight') throw keyInFlight();
      const headers: Record<string, string> = { Location: `/orders/${result.order.id}` };
      if (result.kind === 'existing') headers['Idempotency-Replayed'] = 'true';
      return { status: 201, body: view(result.order), headers };
    },
  });

  const read = route({
    method: 'get',
    path: '/orders/:id',
    summary: 'One order, to its lead, its cooperation, the phone line and admins',
    tags: ['orders'],
    params: OrderParams,
    responses: { 200: { description: 'the order', schema: OrderView } },
    handle: async ({ principal, params }) => {
      const doc = await findOrder(params.id);
      if (!doc || !mayRead(principal, doc)) throw notFound();
      return { status: 200, body: view(doc) };
    },
  });

  const close = route({
    method: 'post',
    path: '/orders/:id/close',
    summary: 'Close an order as filled, cancelled or unfilled (R7: unfilled only once every jobcentre searched)',
    tags: ['orders'],
    params: OrderParams,
    body: CloseOrderBody,
    responses: { 200: { description: 'closed', schema: OrderView }, 409: { description: 'already closed, or R7 not met' } },
    handle: async ({ principal, params, body }) => {
      const result = await closeOrder(deps, params.id, body.outcome, (lead) => mayAct(principal, lead));
      if (!result.ok) throw commandRefusal(result);
      return { status: 200, body: view((await findOrder(params.id))!) };
    },
  });

  const hire = route({
    method: 'post',
    path: '/orders/:id/hires',
    summary: 'Record that the company hired a candidate; the same hire again changes nothing (200)',
    tags: ['orders'],
    params: OrderParams,
    body: HireBody,
    // Safe without the edge's Idempotency-Key record too: a hire is keyed by jobcentre +
    // candidateRef, and the same hire again changes nothing (200).
    creates: true,
    responses: {
      201: { description: 'recorded', schema: OrderView },
      200: { description: 'recorded before', schema: OrderView },
      409: { description: 'the order is closed or has all its positions filled' },
    },
    handle: async ({ principal, params, body }) => {
      const result = await hireCandidate(deps, params.id, body, (lead) => mayAct(principal, lead));
      if (!result.ok) throw commandRefusal(result);
      return { status: result.changed ? 201 : 200, body: view((await findOrder(params.id))!) };
    },
  });

  const list = route({
    method: 'get',
    path: '/orders',
    summary: 'The orders a principal may read, newest first, a page at a time',
    tags: ['orders'],
    query: OrdersQuery,
    responses: { 200: { description: 'a page of orders', schema: OrderPage } },
    handle: async ({ principal, query }) => {
      // registeredAt is an ISO instant in UTC: as strings they sort as the instants do.
      const filter: OrderFilter = {
        ...listFilter(principal),
        ...(query.status ? { status: query.status } : {}),
        ...(query.from ? { registeredFrom: dayStart(query.from).toISOString() } : {}),
        ...(query.to ? { registeredBefore: dayAfter(query.to).toISOString() } : {}),
      };
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        filter.after = { registeredAt: after.key, id: after.id };
      }
      const found = await deps.orders.list(filter, query.limit + 1);
      const page = found.slice(0, query.limit);
      const last = found.length > query.limit ? page[page.length - 1] : undefined;
      return {
        status: 200,
        body: {
          orders: page.map(view),
          next: nextLink(
            '/orders',
            { limit: query.limit, status: query.status, from: query.from, to: query.to },
            last && { key: last.registeredAt, id: last.id },
          ),
        },
      };
    },
  });

  return (router: Router) => mountRoutes(router, [create, list, read, close, hire]);
}

function view(doc: Order) {
  const rounds = doc.rounds;
  return {
    id: doc.id,
    leadJobcentre: doc.leadJobcentre,
    cooperation: doc.cooperation,
    channel: doc.channel,
    registeredAt: doc.registeredAt,
    status: doc.status,
    company: doc.company,
    order: doc.order,
    broadcastRequested: doc.broadcastRequested,
    rounds,
    hires: doc.hires,
    everyJobcentreSearched: everyJobcentreSearched(rounds),
  };
}
