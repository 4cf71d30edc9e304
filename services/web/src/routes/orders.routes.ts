import { createHash, randomUUID } from 'node:crypto';
import type { Principal } from '@rs/service-kit';
import { municipality } from '@rs/reference-data';
import { cooperationsFor, membersOf } from '../cooperations';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { ApiError, apiClient } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';
import type { Lang, Translate } from '../i18n';
import type { MessageKey } from '../locales';
import { copenhagenDate } from './operator-forms';
import { parseReply } from './operator-replies';
import { BoardRound, type GoalClock, GoalsView, LeadQueue, OrderView, OwnRoundView, openRound, ScreeningPrinciples } from './orders-api';
import { boardRows, latestRoundId } from './orders-board';
import { apiProblem, checkProblem, type FormName, type FormProblem, Forms } from './orders-forms';
import { renderFragment } from './orders-fragment';
import { timelineRows } from './orders-timeline';
import { goalShown, wordOf } from './orders-words';

declare module 'express-session' {
  interface SessionData {
    /**
     * The last refused action of the order page, shown once: the API's own words, and the form's
     * field errors with what was typed.
     */
    orderProblem?: { orderId: string; text?: string; form?: FormProblem };
  }
}

const Code = z.coerce.number().int().min(100).max(999);
const Id = z.string().regex(/^[A-Za-z0-9_-]{1,120}$/);

/** An action the page itself refuses (before any API call). */
class Refused extends Error {}

type Jobcentre = Extract<Principal, { role: 'jobcentre' }>;

/** The API's problem in the page's language, as far as it gives one ("English / Dansk" or {en, da}). */
function problemText(error: unknown, lang: 'da' | 'en'): string | undefined {
  if (!(error instanceof ApiError) || typeof error.body !== 'object' || error.body === null) return undefined;
  const detail = (error.body as { detail?: unknown }).detail;
  if (typeof detail === 'object' && detail !== null) {
    const text = (detail as Record<string, unknown>)[lang];
    return typeof text === 'string' ? text : undefined;
  }
  if (typeof detail !== 'string') return undefined;
  const [en, da] = detail.split(' / ');
  return lang === 'da' && da ? da : en;
}

/** Where each form's fields are on the order page (the ids the error summary links to). */
function fieldIds(hasRound: boolean, firstPrinciple: string | undefined): Record<FormName, Record<string, string>> {
  return {
    rounds: { scope: hasRound ? 'widen-scope' : 'round-scope' },
    dialogue: { note: 'dialogue-note' },
    referrals: { candidate: 'present-candidate', ...(firstPrinciple ? { screening: `screen-${firstPrinciple}` } : {}) },
    hires: { candidate: 'hire-candidate', startDate: 'hire-start', weeklyHours: 'hire-hours' },
    handover: { to: 'handover-to', reason: 'handover-reason' },
    close: { outcome: 'close-outcome', reason: 'close-reason' },
    'close-unfilled': {},
  };
}

/** The refused form's messages for the error summary: each field's linked to it, the others as they are. */
export function problemSummary(
  problem: FormProblem | undefined,
  hasRound: boolean,
  firstPrinciple: string | undefined,
): { id?: string; message: string }[] {
  if (!problem) return [];
  const ids = fieldIds(hasRound, firstPrinciple)[problem.form];
  return [
    ...Object.entries(problem.fields).map(([field, message]) => (ids[field] ? { id: ids[field], message } : { message })),
    ...problem.loose.map((message) => ({ message })),
  ];
}

/**
 * The lead consultant (issue 16, part 4): "my orders" with the service-goal clocks, and an order's
 * page — details, timeline, referral log, clocks and the broadcast round as a board of every
 * recipient that polls its fragment each second (htmx, through this front: the browser never
 * calls the APIs) — with the lead's actions as forms. The APIs decide access; on top of that an
 * order or round page is its lead's only: a jobcentre that merely received the order gets 404,
 * as for an order it cannot see at all.
 */
export function ordersRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const { orderIntake, broadcast } = options.services;
  const now = () => options.now?.() ?? new Date();
  const api = (req: Request) => apiClient(req.session.accessToken ?? '');
  const lead = signedIn(['jobcentre', 'admin']);

  /** The order, when this user leads it (or is an admin): anything else is "not found". */
  const ownOrder = async (req: Request): Promise<OrderView> => {
    const id = Id.safeParse(req.params.id);
    if (!id.success) throw new ApiError(404, undefined);
    const order = parseReply(OrderView, await api(req).get<unknown>(orderIntake, `/orders/${id.data}`));
    const principal = req.session.principal;
    if (principal?.role === 'jobcentre' && principal.jobcentre !== order.leadJobcentre) throw new ApiError(404, undefined);
    return order;
  };
  /**
   * A round of an order this user leads; undefined when broadcast has no such round (yet). A
   * recipient's own view (no recipients list) or another lead's round is "not found".
   */
  const ownRound = async (req: Request, roundId: string): Promise<BoardRound | undefined> => {
    let reply: unknown;
    try {
      reply = await api(req).get<unknown>(broadcast, `/rounds/${encodeURIComponent(roundId)}`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
    // A recipient's own view is not the board: "not found", as for another lead's round.
    const recipientsView = typeof reply === 'object' && reply !== null && 'recipients' in reply;
    if (!recipientsView && OwnRoundView.safeParse(reply).success) throw new ApiError(404, undefined);
    const round = parseReply(BoardRound, reply);
    const principal = req.session.principal;
    if (principal?.role === 'jobcentre' && principal.jobcentre !== round.leadJobcentre) throw new ApiError(404, undefined);
    return round;
  };
  /** The views' guarded words for API values and the clocks as shown. */
  const helpers = (res: Response) => {
    const req = res.req as Request;
    const t = res.locals.t as Translate;
    return {
      word: wordOf(t),
      goalShown: (g: GoalClock) => goalShown(g, now()),
      newKey: () => randomUUID(),
      backToList: (lead: number) => (req.session.principal?.role === 'admin' ? `/jobcentres/${lead}/orders` : '/orders'),
      municipalityName: (code: number) => `${municipality(code)?.name ?? code} (${code})`,
      progress: (r: BoardRound) =>
        t('orders.board.progress', {
          replied: r.summary.replied.length,
          total: r.recipients.length,
          candidates:
            r.summary.candidateCount === 1
              ? t('orders.board.candidateCount.one')
              : t('orders.board.candidateCount.other', { count: r.summary.candidateCount }),
        }),
    };
  };
  const board = (round: BoardRound | undefined) => ({
    round,
    rows: round ? boardRows(round, now()) : [],
  });

  // A lead's pages hold personal data and change by the second: never from a cache.
  router.use(['/orders', '/rounds', '/jobcentres/:code/orders'], (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });

  router.get('/orders', signedIn(['jobcentre']), (req, res) => {
    res.redirect(303, `/jobcentres/${(req.session.principal as Jobcentre).jobcentre}/orders`);
  });

  router.get('/jobcentres/:code/orders', lead, async (req, res, next) => {
    try {
      const code = Code.safeParse(req.params.code);
      if (!code.success) throw new ApiError(404, undefined);
      const queue = parseReply(LeadQueue, await api(req).get<unknown>(orderIntake, `/jobcentres/${code.data}/orders?limit=200`));
      page.render(res, 'orders-mine', 'orders.mine.title', { ...helpers(res), code: code.data, queue, openRound });
    } catch (error) {
      next(error);
    }
  });

  router.get('/orders/:id', lead, async (req, res, next) => {
    try {
      const order = await ownOrder(req);
      const roundId = latestRoundId(order);
      const [goals, round, screening] = await Promise.all([
        api(req)
          .get<unknown>(orderIntake, `/orders/${order.id}/service-goals`)
          .then((reply) => parseReply(GoalsView, reply))
          .catch((error: unknown): GoalsView => {
            if (error instanceof ApiError && error.status === 404) return { goals: [], timeline: [] };
            throw error;
          }),
        ownRound(req, roundId),
        api(req)
          .get<unknown>(
            orderIntake,
            `/screening-principles${order.cooperation ? `?cooperation=${encodeURIComponent(order.cooperation)}` : ''}`,
          )
          .then((reply) => parseReply(ScreeningPrinciples, reply)),
      ]);
      // Only on the order it was about: another order's page leaves it be.
      const problem = req.session.orderProblem?.orderId === order.id ? req.session.orderProblem : undefined;
      if (problem) delete req.session.orderProblem;
      // Who proposed whom: the candidates the recipients sent, for "candidates presented" and "hire".
      const proposed = (round?.recipients ?? []).flatMap((r) =>
        (r.candidates ?? []).map((c) => ({ jobcentre: r.jobcentre, candidateRef: c.candidateRef, summary: c.summary })),
      );
      const presented = new Set(order.referrals.map((r) => `${r.jobcentre}/${r.candidateRef}`));
      const hired = new Set(order.hires.map((h) => `${h.jobcentre}/${h.candidateRef}`));
      const members = membersOf(await cooperationsFor(options.services.reporting, req.session.accessToken), order.cooperation).filter(
        (j) => j !== order.leadJobcentre,
      );
      page.render(res, 'order', 'orders.order.title', {
        ...helpers(res),
        order,
        goals: goals.goals,
        // Who did what when: the order's own lines and its clocks' (warnings, breaches), oldest first.
        timeline: timelineRows(order, goals, res.locals.t as Translate, res.locals.lang as Lang),
        ...board(round),
        roundId,
        problem: problem?.text,
        refused: problem?.form,
        problemSummary: problemSummary(problem?.form, round !== undefined, screening.principles[0]?.id),
        screening: screening.principles,
        proposed: proposed.filter((c) => !presented.has(`${c.jobcentre}/${c.candidateRef}`)),
        hireable: [
          ...order.referrals.map((r) => ({ jobcentre: r.jobcentre, candidateRef: r.candidateRef })),
          ...proposed.filter((c) => !presented.has(`${c.jobcentre}/${c.candidateRef}`)),
        ].filter((c) => !hired.has(`${c.jobcentre}/${c.candidateRef}`)),
        members,
        open: ['registered', 'in-dialogue', 'searching', 'candidates-presented'].includes(order.status),
        today: copenhagenDate(now()),
      });
    } catch (error) {
      next(error);
    }
  });

  /**
   * A board poll answered: 204 when nothing changed since the version the page holds (`v`), so
   * htmx leaves the board and a screen reader's reading position alone; else the board, carrying
   * its new version, and — when the progress line changed — that line for the page's polite live
   * region (outside the swapped element, so it is announced once, not on every swap).
   */
  const answerPoll = (req: Request, res: Response, base: string, round: BoardRound | undefined) => {
    const data = board(round);
    const progress = round
      ? `${round.status}:${round.summary.replied.length}/${round.recipients.length}:${round.summary.candidateCount}`
      : 'none';
    const v = createHash('sha256')
      .update(JSON.stringify({ data, left: data.rows.map((r) => r.deadline && timeLeftKey(r.deadline)) }))
      .digest('hex')
      .slice(0, 16);
    if (req.query.v === v) return res.status(204).set('cache-control', 'no-store').set('hx-reswap', 'none').end();
    const previous = typeof req.query.p === 'string' ? req.query.p : undefined;
    renderFragment(req, res, 'order-board', now(), {
      ...helpers(res),
      ...data,
      poll: `${base}?v=${v}&p=${encodeURIComponent(progress)}`,
      announce: previous !== undefined && previous !== progress,
    });
  };
  /** Minutes left, so the board's "time left" changing is a change worth a swap. */
  const timeLeftKey = (iso: string) => Math.ceil((Date.parse(iso) - now().getTime()) / 60_000);

  // The order's board alone, what the order page polls every second: the order's newest round
  // looked up on every poll, so after "widen" the board follows the new round by itself.
  router.get('/orders/:id/board', lead, async (req, res, next) => {
    try {
      const order = await ownOrder(req);
      answerPoll(req, res, `/orders/${encodeURIComponent(order.id)}/board`, await ownRound(req, latestRoundId(order)));
    } catch (error) {
      next(error);
    }
  });

  // A round's own page, and its board alone (what the round's page polls). Before broadcast has
  // the round the board says so and polls on, so a round just opened appears by itself.
  router.get(['/rounds/:roundId', '/rounds/:roundId/board'], lead, async (req, res, next) => {
    try {
      const roundId = Id.safeParse(req.params.roundId);
      if (!roundId.success) throw new ApiError(404, undefined);
      const round = await ownRound(req, roundId.data);
      const poll = `/rounds/${encodeURIComponent(roundId.data)}/board`;
      if (req.path.endsWith('/board')) return answerPoll(req, res, poll, round);
      if (!round) throw new ApiError(404, undefined);
      page.render(res, 'order-round', 'orders.round.title', { ...helpers(res), ...board(round), poll });
    } catch (error) {
      next(error);
    }
  });

  /**
   * One of the lead's actions: the form checked, the API called with the user's token, a flash and
   * back to the order. A refusal comes back to the order page once: the page's own check or the
   * API's field errors at the form's fields (what was typed kept), its other words under the flash.
   */
  const action = <S extends z.ZodType>(
    name: keyof typeof Forms,
    form: S,
    run: (req: Request, order: OrderView, data: z.infer<S>) => Promise<{ done: MessageKey; to?: string }>,
  ) =>
    router.post(`/orders/:id/${name}`, lead, requireCsrf, async (req: Request, res: Response, next) => {
      try {
        const order = await ownOrder(req);
        const back = `/orders/${order.id}`;
        const lang = res.locals.lang as Lang;
        // The two close forms post here; the one that was used shows the refusal.
        const shownAt: FormName =
          name === 'close' && (req.body as { outcome?: unknown })?.outcome === 'closed-unfilled' ? 'close-unfilled' : name;
        const parsed = form.safeParse(req.body);
        if (!parsed.success) {
          req.session.flash = { kind: 'error', key: 'orders.flash.invalid' };
          req.session.orderProblem = { orderId: order.id, form: checkProblem(shownAt, parsed.error, req.body, res.locals.t as Translate) };
          return res.redirect(303, back);
        }
        try {
          const { done, to } = await run(req, order, parsed.data);
          req.session.flash = { kind: 'success', key: done };
          res.redirect(303, to ?? back);
        } catch (error) {
          if (error instanceof Refused) {
            req.session.flash = { kind: 'error', key: 'orders.flash.unfilledBlocked' };
            return res.redirect(303, back);
          }
          if (!(error instanceof ApiError) || error.status >= 500 || error.status === 401 || error.status === 404) throw error;
          req.session.flash = { kind: 'error', key: 'orders.flash.refused' };
          const refused = apiProblem(shownAt, error, req.body, lang);
          const text = problemText(error, lang);
          req.session.orderProblem = {
            orderId: order.id,
            // The detail repeats the field errors' words: shown once, at the fields.
            ...(text && !refused ? { text } : {}),
            ...(refused ? { form: refused } : {}),
          };
          res.redirect(303, back);
        }
      } catch (error) {
        next(error);
      }
    });

  /** The form's own key (the same on a resubmit, so the API does it once), else a fresh one. */
  const once = (data: { idempotencyKey?: string | undefined }) => ({ 'idempotency-key': data.idempotencyKey ?? randomUUID() });
  action('rounds', Forms.rounds, async (req, order, data) => {
    await api(req).post(broadcast, '/rounds', { orderId: order.id, scope: data.scope }, once(data));
    return { done: order.rounds.length === 0 && data.scope === 'cooperation' ? 'orders.flash.roundOpened' : 'orders.flash.widened' };
  });
  action('dialogue', Forms.dialogue, async (req, order, data) => {
    await api(req).post(
      orderIntake,
      `/orders/${order.id}/transitions`,
      { to: 'in-dialogue', ...(data.note ? { reason: data.note } : {}) },
      once(data),
    );
    return { done: 'orders.flash.dialogue' };
  });
  action('referrals', Forms.referrals, async (req, order, data) => {
    await api(req).post(orderIntake, `/orders/${order.id}/referrals`, { ...data.candidate, screening: data.screening }, once(data));
    return { done: 'orders.flash.presented' };
  });
  action('hires', Forms.hires, async (req, order, data) => {
    await api(req).post(
      orderIntake,
      `/orders/${order.id}/hires`,
      { ...data.candidate, startDate: data.startDate, weeklyHours: data.weeklyHours },
      once(data),
    );
    return { done: 'orders.flash.hired' };
  });
  action('handover', Forms.handover, async (req, order, data) => {
    await api(req).post(orderIntake, `/orders/${order.id}/handover`, { to: data.to, reason: data.reason }, once(data));
    // The order is the new lead's now: back to this user's own list (an admin: the new lead's).
    return { done: 'orders.flash.handedOver', to: req.session.principal?.role === 'admin' ? `/jobcentres/${data.to}/orders` : '/orders' };
  });
  action('close', Forms.close, async (req, order, data) => {
    // The page shows the button aria-disabled (focusable, with its reason) until every jobcentre
    // has searched (R7): a press then is refused here, not sent on.
    if (data.outcome === 'closed-unfilled' && !order.everyJobcentreSearched) throw new Refused();
    await api(req).post(
      orderIntake,
      `/orders/${order.id}/close`,
      { outcome: data.outcome, ...(data.reason ? { reason: data.reason } : {}) },
      once(data),
    );
    return { done: 'orders.flash.closed' };
  });
  return router;
}
