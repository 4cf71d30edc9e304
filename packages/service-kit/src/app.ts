import express, { type ErrorRequestHandler, type Express, type Router } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import { authenticate } from './auth';
import { HttpError } from './http-error';
import type { Metrics } from './metrics';

export type ReadinessChecks = Record<string, () => Promise<boolean>>;

export interface AppOptions {
  service: string;
  logger: Logger;
  authSecret: string;
  readiness: ReadinessChecks;
  metrics: Metrics;
  /** Mounts the service's authenticated routes. */
  routes: (router: Router) => void;
  /** Request bodies above this are refused with 413. Default 100kb. */
  bodyLimit?: string;
}

/**
 * The HTTP shell every service shares: JSON logs, open /healthz /readyz /metrics, bearer auth
 * on everything else, JSON errors without stack traces.
 */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  // Express 5 keeps the 'simple' query parser: `?x[$ne]=1` stays a string, never an object.
  app.set('query parser', 'simple');
  app.use(pinoHttp({ logger: options.logger, autoLogging: { ignore: (req) => isProbe(req.url) } }));

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
  router.use(express.json({ limit: options.bodyLimit ?? '100kb' }));
  router.use(authenticate(options.authSecret));
  options.routes(router);
  app.use(router);

  app.use((_req, _res, next) => next(new HttpError(404, 'not-found', 'Not found / Ikke fundet')));
  app.use(errorHandler(options.logger));
  return app;
}

function isProbe(url: string | undefined): boolean {
  return url === '/healthz' || url === '/readyz' || url === '/metrics';
}

function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, _req, res, _next) => {
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) });
      return;
    }
    const e = err as { type?: string; status?: number; message?: string };
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: 'payload-too-large', message: 'Request body too large / Forespørgslen er for stor' });
      return;
    }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'invalid-json', message: 'Request body is not valid JSON / Ugyldig JSON' });
      return;
    }
    if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: 'bad-request', message: e.message ?? 'Bad request' });
      return;
    }
    if (isUnavailable(err)) {
      res.status(503).json({ error: 'unavailable', message: 'A dependency is unavailable; try again / Prøv igen' });
      return;
    }
    logger.error({ err }, 'unhandled error');
    res.status(500).json({ error: 'internal', message: 'Internal error / Intern fejl' });
  };
}

/** Database or broker down: the client may retry, nothing was half-applied. */
function isUnavailable(err: unknown): boolean {
  const name = (err as { name?: string })?.name ?? '';
  return /MongoNetwork|MongoServerSelection|MongoNotConnected|MongooseServerSelection|MongoTopologyClosed/.test(name);
}
