import { dirname, join } from 'node:path';
import type { Principal, TokenVerifier } from '@rs/service-kit';
import { Eta } from 'eta';
import express, { type ErrorRequestHandler, type Express, type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { BrokenAnswer, brokenAnswerPage } from './answer';
import { ApiError } from './api';
import { CsrfRefused, csrfToken } from './csrf';
import { formatDate, formatInstant, langOf, timeLeft, translator } from './i18n';
import type { MessageKey } from './locales';
import type { OidcClient } from './oidc';
import { adminRoutes } from './routes/admin.routes';
import { cooperationsRoutes } from './routes/cooperations.routes';
import { authRoutes, localPath } from './routes/auth.routes';
import { coursesRoutes } from './routes/courses.routes';
import { candidatesRoutes } from './routes/candidates.routes';
import { dashboardRoutes } from './routes/dashboard.routes';
import { inboxRoutes } from './routes/inbox.routes';
import { needsRoutes } from './routes/needs.routes';
import { homeRoutes } from './routes/home.routes';
import { followUpsRoutes } from './routes/follow-ups.routes';
import { inquiriesRoutes } from './routes/inquiries.routes';
import { timersRoutes } from './routes/timers.routes';
import { ordersRoutes } from './routes/orders.routes';
import { operatorRoutes } from './routes/operator.routes';
import { navFor } from './nav';
import { RedisSessionStore } from './session-store';
import './session-data';
import { jobcentre } from '@rs/reference-data';
import { isPoll, type PageContext, pollSignIn, type WebOptions } from './context';

const ROOT = join(__dirname, '..');
const packageDir = (name: string, entry: string) => join(dirname(require.resolve(name)), entry);

/**
 * The web front: server-rendered pages (eta, Det Fælles Designsystem, htmx) over the platform's
 * APIs, called with the signed-in user's access token. Its only state is the sessions in Redis.
 */
export function createWebApp(options: WebOptions): Express {
  const now = options.now ?? (() => new Date());
  const eta = new Eta({ views: join(ROOT, 'views'), cache: true, autoEscape: true });
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          upgradeInsecureRequests: null,
          // The sign-out form goes to the identity provider.
          formAction: ["'self'", new URL(options.issuer).origin],
        },
      },
    }),
  );
  // Neither cookies (the session id) nor the query (the sign-in code and state) go into the log.
  app.use(
    pinoHttp({
      logger: options.logger,
      autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/static/') || req.url === '/healthz' || req.url === '/readyz' },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );

  app.use('/static/dkfds', express.static(packageDir('dkfds', '..'), { maxAge: '1h', index: false }));
  app.use('/static/htmx', express.static(join(dirname(require.resolve('htmx.org/package.json')), 'dist'), { maxAge: '1h', index: false }));
  app.use('/static/chartjs', express.static(dirname(require.resolve('chart.js')), { maxAge: '1h', index: false }));
  app.use('/static', express.static(join(ROOT, 'public'), { maxAge: '10m', index: false }));
  // Browsers ask for /favicon.ico whatever the page links: the same icon, not a 404 in every log.
  app.get('/favicon.ico', (_req, res) => res.type('image/svg+xml').sendFile(join(ROOT, 'public', 'favicon.svg')));
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'web' });
  });
  app.get('/readyz', async (_req, res) => {
    const redisOk = await options.redis.ping().then(
      () => true,
      () => false,
    );
    res.status(redisOk ? 200 : 503).json({ status: redisOk ? 'ready' : 'not-ready', service: 'web', checks: { redis: redisOk } });
  });

  // Every page is someone's (names, orders, tokens in forms): a shared computer's browser cache, or
  // a proxy, must not keep it for the next person. Static files above keep their max-age.
  app.use((_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });

  const secure = options.baseUrl.startsWith('https:');
  app.use(
    session({
      name: secure ? '__Host-rs.sid' : 'rs.sid',
      secret: options.sessionSecrets,
      store: new RedisSessionStore(options.redis, options.keyPrefix, options.idleSeconds),
      resave: false,
      saveUninitialized: false,
      // The store's key and the cookie live while requests come (polls too); the idle timeout
      // itself is `lastActivity`, checked below, which polls do not move.
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure, maxAge: options.idleSeconds * 1000, path: '/' },
    }),
  );
  app.use(express.urlencoded({ extended: false, limit: '20kb' }));

  // The language: the session's choice, else Danish.
  app.use((req, res, next) => {
    const lang = langOf(req.session.lang);
    res.locals.lang = lang;
    res.locals.t = translator(lang);
    next();
  });

  // Idle timeout (from the last request that was not a poll), absolute timeout and the access
  // token's end: the session ends with whichever comes first. A poll never changes the session.
  app.use((req, res, next) => {
    const s = req.session;
    const poll = isPoll(req);
    if (!s.principal) return next();
    const at = now().getTime();
    const ended =
      at > (s.lastActivity ?? s.startedAt ?? 0) + options.idleSeconds * 1000 ||
      at > (s.startedAt ?? 0) + options.absoluteSeconds * 1000 ||
      at > (s.accessTokenExpiresAt ?? 0);
    if (ended && poll) return pollSignIn(req, res);
    if (!ended) {
      if (!poll) s.lastActivity = at;
      return next();
    }
    const lang = s.lang;
    s.regenerate((error) => {
      if (error) return next(error);
      req.session.lang = lang;
      // On its way to sign in already (a poll's HX-Redirect): on, without a second detour.
      if (req.path === '/auth/sign-in') return next();
      req.session.flash = { kind: 'info', key: 'session.expired' };
      res.redirect(303, `/auth/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
    });
  });

  const page: PageContext = {
    render(res, view, title, data = {}) {
      const req = res.req as Request;
      const lang = res.locals.lang as 'da' | 'en';
      const t = res.locals.t as ReturnType<typeof translator>;
      const flash = req.session.flash;
      delete req.session.flash;
      const user = req.session.principal
        ? { principal: req.session.principal, name: req.session.name ?? req.session.principal.sub }
        : undefined;
      res.type('html').send(
        eta.render(`./${view}`, {
          lang,
          t,
          title: t(title),
          path: req.originalUrl,
          user,
          flash,
          csrf: csrfToken(req),
          nav: navFor(req.session.principal),
          formatInstant: (iso: string) => formatInstant(iso, lang),
          formatDate: (iso: string) => formatDate(iso, lang),
          timeLeft: (iso: string) => timeLeft(iso, now(), t),
          jobcentreName: (code: number) => `${jobcentre(code)?.name ?? 'Jobcenter'} (${code})`,
          ...data,
        }),
      );
    },
  };

  app.use(homeRoutes(options, page));
  app.get('/accessibility', (_req, res) => page.render(res, 'accessibility', 'accessibility.title'));
  app.get('/lang/:lang', (req, res) => {
    req.session.lang = langOf(req.params.lang);
    res.redirect(303, localPath(req.query.back));
  });
  app.use(authRoutes(options, page));
  app.use(inboxRoutes(options, page));
  app.use(ordersRoutes(options, page));
  app.use(adminRoutes(options, page));
  app.use(coursesRoutes(options, page));
  app.use(candidatesRoutes(options, page));
  app.use(dashboardRoutes(options, page));
  app.use(operatorRoutes(options, page));
  app.use(cooperationsRoutes(options, page));
  app.use(needsRoutes(options, page));
  app.use(inquiriesRoutes(options, page));
  app.use(timersRoutes(options));
  app.use(followUpsRoutes(options, page));

  app.use((_req, res) => {
    res.status(404);
    page.render(res, 'error', 'error.title', { errorKey: 'error.notFound' });
  });
  const onError: ErrorRequestHandler = (err, req, res, _next) => {
    if (err instanceof CsrfRefused) {
      options.logger.warn({ audit: 'csrf-refused', path: req.path }, 'form without a valid CSRF token');
      res.status(403);
      page.render(res, 'error', 'error.title', { errorKey: 'error.csrf' });
      return;
    }
    if (err instanceof BrokenAnswer) {
      options.logger.error(
        { service: err.service, path: err.path, fields: err.fields },
        'an API answered with a body the page cannot read',
      );
      res.status(502);
      page.render(res, 'error', 'error.title', brokenAnswerPage(err, res.locals.lang as 'da' | 'en'));
      return;
    }
    const status = err instanceof ApiError ? err.status : 500;
    if (err instanceof ApiError && status === 401 && isPoll(req)) return pollSignIn(req, res);
    if (err instanceof ApiError && status === 401) {
      // The API no longer accepts the token: sign in again.
      req.session.principal = undefined;
      res.redirect(303, `/auth/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    const shown = status === 404 || status === 403 ? status : status >= 500 || !(err instanceof ApiError) ? 503 : status;
    if (shown >= 500) options.logger.error({ err }, 'page failed');
    res.status(shown);
    page.render(res, 'error', 'error.title', {
      errorKey: shown === 404 ? 'error.notFound' : shown === 403 ? 'error.forbidden' : 'error.unavailable',
    });
  };
  app.use(onError);
  return app;
}
