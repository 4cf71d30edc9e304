import { HttpError } from '@rs/service-kit';
import { Router } from 'express';
import type { PageContext, WebOptions } from '../context';
import { requireCsrf } from '../csrf';
import { firstScreen } from '../nav';

/** Only a path of this site is a place to come back to (never another host). */
export const localPath = (value: unknown): string =>
  typeof value === 'string' && /^\/(?![/\\])[^\\\s]*$/.test(value) && !value.startsWith('/auth/') ? value : '/';

/**
 * Sign-in (authorization code + PKCE at the issuer), the callback, sign-out (the session here and
 * at the provider). The session id is renewed at sign-in, so a session fixed before it is worthless.
 */
export function authRoutes(options: WebOptions, page: PageContext): Router {
  const router = Router();

  router.get('/auth/sign-in', async (req, res, next) => {
    try {
      const lang = (res.locals.lang as string) ?? 'da';
      const started = await options.oidc.start(lang);
      req.session.pending = { state: started.state, verifier: started.verifier, returnTo: localPath(req.query.returnTo) };
      req.session.save((error) => (error ? next(error) : res.redirect(303, started.url.href)));
    } catch (error) {
      next(error);
    }
  });

  router.get('/auth/callback', async (req, res, next) => {
    const pending = req.session.pending;
    if (!pending) return res.redirect(303, '/auth/sign-in');
    try {
      const signedIn = await options.oidc.finish(new URL(req.originalUrl, options.baseUrl), pending);
      const principal = await options.verifyToken(`Bearer ${signedIn.accessToken}`);
      if (principal instanceof HttpError) throw principal;
      const lang = req.session.lang;
      req.session.regenerate((error) => {
        if (error) return next(error);
        const s = req.session;
        const nowMs = (options.now?.() ?? new Date()).getTime();
        s.startedAt = nowMs;
        s.accessToken = signedIn.accessToken;
        s.accessTokenExpiresAt = nowMs + (signedIn.expiresIn ?? 3600) * 1000;
        s.idToken = signedIn.idToken;
        s.principal = principal;
        s.name = signedIn.name ?? principal.sub;
        s.lang = lang;
        options.logger.info({ audit: 'sign-in', sub: principal.sub, role: principal.role }, 'signed in');
        // Without a page to return to, the role's own first screen.
        const to = pending.returnTo === '/' ? firstScreen(principal.role) : pending.returnTo;
        s.save((saveError) => (saveError ? next(saveError) : res.redirect(303, to)));
      });
    } catch (error) {
      options.logger.warn({ err: error }, 'sign-in failed');
      req.session.pending = undefined;
      res.status(401);
      page.render(res, 'error', 'error.title', { errorKey: 'error.signInFailed' });
    }
  });

  router.post('/auth/sign-out', requireCsrf, async (req, res, next) => {
    try {
      const { idToken, lang, principal } = req.session;
      const url = await options.oidc.signOutUrl(idToken, lang ?? 'da');
      req.session.destroy((error) => {
        if (error) return next(error);
        if (principal) options.logger.info({ audit: 'sign-out', sub: principal.sub }, 'signed out');
        res.clearCookie(options.baseUrl.startsWith('https:') ? '__Host-rs.sid' : 'rs.sid', { path: '/' });
        res.redirect(303, url.href);
      });
    } catch (error) {
      next(error);
    }
  });
  return router;
}
