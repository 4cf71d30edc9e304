import { cooperationsAt, OrderSummary } from '@rs/contracts';
import {
  canonicalJson,
  copenhagenDayAfter,
  copenhagenDayStart,
  decodeCursor,
  HttpError,
  keyInFlight,
  keyReused,
  mountRoutes,
  nextLink,
  type Principal,
  route,
  sha256,
} from '@rs/service-kit';
import type { Router } from 'express';
import type { Acting } from '../../app/acting';
import { amendOrder } from '../../app/amend-order';
import type { CompanyDeps } from '../../app/company-deps';
import { companyOrderTerms, orderCompany } from '../../app/company-order';
import { closeOrder } from '../../app/close-order';
import { handOverLead } from '../../app/hand-over-lead';
import { hireCandidate } from '../../app/hire-candidate';
import { moveOrder } from '../../app/move-order';
import type { CommandResult } from '../../app/order-command';
import type { OrderFilter } from '../../app/ports';
import { presentCandidate, recordReferralOutcome } from '../../app/present-candidate';
import { registerOrder } from '../../app/register-order';
import { mayAct, mayRead, orderListScope } from '../../domain/access';
import { mayReadCompany } from '../../domain/company';
import { DEFAULT_TAXONOMY, NO_REQUIREMENTS, type OrderDetails, summaryOf } from '../../domain/details';
import { type ClosedState, LAW_STATUS } from '../../domain/lifecycle';
import type { Channel, Order } from '../../domain/order';
import { screeningPrinciplesOf } from '../../domain/screening';
import { leadJobcentreFor } from '../../domain/lead';
import {
  AmendOrderBody,
  CloseOrderBody,
  CreateOrderBody,
  HandoverBody,
  HireBody,
  OrderPage,
  OrderParams,
  OrdersQuery,
  OrderView,
  ReferralBody,
  ReferralOutcomeBody,
  ReferralParams,
  ScreeningQuery,
  ScreeningView,
  TransitionBody,
} from './order-schemas';
import { orderView } from './order-view';

export { CreateOrderBody, HireBody } from './order-schemas';

const notFound = () => new HttpError(404, 'not-found', { en: 'Order not found', da: 'Ordren findes ikke' });

/** How the edge answers a refused lead (R1). */
const LEAD_REFUSALS = {
  forbidden: [403, 'forbidden', 'Ikke tilladt'],
  invalid: [400, 'invalid-request', 'Ugyldigt felt'],
  'no-cooperation': [422, 'no-cooperation', 'Jobcentret er ikke med i et samarbejde; vælg east-denmark eller national'],
} as const;

/** A domain refusal "body.x: why / hvorfor" as a problem naming its field. */
function refusal(status: number, code: string, message: string, danishFallback: string, field?: string): HttpError {
  const error = new HttpError(status, code, message);
  const named = /^((?:body|query|params)\.[A-Za-z0-9_.]+): (.*)$/.exec(error.detail.en);
  const detail = error.detail.da === error.detail.en ? { en: error.detail.en, da: danishFallback } : error.detail;
  const errorField = field ?? named?.[1];
  return new HttpError(status, code, detail, errorField ? [{ field: errorField, message: named?.[2] ?? error.detail.en }] : undefined);
}

const DANISH_FALLBACK: Record<number, string> = {
  400: 'Ugyldig forespørgsel',
  403: 'Ikke tilladt',
  404: 'Ordren findes ikke',
  409: 'Konflikt',
  422: 'Kan ikke udføres',
};

/** A refused command on an order: 404 when it is not there for the caller, else its status (409 for a broken rule). */
function commandRefusal(result: Extract<CommandResult, { ok: false }>): HttpError {
  return refusal(result.status, result.code, result.reason, DANISH_FALLBACK[result.status] ?? 'Afvist', result.field);
}

/** Onboarding consultants see follow-ups, not orders (R10). */
function refuseOnboarding(principal: Principal) {
  if (principal.role === 'onboarding') {
    throw new HttpError(403, 'forbidden', {
      en: 'The onboarding consultant sees follow-ups, not orders',
      da: 'Indslusningskonsulenten ser opfølgninger, ikke ordrer',
    });
  }
}

/**
 * Who runs a command on an order: its lead or an admin. Other roles are refused outright (403);
 * a jobcentre that does not lead the order is told it does not exist (404).
 */
const acting = (principal: Principal): Acting => {
  if (principal.role !== 'jobcentre' && principal.role !== 'admin') {
    throw new HttpError(403, 'forbidden', {
      en: 'Only the lead jobcentre or an admin runs an order',
      da: 'Kun det ledende jobcenter (tovholderen) eller en administrator kan ændre en ordre',
    });
  }
  return actingAs(principal);
};
const actingAs = (principal: Principal): Acting => ({
  by: principal.sub,
  admin: principal.role === 'admin',
  may: (order) => mayAct(principal, order.leadJobcentre),
});

function detailsOf(body: CreateOrderBody, workplaceMunicipality: number): OrderDetails {
  return {
    title: body.title,
    description: body.description,
    occupation: {
      code: body.occupation,
      taxonomy: body.taxonomyVersion ?? DEFAULT_TAXONOMY,
      ...(body.occupationText ? { text: body.occupationText } : {}),
    },
    positions: body.positions,
    workplaceMunicipality,
    ...(body.employmentType ? { employmentType: body.employmentType } : {}),
    ...(body.workingTime ? { workingTime: body.workingTime } : {}),
    ...(body.weeklyHours !== undefined ? { weeklyHours: body.weeklyHours } : {}),
    ...(body.startBy ? { startBy: body.startBy } : {}),
    ...(body.applicationDeadline ? { applicationDeadline: body.applicationDeadline } : {}),
    requirements: body.requirements ?? NO_REQUIREMENTS,
    wishes: body.wishes,
    shortNotice: body.shortNotice,
    ...(body.contact ? { contact: body.contact } : {}),
  };
}

/** The channel an order came by: the phone line's are phone-line; a jobcentre says which of the others. */
function channelOf(principal: Principal & { role: 'jobcentre' | 'phone-line' }, asked: Channel | undefined): Channel {
  if (principal.role === 'phone-line') {
    if (asked && asked !== 'phone-line') {
      throw new HttpError(
        400,
        'invalid-request',
        { en: 'body.channel: the phone line registers phone-line orders', da: 'body.channel: telefonlinjen registrerer kun telefonordrer' },
        [{ field: 'body.channel', message: 'the phone line registers phone-line orders' }],
      );
    }
    return 'phone-line';
  }
  if (asked === 'phone-line') {
    throw new HttpError(
      400,
      'invalid-request',
      {
        en: 'body.channel: only the phone line registers phone-line orders',
        da: 'body.channel: kun telefonlinjen registrerer telefonordrer',
      },
      [{ field: 'body.channel', message: 'only the phone line registers phone-line orders' }],
    );
  }
  return asked ?? 'jobcentre';
}

export function ordersRoutes(deps: CompanyDeps) {
  const findOrder = async (id: string) => (await deps.orders.load(id))?.state;
  /** The order as the caller may see it, after a command on it. */
  const answer = async (principal: Principal, id: string, status = 200) => {
    const order = await findOrder(id);
    if (!order || !mayRead(principal, order)) throw notFound();
    return { status, body: orderView(order, principal) };
  };

  /**
   * The company an inline CVR names, when it is registered: its one record the caller may see.
   * Several units (P-numbers) under one CVR, or a company led by another jobcentre, are refused
   * (409, naming body.company.cvr) rather than guessed: the caller gives companyId, or asks the lead.
   */
  const registeredCompanyId = async (principal: Principal, cvr: string): Promise<string | undefined> => {
    const found = await deps.companies.list({ cvr }, 2);
    if (found.length === 0) return undefined;
    const field = 'body.company.cvr';
    if (found.length > 1) {
      throw new HttpError(
        409,
        'company-registered',
        {
          en: `${field}: the CVR number is registered as several units: give companyId (GET /companies?cvr=${cvr})`,
          da: `${field}: CVR-nummeret er registreret som flere enheder: angiv companyId (GET /companies?cvr=${cvr})`,
        },
        [{ field, message: 'registered as several units: give companyId' }],
      );
    }
    const company = found[0]!;
    if (!mayReadCompany(principal, company)) {
      throw new HttpError(
        409,
        'company-registered',
        {
          en: `${field}: the company is registered with another lead jobcentre: its orders go to that lead (ask the lead or the phone line)`,
          da: `${field}: virksomheden er registreret hos et andet ledende jobcenter (tovholder): dens ordrer går dertil (kontakt tovholderen eller telefonlinjen)`,
        },
        [{ field, message: 'registered with another lead jobcentre' }],
      );
    }
    return company.id;
  };

  const create = route({
    method: 'post',
    path: '/orders',
    summary: 'Register an order (R1); a jobcentre as its lead, the phone line for any',
    tags: ['orders'],
    body: CreateOrderBody,
    creates: true,
    responses: {
      201: { description: 'registered', schema: OrderView, headers: { Location: 'the order' } },
      409: { description: 'the inline CVR is a registered company led by another jobcentre, or several units: give companyId' },
      422: { description: 'a cooperation round was asked for a lead in no cooperation' },
    },
    handle: async ({ principal, body, req }) => {
      if (principal.role !== 'jobcentre' && principal.role !== 'phone-line') {
        throw new HttpError(403, 'forbidden', {
          en: 'Only jobcentres and the phone line register orders',
          da: 'Kun jobcentre og telefonlinjen registrerer ordrer',
        });
      }
      // A registered company decides the lead (every order of a company goes to the same lead),
      // also when the caller wrote it out with its CVR number: the stored company's lead and terms
      // are taken, never a second lead chosen for the same company.
      const companyId =
        body.companyId ?? (body.company?.cvr !== undefined ? await registeredCompanyId(principal, body.company.cvr) : undefined);
      const terms = companyId !== undefined ? await companyOrderTerms(deps, principal, companyId) : undefined;
      if (companyId !== undefined && !terms) {
        throw new HttpError(
          422,
          'unprocessable',
          { en: 'body.companyId: company not found', da: 'body.companyId: virksomheden findes ikke' },
          [{ field: 'body.companyId', message: 'company not found' }],
        );
      }
      const company = terms ? orderCompany(terms.company) : body.company!;
      const decision = leadJobcentreFor(
        terms ? { role: 'phone-line' } : principal,
        {
          companyMunicipality: company.municipality,
          ...(body.municipality !== undefined ? { jobMunicipality: body.municipality } : {}),
          ...(terms
            ? { leadJobcentre: terms.leadJobcentre }
            : body.leadJobcentre !== undefined
              ? { leadJobcentre: body.leadJobcentre }
              : {}),
          ...(body.broadcast ? { broadcastScope: body.broadcast.scope } : {}),
        },
        cooperationsAt(deps.cooperations(), deps.now()),
      );
      if (!decision.ok) {
        const [status, code, da] = LEAD_REFUSALS[decision.kind];
        throw refusal(status, code, decision.message, da);
      }
      const details = detailsOf(body, decision.municipality);
      // The summary recipients get must fit the contract's limits: checked here, before anything is stored.
      OrderSummary.parse(summaryOf(details, company.name));
      // The edge validated the key already (runIdempotent) and hashes the request as sent, as here.
      const key = req.get('idempotency-key');
      const result = await registerOrder(deps, {
        leadJobcentre: decision.lead,
        cooperation: decision.cooperation,
        channel: channelOf(principal, body.channel),
        registeredBy: principal.sub,
        company,
        details,
        ...(body.agreementId ? { agreementId: body.agreementId } : {}),
        ...(body.largeProject !== undefined ? { largeProject: body.largeProject } : {}),
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
      return { status: 201, body: orderView(result.order, principal), headers };
    },
  });

  const read = route({
    method: 'get',
    path: '/orders/:id',
    summary: 'One order, to its lead, the jobcentres that received it, its cooperation, the phone line and admins',
    tags: ['orders'],
    params: OrderParams,
    responses: { 200: { description: 'the order', schema: OrderView } },
    handle: async ({ principal, params }) => {
      refuseOnboarding(principal);
      return answer(principal, params.id);
    },
  });

  const amend = route({
    method: 'patch',
    path: '/orders/:id',
    summary: 'Change what an open order asks for; recipients of an open round are told and matching ranks again',
    tags: ['orders'],
    params: OrderParams,
    body: AmendOrderBody,
    responses: { 200: { description: 'the changed order', schema: OrderView }, 409: { description: 'the order is closed' } },
    handle: async ({ principal, params, body }) => {
      const { occupation, occupationText, taxonomyVersion, municipality, largeProject, ...rest } = body;
      const details: Partial<Omit<OrderDetails, 'occupation'>> = {
        ...rest,
        ...(municipality !== undefined ? { workplaceMunicipality: municipality } : {}),
      };
      const occupationPatch = {
        ...(occupation !== undefined ? { code: occupation } : {}),
        ...(taxonomyVersion !== undefined ? { taxonomy: taxonomyVersion } : {}),
        ...(occupationText !== undefined ? { text: occupationText } : {}),
      };
      const result = await amendOrder(
        deps,
        params.id,
        { details, ...(Object.keys(occupationPatch).length > 0 ? { occupation: occupationPatch } : {}), largeProject },
        acting(principal),
      );
      if (!result.ok) throw commandRefusal(result);
      return answer(principal, params.id);
    },
  });

  const transition = route({
    method: 'post',
    path: '/orders/:id/transitions',
    summary: 'Move an open order to in dialogue or searching; an illegal move is refused naming the state (409)',
    tags: ['orders'],
    params: OrderParams,
    body: TransitionBody,
    responses: {
      200: { description: 'moved (or there already)', schema: OrderView },
      409: { description: 'not a move the lifecycle allows from its state' },
    },
    handle: async ({ principal, params, body }) => {
      const result = await moveOrder(deps, params.id, body, acting(principal));
      if (!result.ok) throw commandRefusal(result);
      return answer(principal, params.id);
    },
  });

  const close = route({
    method: 'post',
    path: '/orders/:id/close',
    summary:
      'Close an order as filled, partly filled, cancelled or unfilled (R7: unfilled only once every jobcentre answered, or an admin override with a reason)',
    tags: ['orders'],
    params: OrderParams,
    body: CloseOrderBody,
    responses: {
      200: { description: 'closed', schema: OrderView },
      409: { description: 'already closed, R7 not met, or hires do not fit the outcome' },
    },
    handle: async ({ principal, params, body }) => {
      const to: ClosedState = body.outcome === 'unfilled' ? 'closed-unfilled' : body.outcome;
      const result = await closeOrder(deps, params.id, { to, reason: body.reason, override: body.override }, acting(principal));
      if (!result.ok) throw commandRefusal(result);
      return answer(principal, params.id);
    },
  });

  const present = route({
    method: 'post',
    path: '/orders/:id/referrals',
    summary:
      'Present a candidate to the company (referral log), with the screening principles checked; the first moves the order to candidates presented',
    tags: ['orders'],
    params: OrderParams,
    body: ReferralBody,
    creates: true,
    responses: {
      201: { description: 'presented', schema: OrderView },
      200: { description: 'presented before, with the same screening', schema: OrderView },
      409: { description: 'the order is closed, or the candidate was presented with other screening' },
    },
    handle: async ({ principal, params, body }) => {
      const result = await presentCandidate(deps, params.id, body, acting(principal));
      if (!result.ok) throw commandRefusal(result);
      return answer(principal, params.id, result.changed ? 201 : 200);
    },
  });

  const outcome = route({
    method: 'post',
    path: '/orders/:id/referrals/:referralId/outcome',
    summary: "The company's answer on a presented candidate: interview, or rejected with a reason",
    tags: ['orders'],
    params: ReferralParams,
    body: ReferralOutcomeBody,
    responses: { 200: { description: 'recorded', schema: OrderView }, 409: { description: 'no such referral, or its outcome is final' } },
    handle: async ({ principal, params, body }) => {
      const result = await recordReferralOutcome(
        deps,
        params.id,
        params.referralId,
        { kind: body.outcome, reason: body.reason },
        acting(principal),
      );
      if (!result.ok) throw commandRefusal(result);
      return answer(principal, params.id);
    },
  });

  const hire = route({
    method: 'post',
    path: '/orders/:id/hires',
    summary: 'Record that the company hired a candidate (start date, weekly hours); the same hire again changes nothing (200)',
    tags: ['orders'],
    params: OrderParams,
    body: HireBody,
    // Safe without the edge's Idempotency-Key record too: a hire is keyed by jobcentre +
    // candidateRef, and the same hire again changes nothing (200).
    creates: true,
    responses: {
      201: { description: 'recorded', schema: OrderView },
      200: { description: 'recorded before', schema: OrderView },
      409: { description: 'the order is closed, has all its positions filled, or the candidate holds an overlapping position' },
    },
    handle: async ({ principal, params, body }) => {
      const result = await hireCandidate(deps, params.id, body, acting(principal));
      if (!result.ok) throw commandRefusal(result);
      return answer(principal, params.id, result.changed ? 201 : 200);
    },
  });

  const handover = route({
    method: 'post',
    path: '/orders/:id/handover',
    summary: 'Hand the order over to another jobcentre of its cooperation (with the reason); recipients of open rounds are told',
    tags: ['orders'],
    params: OrderParams,
    body: HandoverBody,
    responses: {
      200: { description: 'handed over', schema: OrderView },
      409: { description: 'the order is closed, or that jobcentre leads it already' },
      422: { description: 'the jobcentre is not in the order’s cooperation' },
    },
    handle: async ({ principal, params, body }) => {
      const result = await handOverLead(deps, params.id, body, acting(principal));
      if (!result.ok) throw commandRefusal(result);
      // The old lead may no longer read the order (unless it received a round): it sees it once more, without candidates.
      const order = await findOrder(params.id);
      if (!order) throw notFound();
      return { status: 200, body: orderView(order, principal, mayRead(principal, order) ? undefined : { kind: 'none' }) };
    },
  });

  const list = route({
    method: 'get',
    path: '/orders',
    summary:
      'The orders a principal may read, newest first, a page at a time; filters by state, law status, lead, cooperation, channel, goals and period',
    tags: ['orders'],
    query: OrdersQuery,
    responses: { 200: { description: 'a page of orders', schema: OrderPage } },
    handle: async ({ principal, query }) => {
      refuseOnboarding(principal);
      const scope = orderListScope(principal);
      if (scope === 'none') throw notFound();
      const states = (Object.keys(LAW_STATUS) as Order['status'][]).filter(
        (s) => (!query.status || s === query.status) && (!query.lawStatus || LAW_STATUS[s] === query.lawStatus),
      );
      // registeredAt is an ISO instant in UTC: as strings they sort as the instants do.
      const filter: OrderFilter = {
        ...scope,
        ...(query.status || query.lawStatus ? { status: states } : {}),
        ...(query.lead !== undefined ? { leadJobcentre: query.lead } : {}),
        ...(query.channel ? { channel: query.channel } : {}),
        ...(query.goal ? { ids: (await deps.goalOrders?.(query.goal)) ?? [] } : {}),
        ...(query.from ? { registeredFrom: copenhagenDayStart(query.from).toISOString() } : {}),
        ...(query.to ? { registeredBefore: copenhagenDayAfter(query.to).toISOString() } : {}),
      };
      // A secretariat asking for another cooperation gets nothing, not the other cooperation's orders.
      if (query.cooperation) filter.cooperation = scope.cooperation && scope.cooperation !== query.cooperation ? '-' : query.cooperation;
      if (query.cursor) {
        const after = decodeCursor(query.cursor);
        filter.after = { registeredAt: after.key, id: after.id };
      }
      const found = await deps.orders.list(filter, query.limit + 1);
      const page = found.slice(0, query.limit);
      const last = found.length > query.limit ? page[page.length - 1] : undefined;
      const { cursor: _cursor, ...kept } = query;
      return {
        status: 200,
        body: {
          orders: page.map((o) => orderView(o, principal)),
          next: nextLink('/orders', kept, last && { key: last.registeredAt, id: last.id }),
        },
      };
    },
  });

  const screening = route({
    method: 'get',
    path: '/screening-principles',
    summary: "A cooperation's shared screening principles: the checklist a presented candidate records",
    tags: ['orders'],
    query: ScreeningQuery,
    responses: { 200: { description: 'the checklist', schema: ScreeningView } },
    handle: async ({ principal, query }) => {
      const own = principal.role === 'secretariat' || principal.role === 'onboarding' ? principal.cooperation : undefined;
      const cooperation = query.cooperation ?? own ?? null;
      return { status: 200, body: { cooperation, principles: [...screeningPrinciplesOf(deps.cooperations(), cooperation)] } };
    },
  });

  return (router: Router) =>
    mountRoutes(router, [create, list, read, amend, transition, close, present, outcome, hire, handover, screening]);
}
