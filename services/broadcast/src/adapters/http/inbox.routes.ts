import { createHash } from 'node:crypto';
import { ProposedCandidate, RoundReply, ShortlistCandidate } from '@rs/contracts';
import { codeParam, HttpError, idParam, mountRoutes, route } from '@rs/service-kit';
import type { Router } from 'express';
import { z } from 'zod';
import { UnknownRoundError } from '../../app/apply-to-round';
import type { BroadcastDeps } from '../../app/deps';
import { recordReply } from '../../app/record-reply';
import { mayReadFeed, ownEntry } from '../../domain/access';
import { RoundRuleViolation } from '../../domain/round';
import { RecipientRoundView, recipientView } from './round-view';

const InboxParams = z.object({ code: codeParam });
const RoundParams = z.object({ id: idParam(120) });

const InboxRound = RecipientRoundView.extend({
  leadJobcentre: z.number().int(),
  /** Matching's suggestions from this jobcentre's own candidates, with the reasons. */
  shortlist: z.array(ShortlistCandidate),
}).meta({ id: 'InboxRound' });

/** As round.reply without its ids (they are the path's): candidates 1–50, or none and an empty list. */
const ReplyBody = z
  .strictObject({
    answer: z.enum(['candidates', 'none']),
    candidates: z.array(ProposedCandidate).max(50).default([]),
  })
  .refine((b) => (b.answer === 'none' ? b.candidates.length === 0 : b.candidates.length > 0), {
    message: 'candidates: 1–50 with answer "candidates", none with answer "none"',
    path: ['candidates'],
  });

const notFound = () => new HttpError(404, 'not-found', { en: 'Not found', da: 'Ikke fundet' });

/**
 * The answering jobcentre over HTTP (the web front): its inbox of open rounds with its own
 * shortlist, and its reply, recorded exactly as a connector's round.reply is (R6: late replies
 * are marked, a second reply amends the first until the round is closed).
 */
export function inboxRoutes(deps: BroadcastDeps) {
  const inbox = route({
    method: 'get',
    path: '/jobcentres/:code/inbox',
    summary: "A jobcentre's open rounds to answer, by deadline, each with its own shortlist",
    tags: ['rounds'],
    params: InboxParams,
    responses: { 200: { description: 'the open rounds, soonest deadline first', schema: z.object({ rounds: z.array(InboxRound) }) } },
    handle: async ({ principal, params }) => {
      // The jobcentre itself (or an admin); any other caller learns nothing, not even that it exists.
      if (!mayReadFeed(principal, params.code)) throw notFound();
      const rounds = (await deps.rounds.openFor(params.code)).sort((a, b) => a.deadline.localeCompare(b.deadline));
      const body = await Promise.all(
        rounds.map(async (round) => {
          const own = round.recipients.find((r) => r.jobcentre === params.code);
          const lists = (await deps.shortlists.load(round.orderId))?.lists;
          return {
            ...recipientView(round, own ?? { jobcentre: params.code, status: 'pending' as const }),
            leadJobcentre: round.leadJobcentre,
            shortlist: [...(lists?.get(params.code) ?? [])],
          };
        }),
      );
      return { status: 200, body: { rounds: body } };
    },
  });

  const reply = route({
    method: 'post',
    path: '/rounds/:id/reply',
    summary: "A recipient jobcentre's reply: candidates or none; again to amend it until the round closes",
    tags: ['rounds'],
    params: RoundParams,
    body: ReplyBody,
    creates: true,
    responses: {
      200: { description: 'recorded (or the same reply again)', schema: RecipientRoundView },
      409: { description: 'the round is closed: the reply was refused' },
    },
    handle: async ({ principal, params, body, req }) => {
      if (principal.role !== 'jobcentre') throw notFound();
      const loaded = await deps.rounds.load(params.id);
      if (!loaded || !ownEntry(principal, loaded.state)) throw notFound();
      if (loaded.state.status === 'closed') {
        throw new HttpError(409, 'round-closed', {
          en: 'The round is closed: the reply was not recorded',
          da: 'Runden er lukket: svaret blev ikke registreret',
        });
      }
      // The same key (or the same reply) counts once, as a redelivered message does.
      const key = req.header('idempotency-key') ?? JSON.stringify(body);
      const messageId = `http-${createHash('sha256').update(`${principal.sub}|${params.id}|${key}`).digest('hex').slice(0, 32)}`;
      let round = loaded.state;
      try {
        const data = RoundReply.parse({ roundId: round.id, orderId: round.orderId, ...body });
        const result = await recordReply(deps, principal.jobcentre, data, messageId);
        round = result.round;
      } catch (error) {
        if (error instanceof RoundRuleViolation || error instanceof UnknownRoundError) throw notFound();
        throw error;
      }
      const own = ownEntry(principal, round);
      if (!own) throw notFound();
      return { status: 200, body: recipientView(round, own) };
    },
  });

  return (router: Router) => mountRoutes(router, [inbox, reply]);
}
