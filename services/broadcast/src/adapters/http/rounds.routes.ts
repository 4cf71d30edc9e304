import { SCOPE_IDS } from '@rs/contracts';
import { cooperationOf } from '@rs/reference-data';
import { HttpError, type Principal, parseInput, principalOf } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { BroadcastDeps } from '../../app/deps';
import { jobcentresThatAnswered } from '../../app/escalate';
import { loadOrderSnapshot, type OrderSnapshot, openRoundForOrder } from '../../app/open-round';
import { proposedNextScope, type Round, summarise } from '../../domain/round';
import { loadRound } from '../mongo/round.repository';

const OpenRoundBody = z.object({
  orderId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
  scope: z.enum(SCOPE_IDS).default('cooperation'),
});
const RoundParams = z.object({
  id: z
    .string()
    .min(1)
    .max(120)
    .regex(/^[A-Za-z0-9_-]+$/),
});

/** The lead jobcentre of the order, or the secretariat of its cooperation, may open and read rounds. */
function mayManage(principal: Principal, snapshot: { leadJobcentre: number; cooperation: string | null }): boolean {
  if (principal.role === 'admin') return true;
  if (principal.role === 'jobcentre') return principal.jobcentre === snapshot.leadJobcentre;
  if (principal.role === 'secretariat') return snapshot.cooperation === principal.cooperation;
  return false;
}

export function roundsRoutes(deps: BroadcastDeps) {
  return (router: Router) => {
    router.post('/rounds', async (req, res) => {
      const principal = principalOf(req);
      const body = parseInput(OpenRoundBody, req.body, 'body');
      const snapshot = await loadOrderSnapshot(deps, body.orderId);
      if (!snapshot || !mayManage(principal, snapshot)) throw new HttpError(404, 'not-found', 'Order not found / Ordren findes ikke');
      if (body.scope === 'cooperation' && !snapshot.cooperation && !cooperationOf(snapshot.leadJobcentre)) {
        throw new HttpError(422, 'no-cooperation', 'The lead jobcentre is in no cooperation; choose east-denmark or national');
      }
      const open = await deps.models.rounds.collection.countDocuments({ orderId: body.orderId, status: 'open' });
      if (open > 0) throw new HttpError(409, 'round-open', 'A round for this order is still open / Der er allerede en åben runde');
      const { rounds: earlier, answered } = await jobcentresThatAnswered(deps, body.orderId);
      const round = await openRoundForOrder(deps, snapshot as OrderSnapshot, body.scope, earlier + 1, answered);
      if (!round) throw new HttpError(409, 'round-open', 'A round was opened at the same moment; reload');
      res.status(201).json(view(round));
    });

    router.get('/rounds/:id', async (req, res) => {
      const principal = principalOf(req);
      const { id } = parseInput(RoundParams, req.params, 'params');
      const stored = await loadRound(deps.models, id);
      if (!stored) throw new HttpError(404, 'not-found', 'Round not found / Runden findes ikke');
      const { round } = stored;
      if (mayManage(principal, { leadJobcentre: round.leadJobcentre, cooperation: cooperationOf(round.leadJobcentre)?.id ?? null })) {
        res.json(view(round));
        return;
      }
      // A recipient sees the round and its own entry, never other jobcentres' candidates.
      const own = principal.role === 'jobcentre' ? round.recipients.find((r) => r.jobcentre === principal.jobcentre) : undefined;
      if (!own) throw new HttpError(404, 'not-found', 'Round not found / Runden findes ikke');
      res.json({
        id: round.id,
        orderId: round.orderId,
        scope: round.scope,
        deadline: round.deadline,
        status: round.status,
        order: round.order,
        own,
      });
    });
  };
}

function view(round: Round) {
  return { ...round, summary: summarise(round), proposedNextScope: round.status === 'open' ? null : (proposedNextScope(round) ?? null) };
}
