import { CandidateRef, OrderSummary, SCOPE_IDS } from '@rs/contracts';
import { cooperationOf, isJobcentre, jobcentreForMunicipality } from '@rs/reference-data';
import { HttpError, type Principal, parseInput, principalOf } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { OrderIntakeDeps } from '../../app/deps';
import { closeOrder } from '../../app/close-order';
import { hireCandidate } from '../../app/hire-candidate';
import { registerOrder } from '../../app/register-order';
import { everyJobcentreSearched, type RoundProgress } from '../../domain/order';

const Municipality = z.number().int().min(100).max(999);

/** A placement: which jobcentre's candidate (its pseudonymous reference) the company hired. */
export const HireBody = z.object({
  jobcentre: z.number().int().min(100).max(999).refine(isJobcentre, 'not a jobcentre code'),
  candidateRef: CandidateRef,
});

export const CreateOrderBody = z.object({
  company: z.object({
    name: z.string().trim().min(1).max(200),
    cvr: z
      .string()
      .regex(/^\d{8}$/, 'CVR is 8 digits')
      .optional(),
    municipality: Municipality,
  }),
  title: z.string().trim().min(1).max(200),
  occupation: z.string().trim().min(1).max(200),
  positions: z.number().int().min(1).max(1000),
  /** Where the job is; defaults to the company's municipality. */
  municipality: Municipality.optional(),
  description: z.string().max(4000).default(''),
  startBy: z.iso.date().optional(),
  /** Ask broadcast to open a round at once (R5). */
  broadcast: z.object({ scope: z.enum(SCOPE_IDS) }).optional(),
  /** R1: the phone line may name the jobcentre the company chose; otherwise its municipality's. */
  leadJobcentre: z.number().int().optional(),
});

const CloseOrderBody = z.object({ outcome: z.enum(['filled', 'cancelled', 'unfilled']) });

const OrderParams = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
});

function mayRead(principal: Principal, order: { leadJobcentre: number; cooperation: string | null }): boolean {
  switch (principal.role) {
    case 'admin':
    case 'phone-line':
      return true;
    case 'jobcentre':
      return principal.jobcentre === order.leadJobcentre;
    case 'secretariat':
      return principal.cooperation === order.cooperation;
  }
}

export function ordersRoutes(deps: OrderIntakeDeps) {
  return (router: Router) => {
    router.post('/orders', async (req, res) => {
      const principal = principalOf(req);
      if (principal.role !== 'jobcentre' && principal.role !== 'phone-line') {
        throw new HttpError(403, 'forbidden', 'Only jobcentres and the phone line register orders');
      }
      const body = parseInput(CreateOrderBody, req.body, 'body');
      const municipality = body.municipality ?? body.company.municipality;
      const companyJobcentre = jobcentreForMunicipality(body.company.municipality);
      if (companyJobcentre === undefined)
        throw new HttpError(400, 'invalid-request', 'body.company.municipality: unknown municipality code');
      if (jobcentreForMunicipality(municipality) === undefined)
        throw new HttpError(400, 'invalid-request', 'body.municipality: unknown municipality code');
      let lead: number;
      if (principal.role === 'jobcentre') {
        if (!isJobcentre(principal.jobcentre)) throw new HttpError(403, 'forbidden', `${principal.jobcentre} is not a jobcentre code`);
        if (body.leadJobcentre !== undefined && body.leadJobcentre !== principal.jobcentre) {
          throw new HttpError(403, 'forbidden', 'A jobcentre registers orders as their lead only');
        }
        lead = principal.jobcentre;
      } else {
        lead = body.leadJobcentre ?? companyJobcentre;
        if (jobcentreForMunicipality(lead) !== lead)
          throw new HttpError(400, 'invalid-request', 'body.leadJobcentre: not a jobcentre code');
      }
      // Broadcast could not open such a round: say so now rather than dead-letter it there.
      if (body.broadcast?.scope === 'cooperation' && !cooperationOf(lead)) {
        throw new HttpError(
          422,
          'no-cooperation',
          'body.broadcast.scope: the lead jobcentre is in no cooperation; choose east-denmark or national / Jobcentret er ikke med i et samarbejde; vælg east-denmark eller national',
        );
      }
      const order = OrderSummary.parse({
        title: body.title,
        occupation: body.occupation,
        positions: body.positions,
        municipality,
        companyName: body.company.name,
        description: body.description,
        ...(body.startBy ? { startBy: body.startBy } : {}),
      });
      const stored = await registerOrder(deps, {
        leadJobcentre: lead,
        cooperation: cooperationOf(lead)?.id ?? null,
        channel: principal.role,
        registeredBy: principal.sub,
        company: body.company,
        order,
        broadcast: body.broadcast ?? null,
      });
      res.status(201).location(`/orders/${stored._id}`).json(view(stored));
    });

    router.get('/orders/:id', async (req, res) => {
      const principal = principalOf(req);
      const { id } = parseInput(OrderParams, req.params, 'params');
      const doc = await deps.models.orders.collection.findOne({ _id: id as never }, { projection: { processed: 0 } });
      if (!doc || !mayRead(principal, doc as never)) throw new HttpError(404, 'not-found', 'Order not found / Ordren findes ikke');
      res.json(view(doc as never));
    });

    router.post('/orders/:id/close', async (req, res) => {
      const principal = principalOf(req);
      const { id } = parseInput(OrderParams, req.params, 'params');
      const { outcome } = parseInput(CloseOrderBody, req.body, 'body');
      const result = await closeOrder(
        deps,
        id,
        outcome,
        (lead) => principal.role === 'admin' || (principal.role === 'jobcentre' && principal.jobcentre === lead),
      );
      if (!result.ok) throw new HttpError(result.status, result.status === 404 ? 'not-found' : 'conflict', result.reason);
      const doc = await deps.models.orders.collection.findOne({ _id: id as never }, { projection: { processed: 0 } });
      res.json(view(doc as never));
    });

    router.post('/orders/:id/hires', async (req, res) => {
      const principal = principalOf(req);
      const { id } = parseInput(OrderParams, req.params, 'params');
      const body = parseInput(HireBody, req.body, 'body');
      const result = await hireCandidate(
        deps,
        id,
        body,
        (lead) => principal.role === 'admin' || (principal.role === 'jobcentre' && principal.jobcentre === lead),
      );
      if (!result.ok) throw new HttpError(result.status, result.status === 404 ? 'not-found' : 'conflict', result.reason);
      const doc = await deps.models.orders.collection.findOne({ _id: id as never }, { projection: { processed: 0 } });
      res.status(result.changed ? 201 : 200).json(view(doc as never));
    });

    router.get('/orders', async (req, res) => {
      const principal = principalOf(req);
      const filter: Record<string, unknown> = {};
      if (principal.role === 'jobcentre') filter.leadJobcentre = principal.jobcentre;
      if (principal.role === 'secretariat') filter.cooperation = principal.cooperation;
      const docs = await deps.models.orders.collection
        .find(filter, { projection: { processed: 0 } })
        .sort({ registeredAt: -1 })
        .limit(100)
        .toArray();
      res.json({ orders: docs.map((d) => view(d as never)) });
    });
  };
}

interface OrderDoc {
  _id: string;
  leadJobcentre: number;
  cooperation: string | null;
  channel: string;
  registeredAt: string;
  status: string;
  company: unknown;
  order: unknown;
  broadcastRequested: unknown;
  rounds: RoundProgress[];
  hires?: unknown[];
}

function view(doc: OrderDoc) {
  const rounds = doc.rounds ?? [];
  return {
    id: doc._id,
    leadJobcentre: doc.leadJobcentre,
    cooperation: doc.cooperation,
    channel: doc.channel,
    registeredAt: doc.registeredAt,
    status: doc.status,
    company: doc.company,
    order: doc.order,
    broadcastRequested: doc.broadcastRequested,
    rounds,
    hires: doc.hires ?? [],
    /** R7: true once every jobcentre of a completed round has replied. */
    everyJobcentreSearched: everyJobcentreSearched(rounds),
  };
}
