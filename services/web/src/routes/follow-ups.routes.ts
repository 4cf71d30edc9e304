import type { Principal } from '@rs/service-kit';
import { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import { getParsed, parseAnswer } from '../answer';
import { ApiError, apiClient, fieldErrors } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';
import { type Lang, type Translate, translator } from '../i18n';
import {
  apiState,
  chooseRows,
  FILTERS,
  type FollowUp,
  FollowUp as FollowUpSchema,
  FollowUpsPage,
  filterOf,
  LEFT_REASONS,
  outcomeBody,
  outcomeErrors,
  weekOf,
} from './follow-ups-view';
import { copenhagenDate, type Form, fieldId, type ShownErrors } from './operator-forms';

/*
 * The onboarding consultant's work (R10, UI.md: "follow-ups due this week"): the week's
 * follow-ups, overdue first, other filters on request; one follow-up and its outcome form. Every
 * read and write goes to order-intake with the user's own token and the API decides: the
 * cooperation's onboarding consultant records, its secretariat reads, admins do both; another
 * cooperation's follow-up is not found.
 */

const READERS = ['onboarding', 'secretariat', 'admin'] as const;
/** order-intake's follow-up ids: its idParam (letters, digits, `_`, `-`), at most 250. */
const FollowUpId = z.string().regex(/^[A-Za-z0-9_-]{1,250}$/);
/** At most this many open follow-ups are read for one list (pages of 200). */
const MAX_ROWS = 1000;
const NO_ERRORS: ShownErrors = { byField: {}, summary: [] };

const SERVICE = 'order-intake';
const DANISH = translator('da');

/** The ISO week number of a date (the Danish week numbering). */
function isoWeek(date: string): number {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  return 1 + Math.round((d.getTime() - firstThursday.getTime()) / 86_400_000 / 7 - (3 - ((firstThursday.getUTCDay() + 6) % 7)) / 7);
}

export function followUpsRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const intake = options.services.orderIntake;
  const readers = signedIn([...READERS]);
  const api = (req: Request) => apiClient(req.session.accessToken ?? '');
  const t = (res: Response) => res.locals.t as Translate;
  const lang = (res: Response) => res.locals.lang as Lang;
  // The consultant's week is the Danish one, as order-intake's due days are.
  const today = () => copenhagenDate(options.now?.() ?? new Date());
  const role = (req: Request) => (req.session.principal as Principal).role;
  /** Only an admin has an order page in the web front (the lead's pages); the others see the reference. */
  const orderLinks = (req: Request) => role(req) === 'admin';

  /** The open (or done) follow-ups, page by page, until enough are read or, for the week, the week is past. */
  const readFollowUps = async (req: Request, state: 'open' | 'done', until?: string) => {
    const found: FollowUp[] = [];
    let path: string | null | undefined = `/follow-ups?state=${state}&limit=200`;
    while (path && found.length < MAX_ROWS) {
      const answer: z.infer<typeof FollowUpsPage> = await getParsed(api(req), intake, path, FollowUpsPage, SERVICE);
      found.push(...answer.followUps);
      const last = answer.followUps.at(-1);
      if (until && last && last.dueOn > until) break;
      path = answer.next;
    }
    return { followUps: found, truncated: found.length >= MAX_ROWS && path !== null && path !== undefined };
  };

  router.get('/follow-ups', readers, async (req, res, next) => {
    try {
      const filter = filterOf(req.query.show);
      const day = today();
      const week = weekOf(day);
      const read = await readFollowUps(req, apiState(filter), filter === 'week' ? week.sunday : undefined);
      const rows = chooseRows(read.followUps, filter, day);
      page.render(res, 'follow-ups-list', 'followUps.title', {
        filter,
        filters: FILTERS,
        rows,
        week: { ...week, number: isoWeek(day) },
        truncated: read.truncated,
        maxRows: MAX_ROWS,
        orderLinks: orderLinks(req),
      });
    } catch (error) {
      next(error);
    }
  });

  const readOne = async (req: Request): Promise<FollowUp> => {
    const id = FollowUpId.safeParse(req.params.id);
    if (!id.success) throw new ApiError(404, undefined);
    return getParsed(api(req), intake, `/follow-ups/${encodeURIComponent(id.data)}`, FollowUpSchema, SERVICE);
  };

  const renderOne = async (req: Request, res: Response, followUp: FollowUp, values: Form, errors: ShownErrors) => {
    page.render(res, 'follow-ups-detail', 'followUps.detail.title', {
      followUp,
      orderLinks: orderLinks(req),
      // The API lets the consultant and admins record; the secretariat reads.
      mayRecord: followUp.outcome === null && role(req) !== 'secretariat',
      today: today(),
      values,
      errors,
      fieldId,
      reasons: LEFT_REASONS,
    });
  };

  router.get('/follow-ups/:id', readers, async (req, res, next) => {
    try {
      await renderOne(req, res, await readOne(req), {}, NO_ERRORS);
    } catch (error) {
      next(error);
    }
  });

  router.post('/follow-ups/:id/outcome', signedIn(['onboarding', 'admin']), requireCsrf, async (req, res, next) => {
    const form = req.body as Form;
    try {
      const followUp = await readOne(req);
      const back = `/follow-ups/${encodeURIComponent(followUp.id)}`;
      const body = outcomeBody(form, (reason) => DANISH(`followUps.reason.${reason}`));
      try {
        const path = `${back}/outcome`;
        parseAnswer(FollowUpSchema, await api(req).post<unknown>(intake, path, body), SERVICE, path);
      } catch (error) {
        const found = fieldErrors(error, lang(res));
        if (error instanceof ApiError && error.status === 409) {
          req.session.flash = { kind: 'error', key: 'followUps.refused' };
          return res.redirect(303, back);
        }
        if (Object.keys(found).length === 0) throw error;
        res.status(400);
        return await renderOne(req, res, followUp, form, outcomeErrors(found, form, t(res)));
      }
      req.session.flash = { kind: 'success', key: 'followUps.recorded' };
      res.redirect(303, back);
    } catch (error) {
      next(error);
    }
  });

  return router;
}
