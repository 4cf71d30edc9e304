import { CandidateRef, OrderSummary, SCOPE_IDS } from '@rs/contracts';
import { isJobcentre } from '@rs/reference-data';
import { HttpError, parseInput, principalOf } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { OrderIntakeDeps } from '../../app/deps';
import { closeOrder } from '../../app/close-order';
import { hireCandidate } from '../../app/hire-candidate';
import { registerOrder } from '../../app/register-order';
import { listFilter, mayAct, mayRead } from '../../domain/access';
import { leadJobcentreFor } from '../../domain/lead';
import { everyJobcentreSearched, type Order } from '../../domain/order';

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

export function ordersRoutes(deps: OrderIntakeDeps) {
  return (router: Router) => {
    router.post('/orders', async (req, res) => {
      const principal = principalOf(req);
      if (principal.role !== 'jobcentre' && principal.role !== 'phone-line') {
        throw new HttpError(403, 'forbidden', 'Only jobcentres and the phone line register orders');
      }
      const body = parseInput(CreateOrderBody, req.body, 'body');
      const decision = leadJobcentreFor(principal, {
        companyMunicipality: body.company.municipality,
        ...(body.municipality !== undefined ? { jobMunicipality: body.municipality } : {}),
        ...(body.leadJobcentre !== undefined ? { leadJobcentre: body.leadJobcentre } : {}),
        ...(body.broadcast ? { broadcastScope: body.broadcast.scope } : {}),
      });
      if (!decision.ok) {
        const [status, code] = LEAD_REFUSALS[decision.kind];
        throw new HttpError(status, code, decision.message);
      }
      const { lead, municipality } = decision;
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
        cooperation: decision.cooperation,
        channel: principal.role,
        registeredBy: principal.sub,
        company: body.company,
        order,
        broadcast: body.broadcast ?? null,
      });
      res.status(201).location(`/orders/${stored.id}`).json(view(stored));
    });

    router.get('/orders/:id', async (req, res) => {
      const principal = principalOf(req);
      const { id } = parseInput(OrderParams, req.params, 'params');
      const order = (await deps.orders.load(id))?.state;
      if (!order || !mayRead(principal, order)) throw new HttpError(404, 'not-found', 'Order not found / Ordren findes ikke');
      res.json(view(order));
    });

    router.post('/orders/:id/close', async (req, res) => {
      const principal = principalOf(req);
      const { id } = parseInput(OrderParams, req.params, 'params');
      const { outcome } = parseInput(CloseOrderBody, req.body, 'body');
      const result = await closeOrder(deps, id, outcome, (lead) => mayAct(principal, lead));
      if (!result.ok) throw new HttpError(result.status, result.status === 404 ? 'not-found' : 'conflict', result.reason);
      res.json(view((await deps.orders.load(id))!.state));
    });

    router.post('/orders/:id/hires', async (req, res) => {
      const principal = principalOf(req);
      const { id } = parseInput(OrderParams, req.params, 'params');
      const body = parseInput(HireBody, req.body, 'body');
      const result = await hireCandidate(deps, id, body, (lead) => mayAct(principal, lead));
      if (!result.ok) throw new HttpError(result.status, result.status === 404 ? 'not-found' : 'conflict', result.reason);
      res.status(result.changed ? 201 : 200).json(view((await deps.orders.load(id))!.state));
    });

    router.get('/orders', async (req, res) => {
      const principal = principalOf(req);
      const orders = await deps.orders.list(listFilter(principal), 100);
      res.json({ orders: orders.map(view) });
    });
  };
}

/** How the edge answers a refused lead (R1). */
const LEAD_REFUSALS = {
  forbidden: [403, 'forbidden'],
  invalid: [400, 'invalid-request'],
  'no-cooperation': [422, 'no-cooperation'],
} as const;

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
    /** R7: true once every jobcentre of a completed round has replied. */
    everyJobcentreSearched: everyJobcentreSearched(rounds),
  };
}
