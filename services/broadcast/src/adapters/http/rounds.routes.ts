import { SCOPE_IDS } from '@rs/contracts';
import { HttpError, idParam, mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import type { BroadcastDeps } from '../../app/deps';
import { requestRound } from '../../app/request-round';
import { mayManage, ownEntry } from '../../domain/access';
import { proposedNextScope, type Round, summarise } from '../../domain/round';
import { RecipientRoundView, RoundView, recipientView } from './round-view';

const OpenRoundBody = z.strictObject({
  orderId: idParam(100),
  scope: z.enum(SCOPE_IDS).default('cooperation'),
});
const RoundParams = z.object({ id: idParam(120) });

const roundOpen = (en: string, da: string) => new HttpError(409, 'round-open', { en, da });

export function roundsRoutes(deps: BroadcastDeps) {
  const open = route({
    method: 'post',
    path: '/rounds',
    summary: 'Open the next round of an order (R5, R7): cooperation, east-denmark or national',
    tags: ['rounds'],
    body: OpenRoundBody,
    // Safe without the edge's Idempotency-Key record too: a round's id is order + seq, so the
    // change log's unique insert refuses a second round at that seq, and a retry after the first
    // opened meets it still open (409) instead of opening another.
    creates: true,
    responses: {
      201: { description: 'opened', schema: RoundView },
      409: { description: 'a round of this order is still open' },
      422: { description: 'a cooperation round for a lead in no cooperation' },
    },
    handle: async ({ principal, body }) => {
      const result = await requestRound(deps, principal, body.orderId, body.scope);
      if (result.kind === 'not-found') throw new HttpError(404, 'not-found', { en: 'Order not found', da: 'Ordren findes ikke' });
      if (result.kind === 'refused') {
        if (result.refusal.rule === 'no-cooperation') {
          throw new HttpError(
            422,
            'no-cooperation',
            { en: result.refusal.message, da: 'Jobcentret er ikke med i et samarbejde; vælg east-denmark eller national' },
            [{ field: 'body.scope', message: 'the lead jobcentre is in no cooperation' }],
          );
        }
        throw new HttpError(409, result.refusal.rule, result.refusal.message);
      }
      if (result.kind === 'raced')
        throw roundOpen('A round was opened at the same moment; reload', 'En runde blev åbnet samtidig; genindlæs');
      return { status: 201, body: view(result.round), headers: { Location: `/rounds/${result.round.id}` } };
    },
  });

  const read = route({
    method: 'get',
    path: '/rounds/:id',
    summary: 'A round: whole to its lead, cooperation and admins; a recipient sees its own entry only',
    tags: ['rounds'],
    params: RoundParams,
    responses: { 200: { description: 'the round', schema: z.union([RoundView, RecipientRoundView]) } },
    handle: async ({ principal, params }) => {
      const notFound = () => new HttpError(404, 'not-found', { en: 'Round not found', da: 'Runden findes ikke' });
      const [loaded, kept] = await Promise.all([deps.rounds.load(params.id), deps.rounds.orderOf(params.id)]);
      const round = loaded?.state;
      if (!round || !kept) throw notFound();
      // The cooperation stored at registration, as POST /rounds checks it: a secretariat may read
      // every round it may open, even after the lead moved to another cooperation.
      if (mayManage(principal, { leadJobcentre: round.leadJobcentre, cooperation: kept.cooperation })) {
        return { status: 200, body: view(round) };
      }
      // A recipient sees the round and its own entry, never other jobcentres' candidates.
      const own = ownEntry(principal, round);
      if (!own) throw notFound();
      return { status: 200, body: recipientView(round, own) };
    },
  });

  return (router: Router) => mountRoutes(router, [open, read]);
}

function view(round: Round) {
  return { ...round, summary: summarise(round), proposedNextScope: round.status === 'open' ? null : (proposedNextScope(round) ?? null) };
}
