import { Router } from 'express';
import { z } from 'zod';
import { ApiError, apiClient } from '../api';
import { type PageContext, signedIn, type WebOptions } from '../context';
import { requireCsrf } from '../csrf';

interface DeadLetterRow {
  id: string;
  type: string | null;
  originalQueue: string | null;
  reason: string;
  at: string | null;
}

const Id = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9._:@-]+$/);

/**
 * Operations (part 6): the platform's dead letters — list, inspect, redrive, through broadcast's
 * admin API with the admin's own token — and links to the queue and timer dashboards.
 */
export function adminRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();
  const broadcast = options.services.broadcast;
  const admins = signedIn(['admin']);

  router.get('/admin', admins, async (req, res, next) => {
    try {
      const { letters } = await apiClient(req.session.accessToken ?? '').get<{ letters: DeadLetterRow[] }>(
        broadcast,
        '/admin/dead-letters',
      );
      page.render(res, 'admin', 'admin.title', { links: options.links, letters });
    } catch (error) {
      next(error);
    }
  });

  router.get('/admin/dead-letters/:id', admins, async (req, res, next) => {
    try {
      const id = Id.safeParse(req.params.id);
      if (!id.success) throw new ApiError(404, undefined);
      const letter = await apiClient(req.session.accessToken ?? '').get<Record<string, unknown>>(
        broadcast,
        `/admin/dead-letters/${encodeURIComponent(id.data)}`,
      );
      page.render(res, 'dead-letter', 'admin.deadLetter', { letter, json: (v: unknown) => JSON.stringify(v, null, 2) });
    } catch (error) {
      next(error);
    }
  });

  router.post('/admin/dead-letters/:id/redrive', admins, requireCsrf, async (req, res, next) => {
    try {
      const id = Id.safeParse(req.params.id);
      if (!id.success) throw new ApiError(404, undefined);
      try {
        await apiClient(req.session.accessToken ?? '').post(
          broadcast,
          `/admin/dead-letters/${encodeURIComponent(id.data)}/redrive`,
          undefined,
        );
        req.session.flash = { kind: 'success', key: 'admin.redriven' };
      } catch (error) {
        if (!(error instanceof ApiError) || (error.status !== 409 && error.status !== 404)) throw error;
        req.session.flash = { kind: 'error', key: 'admin.notRedriven' };
      }
      res.redirect(303, '/admin');
    } catch (error) {
      next(error);
    }
  });
  return router;
}
