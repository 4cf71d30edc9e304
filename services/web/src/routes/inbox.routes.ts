import { randomUUID } from 'node:crypto';
import type { Principal } from '@rs/service-kit';
import { Router } from 'express';
import { z } from 'zod';
import { ApiError, apiClient } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';

interface InboxRound {
  id: string;
  orderId: string;
  deadline: string;
  own: { status: string; answer?: string; candidates?: { candidateRef: string }[] };
  shortlist: { candidateRef: string; headline: string }[];
}

const Code = z.coerce.number().int().min(100).max(999);
const ReplyForm = z.object({
  _csrf: z.string(),
  code: Code,
  answer: z.enum(['candidates', 'none']),
  candidate: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
});

const REFUSAL_WINDOW_MS = 7 * 24 * 3600 * 1000;

/**
 * The answering jobcentre (part 5): its inbox of open rounds by deadline with its own shortlist,
 * its reply (candidates or none; again to amend), and the replies the platform refused and why.
 * Which jobcentre's inbox a user may see is broadcast's decision (404 for any other); the page
 * asks for nothing the API would not give this user.
 */
export function inboxRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const broadcast = options.services.broadcast;

  router.get('/inbox', signedIn(['jobcentre']), (req, res) => {
    const principal = req.session.principal as Extract<Principal, { role: 'jobcentre' }>;
    res.redirect(303, `/jobcentres/${principal.jobcentre}/inbox`);
  });

  router.get('/jobcentres/:code/inbox', signedIn(['jobcentre', 'admin']), async (req, res, next) => {
    try {
      const code = Code.safeParse(req.params.code);
      if (!code.success) throw new ApiError(404, undefined);
      const api = apiClient(req.session.accessToken ?? '');
      const since = new Date((options.now?.() ?? new Date()).getTime() - REFUSAL_WINDOW_MS).toISOString();
      const [inbox, feed] = await Promise.all([
        api.get<{ rounds: InboxRound[] }>(broadcast, `/jobcentres/${code.data}/inbox`),
        api.get<{ messages: { type: string; data: Record<string, unknown> }[] }>(
          broadcast,
          `/jobcentres/${code.data}/feed?since=${encodeURIComponent(since)}&limit=1000`,
        ),
      ]);
      const refused = feed.messages
        .filter((m) => m.type === 'round.reply-refused')
        .map((m) => m.data)
        .reverse();
      page.render(res, 'inbox', 'inbox.title', { code: code.data, rounds: inbox.rounds, refused });
    } catch (error) {
      next(error);
    }
  });

  router.post('/rounds/:id/reply', signedIn(['jobcentre']), requireCsrf, async (req, res, next) => {
    try {
      const form = ReplyForm.safeParse(req.body);
      const principal = req.session.principal as Extract<Principal, { role: 'jobcentre' }>;
      const back = `/jobcentres/${principal.jobcentre}/inbox`;
      if (!form.success || (form.data.answer === 'candidates' && form.data.candidate.length === 0)) {
        req.session.flash = { kind: 'error', key: 'reply.noneChosen' };
        return res.redirect(303, back);
      }
      const api = apiClient(req.session.accessToken ?? '');
      const roundId = String(req.params.id);
      // The candidates are the jobcentre's own suggestions for this round, as broadcast lists them.
      const inbox = await api.get<{ rounds: InboxRound[] }>(broadcast, `/jobcentres/${principal.jobcentre}/inbox`);
      const round = inbox.rounds.find((r) => r.id === roundId);
      if (!round) throw new ApiError(404, undefined);
      const candidates =
        form.data.answer === 'none'
          ? []
          : round.shortlist
              .filter((c) => form.data.candidate.includes(c.candidateRef))
              .map((c) => ({ candidateRef: c.candidateRef, summary: c.headline }));
      try {
        await api.post(
          broadcast,
          `/rounds/${encodeURIComponent(roundId)}/reply`,
          { answer: form.data.answer, candidates },
          { 'idempotency-key': randomUUID() },
        );
        req.session.flash = { kind: 'success', key: 'reply.recorded' };
      } catch (error) {
        if (!(error instanceof ApiError) || error.status !== 409) throw error;
        req.session.flash = { kind: 'error', key: 'reply.closed' };
      }
      res.redirect(303, back);
    } catch (error) {
      next(error);
    }
  });
  return router;
}
