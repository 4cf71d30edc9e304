import express, { type ErrorRequestHandler, type Express, type Request, type Router } from 'express';
import helmet from 'helmet';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import swaggerUi from 'swagger-ui-express';
import { identify, requirePrincipal, type TokenVerifier } from './auth';
import { HTTP_EDGE_DEFAULTS, type HttpEdgeConfig } from './edge-config';
import { HttpError } from './http-error';
import { memoryIdempotencyStore, redisIdempotencyStore } from './idempotency';
import type { Metrics } from './metrics';
import { openApiDocument } from './openapi';
import { problem, sendProblem } from './problem';
import { rateLimiter } from './rate-limit';
import { declaredRoutes, type EdgeSettings, isOwnCredentialsCall } from './route';

export type ReadinessChecks = Record<string, () => Promise<boolean>>;

export interface AppOptions {
  service: string;
  logger: Logger;
  /** Checks callers' bearer tokens (jwtVerifier: the issuer's keys). */
  verifyToken: TokenVerifier;
  readiness: ReadinessChecks;
  metrics: Metrics;
  /**
   * Mounts the service's authenticated routes. Routes declared with `route()` and mounted with
   * `mountRoutes(router, …)` are validated and documented in /openapi.json; anything else
   * mounted here (a dashboard) is authenticated and rate-limited but not documented.
   */
  routes: (router: Router) => void;
  /** Request bodies above this are refused with 413. Default 100kb. */
  bodyLimit?: string;
  /**
   * Shared Redis for rate-limit counters and idempotency keys, so replicas agree. Without it each
   * process keeps its own (fine for one process, wrong for several).
   */
  redis?: Redis;
  /** Limits; the service's parsed config (with httpEdgeVars) fits. Defaults in HTTP_EDGE_DEFAULTS. */
  edge?: Partial<HttpEdgeConfig>;
  /** The API version shown in /openapi.json. Default 1.0.0. */
  apiVersion?: string;
  /** Redis key prefix (the TIMER_PREFIX lets tests share one Redis). Default rs. */
  keyPrefix?: string;
}

/**
 * The HTTP shell every service shares: security headers, JSON logs, open /healthz /readyz
 * /metrics /openapi.json /docs, bearer auth and a per-principal rate limit on everything else,
 * RFC 9457 problem responses without stack traces.
 */
export function createApp(options: AppOptions): Express {
  const edge = { ...HTTP_EDGE_DEFAULTS, ...options.edge };
  const prefix = `${options.keyPrefix ?? 'rs'}:http:${options.service}`;
  const app = express();
  app.disable('x-powered-by');
  // Express 5 keeps the 'simple' query parser: `?x[$ne]=1` stays a string, never an object.
  app.set('query parser', 'simple');
  app.use(
    helmet({
      contentSecurityPolicy: {
        // /docs is served over plain http on loopback: upgrading its assets to https would break it.
        directives: { upgradeInsecureRequests: null },
      },
    }),
  );
  app.use(pinoHttp({ logger: options.logger, autoLogging: { ignore: (req) => isProbe(req.url) } }));
  const settings: EdgeSettings = {
    idempotency: {
      store: options.redis ? redisIdempotencyStore(options.redis) : memoryIdempotencyStore(),
      prefix: `${prefix}:idem`,
      ttlMs: edge.HTTP_IDEMPOTENCY_TTL_SECONDS * 1000,
      leaseMs: edge.HTTP_IDEMPOTENCY_LEASE_SECONDS * 1000,
    },
  };
  app.locals.edge = settings;

  const { registry } = options.metrics;

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: options.service });
  });
  app.get('/readyz', async (_req, res) => {
    const entries = await Promise.all(
      Object.entries(options.readiness).map(async ([name, check]) => [name, await check().catch(() => false)] as const),
    );
    const checks = Object.fromEntries(entries);
    const ready = entries.every(([, ok]) => ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not-ready', service: options.service, checks });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });

  const router = express.Router();
  // Who is calling is read first, so the limit counts a principal however many replicas it hits;
  // a call without a valid token is counted by address and refused after.
  router.use(identify(options.verifyToken));
  router.use(
    rateLimiter({
      limit: edge.HTTP_RATE_LIMIT,
      windowMs: edge.HTTP_RATE_WINDOW_SECONDS * 1000,
      ...(options.redis ? { redis: options.redis } : {}),
      prefix: `${prefix}:rl:`,
      logger: options.logger,
    }),
  );
  // A route with its own credentials (a signed webhook) is found at request time: it reads no token.
  router.use((req, res, next) => (isOwnCredentialsCall(router, req) ? next() : requirePrincipal(req, res, next)));
  router.use(
    express.json({
      limit: options.bodyLimit ?? '100kb',
      // The body as sent, for a route that verifies a signature over it (at most the body limit).
      verify: (req, _res, buf) => {
        (req as Request).rawBody = buf;
      },
    }),
  );
  options.routes(router);

  const document = openApiDocument(options.service, options.apiVersion ?? '1.0.0', declaredRoutes(router));
  app.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  // Served from node_modules: no CDN, and helmet's default CSP (scripts from 'self') allows it.
  app.use('/docs', swaggerUi.serve, swaggerUi.setup(document, { swaggerOptions: { validatorUrl: null } }));
  app.use(router);

  app.use((req, _res, next) =>
    next(new HttpError(404, 'not-found', { en: `No route ${req.method} ${req.path}`, da: `Ingen rute ${req.method} ${req.path}` })),
  );
  app.use(errorHandler(options.logger));
  return app;
}

function isProbe(url: string | undefined): boolean {
  return url === '/healthz' || url === '/readyz' || url === '/metrics';
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req: Request, res, _next) => {
    if (err instanceof HttpError) {
      sendProblem(res, problem(req, err.status, err.code, err.detail, err.errors), err.headers);
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large') {
      sendProblem(res, problem(req, 413, 'payload-too-large', { en: 'Request body too large', da: 'Forespørgslen er for stor' }));
      return;
    }
    if (e.type === 'entity.parse.failed') {
      sendProblem(
        res,
        problem(req, 400, 'invalid-json', { en: 'Request body is not valid JSON', da: 'Forespørgslen er ikke gyldig JSON' }, [
          { field: 'body', message: 'not valid JSON', message_da: 'ikke gyldig JSON' },
        ]),
      );
      return;
    }
    if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
      sendProblem(res, problem(req, 415, 'unsupported-media-type', { en: 'Send UTF-8 JSON', da: 'Send JSON i UTF-8' }));
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      sendProblem(res, problem(req, e.status, 'bad-request', { en: 'Bad request', da: 'Ugyldig forespørgsel' }));
      return;
    }
    if (isUnavailable(err)) {
      sendProblem(
        res,
        problem(req, 503, 'unavailable', {
          en: 'A dependency is unavailable; try again',
          da: 'En afhængighed er ikke tilgængelig; prøv igen',
        }),
        { 'Retry-After': '5' },
      );
      return;
    }
    logger.error({ err }, 'unhandled error');
    sendProblem(res, problem(req, 500, 'internal', { en: 'Internal error', da: 'Intern fejl' }));
  };
}

/** Database or broker down: the client may retry, nothing was half-applied. */
function isUnavailable(err: unknown): boolean {
  const name = (err as { name?: string })?.name ?? '';
  return /MongoNetwork|MongoServerSelection|MongoNotConnected|MongooseServerSelection|MongoTopologyClosed/.test(name);
}
