import { SCOPE_IDS } from '@rs/contracts';
import { cooperationOf } from '@rs/reference-data';
import { HttpError, parseInput, principalOf } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { BroadcastDeps } from '../../app/deps';
import { requestRound } from '../../app/request-round';
import { mayManage, ownEntry } from '../../domain/access';
import { proposedNextScope, type Round, summarise } from '../../domain/round';

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

export function roundsRoutes(deps: BroadcastDeps) {
  return (router: Router) => {
    router.post('/rounds', async (req, res) => {
      const principal = principalOf(req);
      const body = parseInput(OpenRoundBody, req.body, 'body');
      const result = await requestRound(deps, principal, body.orderId, body.scope);
      if (result.kind === 'not-found') throw new HttpError(404, 'not-found', 'Order not found / Ordren findes ikke');
      if (result.kind === 'refused') {
        throw new HttpError(result.refusal.rule === 'no-cooperation' ? 422 : 409, result.refusal.rule, result.refusal.message);
      }
      if (result.kind === 'raced') throw new HttpError(409, 'round-open', 'A round was opened at the same moment; reload');
      res.status(201).json(view(result.round));
    });

    router.get('/rounds/:id', async (req, res) => {
      const principal = principalOf(req);
      const { id } = parseInput(RoundParams, req.params, 'params');
      const round = (await deps.rounds.load(id))?.state;
      if (!round) throw new HttpError(404, 'not-found', 'Round not found / Runden findes ikke');
      if (mayManage(principal, { leadJobcentre: round.leadJobcentre, cooperation: cooperationOf(round.leadJobcentre)?.id ?? null })) {
        res.json(view(round));
        return;
      }
      const own = ownEntry(principal, round);
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
