import express, { Router } from 'express';
import { signedIn, type WebOptions } from '../context';

/** Where broadcast serves its Bull Board (its timer queues), and where this front serves it too. */
export const TIMERS_PATH = '/admin/queues';

/** Headers of broadcast's answer a browser needs to show the board; the rest (its own cookies, CSP) stay there. */
const PASSED_ON = ['content-type', 'location', 'cache-control', 'etag', 'last-modified'] as const;

/**
 * Broadcast's Bull Board through this front, for admins. An admin's browser holds a session, not
 * a bearer token, and broadcast checks a bearer token on every route: a link straight to
 * broadcast answered 401. Each request is passed on with the session's access token (broadcast
 * checks the role again). Bull Board's own requests (retry, clean) carry no CSRF token, so a
 * change is taken only from this front's own pages (the Origin header), the check OWASP names for
 * requests that cannot carry a token.
 */
export function timersRoutes(options: WebOptions): Router {
  const router = Router();
  const origin = new URL(options.baseUrl).origin;
  router.use(TIMERS_PATH, signedIn(['admin']), express.raw({ type: () => true, limit: '100kb' }), async (req, res, next) => {
    try {
      const safe = req.method === 'GET' || req.method === 'HEAD';
      if (!safe && req.header('origin') !== origin) {
        res.status(403).type('text/plain').send('Only from the platform’s own pages / Kun fra platformens egne sider');
        return;
      }
      const answer = await fetch(new URL(req.originalUrl, options.services.broadcast), {
        method: req.method,
        headers: {
          authorization: `Bearer ${req.session.accessToken ?? ''}`,
          accept: req.header('accept') ?? '*/*',
          ...(req.header('content-type') ? { 'content-type': req.header('content-type') as string } : {}),
        },
        ...(!safe && Buffer.isBuffer(req.body) && req.body.length > 0 ? { body: req.body } : {}),
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      });
      res.status(answer.status);
      for (const name of PASSED_ON) {
        const value = answer.headers.get(name);
        if (value) res.setHeader(name, value);
      }
      res.send(Buffer.from(await answer.arrayBuffer()));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
