import { Router } from 'express';
import { apiClient } from '../api';
import type { PageContext, WebOptions } from '../context';
import { parseReply } from './operator-replies';
import { LeadQueue } from './orders-api';
import { InboxSummary, workToday } from './work-today';

const value = <T>(settled: PromiseSettledResult<T>): T | undefined => (settled.status === 'fulfilled' ? settled.value : undefined);

/**
 * The front page. A jobcentre consultant both answers other jobcentres' rounds and leads orders
 * (UI.md's answering and lead consultant), so theirs shows both: how many rounds wait for an
 * answer with the next deadline, and their orders by goal clock. A summary whose service did not
 * answer says so in its box; the page itself never fails for it.
 */
export function homeRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  router.get('/', async (req, res, next) => {
    try {
      const principal = req.session.principal;
      if (principal?.role !== 'jobcentre') return page.render(res, 'home', 'home.title');
      const api = apiClient(req.session.accessToken ?? '');
      const code = principal.jobcentre;
      const [inbox, queue] = await Promise.allSettled([
        api.get<unknown>(options.services.broadcast, `/jobcentres/${code}/inbox`).then((r) => parseReply(InboxSummary, r)),
        api.get<unknown>(options.services.orderIntake, `/jobcentres/${code}/orders?limit=200`).then((r) => parseReply(LeadQueue, r)),
      ]);
      for (const part of [inbox, queue])
        if (part.status === 'rejected') options.logger.warn({ err: String(part.reason) }, 'front page: a summary could not be read');
      page.render(res, 'home', 'home.title', { work: workToday(value(inbox), value(queue)) });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
