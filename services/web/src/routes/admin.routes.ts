import { Router } from 'express';
import { type PageContext, signedIn, type WebOptions } from '../context';

/** Operations (part 6): links to the queue and timer dashboards. */
export function adminRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  router.get('/admin', signedIn(['admin']), (_req, res) => {
    page.render(res, 'admin', 'admin.title', { links: options.links });
  });
  return router;
}
