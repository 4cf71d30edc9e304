import {
  canonicalJson,
  copenhagenDayAfter,
  copenhagenDayStart,
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
import type { CallFilter } from '../../app/company-ports';
import { type RecordCallResult, recordCall, resolveCall } from '../../app/record-call';
import { CALL_NEEDS, CALL_OUTCOMES, type Call, callListFilter, mayReadCall } from '../../domain/call';
import { parseReference } from '../../domain/reference';
import { CompanyBody, Cvr, Municipality, Scope, Text } from './company-schemas';
import { CreateOrderBody, DiscoCode } from './order-schemas';
import { refusalProblem } from './refusal';

const Phone = z.string().regex(/^\+?[0-9 ]{3,20}$/, 'digits, spaces and a leading + (cifre, mellemrum og et foranstillet +)');

export const Caller = z.strictObject({
  name: Text(200).optional(),
  phone: Phone.optional(),
  /** Who the caller is at the company, e.g. "HR-chef". */
  role: Text(100).optional(),
});

const CallCompanyBody = z.union([
  z.strictObject({ companyId: z.string().regex(/^\d{8}(-\d{10})?$/, 'a CVR number, or CVR-P-number') }),
  z.strictObject({ cvr: Cvr }),
  z.strictObject({ name: Text(100) }),
  z.strictObject({ new: CompanyBody }),
]);

const order = CreateOrderBody.shape;

/**
 * The job order a call becomes: the same fields as POST /orders (issue 15, part 2), so the
 * operator takes the whole order on the phone; only title, occupation and positions are required.
 * The channel is always the phone line; the company and its lead come from the call's company.
 */
const CallOrderBody = z.strictObject({
  title: order.title,
  /** DISCO-08 code of the occupation (1–6 digits), as POST /orders. */
  occupation: DiscoCode,
  occupationText: order.occupationText,
  taxonomyVersion: order.taxonomyVersion,
  positions: order.positions,
  /** Where the job is; defaults to the company's municipality. */
  municipality: Municipality.optional(),
  description: order.description,
  employmentType: order.employmentType,
  workingTime: order.workingTime,
  weeklyHours: order.weeklyHours,
  startBy: order.startBy,
  applicationDeadline: order.applicationDeadline,
  requirements: order.requirements,
  wishes: order.wishes,
  shortNotice: order.shortNotice,
  contact: order.contact,
  largeProject: order.largeProject,
  broadcast: z.strictObject({ scope: Scope }).optional(),
});

export const CallBody = z.strictObject({
  /** When the call came in; default now. */
  receivedAt: z.iso.datetime({ offset: true }).optional(),
  caller: Caller,
  /** The caller's company: by id, CVR, exact name, or new. Leave out for a caller who will not say. */
  company: CallCompanyBody.optional(),
  need: z.enum(CALL_NEEDS),
  note: z.string().max(4000).default(''),
  /** The call becomes this new order for the company's lead. */
  order: CallOrderBody.optional(),
  /** The call is about this existing order. */
  orderId: idParam(100).optional(),
});

export const CallView = z
  .object({
    id: z.string(),
    reference: z.string().describe('what the caller quotes: six characters, no 0/O/1/I/L/U'),
    receivedAt: z.string(),
    recordedAt: z.string(),
    recordedBy: z.string(),
    source: z.enum(['operator', 'telephony']),
    caller: z.object({ name: z.string().optional(), phone: z.string().optional(), role: z.string().optional() }),
    company: z.object({ id: z.string(), cvr: z.string(), name: z.string() }).optional(),
    need: z.enum(CALL_NEEDS),
    note: z.string(),
    outcome: z.enum(CALL_OUTCOMES),
    orderId: z.string().optional(),
    routedTo: z.number().int().optional().describe("the company's lead jobcentre (R1)"),
    cooperation: z.string().nullable(),
    telephonyCallId: z.string().optional(),
    resolvedAt: z.string().optional(),
    resolvedBy: z.string().optional(),
  })
  .meta({ id: 'Call' });

const CallsQuery = z
  .object({
    ...pageQuery(50, 200),
    reference: z.string().max(20).optional(),
    cvr: Cvr.optional(),
    company: z
      .string()
      .regex(/^\d{8}(-\d{10})?$/)
      .optional(),
    orderId: idParam(100).optional(),
    need: z.enum(CALL_NEEDS).optional(),
    outcome: z.enum(CALL_OUTCOMES).optional(),
    source: z.enum(['operator', 'telephony']).optional(),
    routedTo: z
      .string()
      .regex(/^[1-9]\d{2}$/)
      .transform(Number)
      .optional(),
    /** Received on or after this day, in Danish time (Europe/Copenhagen): the phone line's day. */
    from: isoDate.optional(),
    /** Received on or before this day, in Danish time (Europe/Copenhagen). */
    to: isoDate.optional(),
  })
  .refine(fromNotAfterTo, FROM_AFTER_TO);

const ResolutionBody = z.strictObject({
  /** Default: the company the call was logged with. */
  company: CallCompanyBody.optional(),
  order: CallOrderBody.optional(),
  orderId: idParam(100).optional(),
});

const notFound = () => new HttpError(404, 'not-found', { en: 'Call not found', da: 'Opkaldet findes ikke' });

/** How a recorded (or refused) call is answered; shared with the telephony webhook. */
export function callReply(result: RecordCallResult) {
  if (result.kind === 'refused') throw refusalProblem(result.status, result.message);
  if (result.kind === 'key-reused') throw keyReused();
  if (result.kind === 'in-flight') throw keyInFlight();
  const headers: Record<string, string> = { Location: `/calls/${result.call.id}` };
  if (result.kind === 'existing') headers['Idempotency-Replayed'] = 'true';
  return { status: 201, body: callView(result.call), headers };
}

export function callsRoutes(deps: CompanyDeps) {
  const create = route({
    method: 'post',
    path: '/calls',
    summary:
      "Record an inbound call on the shared phone line: a new order or attached to one, routed to the company's lead, with a reference for the caller",
    tags: ['phone line'],
    body: CallBody,
    creates: true,
    responses: {
      201: { description: 'recorded; `reference` is read to the caller', schema: CallView, headers: { Location: 'the call' } },
      409: { description: 'several companies have that name, or another company has that CVR' },
      422: { description: 'no company or order as named' },
    },
    handle: async ({ principal, body, req }) => {
      const key = req.get('idempotency-key');
      const result = await recordCall(
        deps,
        principal,
        body,
        key !== undefined
          ? { principal: `${principal.role}:${principal.sub}`, key, requestHash: sha256(canonicalJson(req.body ?? null)) }
          : undefined,
      );
      return callReply(result);
    },
  });

  const read = route({
    method: 'get',
    path: '/calls/:id',
    summary: 'One call, to the phone line, admins, the jobcentre it was routed to and its cooperation',
    tags: ['phone line'],
    params: z.object({ id: idParam(100) }),
    responses: { 200: { description: 'the call', schema: CallView } },
    handle: async ({ principal, params }) => {
      const call = await deps.calls.load(params.id);
      if (!call || !mayReadCall(principal, call)) throw notFound();
      return { status: 200, body: callView(call) };
    },
  });

  const list = route({
    method: 'get',
    path: '/calls',
    summary: 'The call log, newest first, a page at a time: by reference, company, CVR, order, need, outcome, source, lead, days',
    tags: ['phone line'],
    query: CallsQuery,
    responses: { 200: { description: 'a page of calls', schema: pageOf('calls', CallView) } },
    handle: async ({ principal, query }) => {
      const scope = callListFilter(principal);
      const empty = { status: 200, body: { calls: [], next: null } };
      if (!scope) return empty;
      if (query.routedTo !== undefined && scope.routedTo !== undefined && scope.routedTo !== query.routedTo) return empty;
      if (query.reference !== undefined) {
        // A reference as the caller says it: case, spaces and the dash do not matter.
        const reference = parseReference(query.reference);
        if (!reference) return empty;
        const call = await deps.calls.byReference(reference);
        return { status: 200, body: { calls: call && mayReadCall(principal, call) ? [callView(call)] : [], next: null } };
      }
      const filter: CallFilter = {
        ...scope,
        ...(query.routedTo !== undefined ? { routedTo: query.routedTo } : {}),
        ...(query.cvr ? { cvr: query.cvr } : {}),
        ...(query.company ? { companyId: query.company } : {}),
        ...(query.orderId ? { orderId: query.orderId } : {}),
        ...(query.need ? { need: query.need } : {}),
        ...(query.outcome ? { outcome: query.outcome } : {}),
        ...(query.source ? { source: query.source } : {}),
        ...(query.from ? { receivedFrom: copenhagenDayStart(query.from).toISOString() } : {}),
        ...(query.to ? { receivedBefore: copenhagenDayAfter(query.to).toISOString() } : {}),
      };
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        filter.after = { receivedAt: after.key, id: after.id };
      }
      const found = await deps.calls.list(filter, query.limit + 1);
      const page = found.slice(0, query.limit);
      const last = found.length > query.limit ? page[page.length - 1] : undefined;
      const { cursor: _cursor, reference: _reference, ...kept } = query;
      return {
        status: 200,
        body: { calls: page.map(callView), next: nextLink('/calls', kept, last && { key: last.receivedAt, id: last.id }) },
      };
    },
  });

  const resolve = route({
    method: 'post',
    path: '/calls/:id/resolution',
    summary: "Complete a logged call (e.g. the telephony system's) as a new order for the company's lead, or attach it to an order",
    tags: ['phone line'],
    params: z.object({ id: idParam(100) }),
    body: ResolutionBody,
    responses: {
      200: { description: 'resolved (or resolved before by the same request)', schema: CallView },
      409: { description: 'the call was resolved before, otherwise' },
      422: { description: 'no company or order as named' },
    },
    handle: async ({ principal, params, body, req }) => {
      const result = await resolveCall(deps, principal, params.id, body, sha256(canonicalJson(req.body ?? null)));
      if (result.kind === 'refused' && result.status === 404) throw notFound();
      const reply = callReply(result);
      return { status: 200, body: reply.body, headers: { Location: `/calls/${params.id}` } };
    },
  });

  return (router: Router) => mountRoutes(router, [create, list, read, resolve]);
}

export function callView(c: Call) {
  const { requestHash: _hash, resolutionHash: _resolution, ...view } = c;
  return view;
}
