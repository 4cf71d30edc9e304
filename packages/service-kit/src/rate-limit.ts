import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { HttpError } from './http-error';

export interface RateLimitOptions {
  /** Requests per principal per window. */
  limit: number;
  windowMs: number;
  /** Shared counters; without it each replica counts alone (tests, local runs). */
  redis?: Redis;
  /** Redis key prefix, e.g. `rs:rl:order-intake:`; replicas of one service share it. */
  prefix: string;
  logger: Logger;
}

/** A caller is its token's subject; without a valid token, its address (IPv6 by /56). */
export function principalKey(req: Request): string {
  return req.principal ? `sub:${req.principal.role}:${req.principal.sub}` : `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

/**
 * Rate limits per principal, counted in Redis so every replica sees the same count. Answers 429
 * with the IETF `RateLimit` and `RateLimit-Policy` headers (draft 8) and Retry-After. If Redis
 * does not answer, calls pass: the limit protects capacity, it decides nothing.
 */
export function rateLimiter(options: RateLimitOptions): RequestHandler {
  const store = options.redis ? boundedStore(options.redis, options.prefix, 1_000) : undefined;
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: principalKey,
    passOnStoreError: true,
    logger: {
      error: (err, message) => options.logger.warn({ err: String(err) }, message ?? 'rate limit store error'),
      warn: (err, message) => options.logger.warn({ err: String(err) }, message ?? 'rate limit warning'),
    },
    // The principal is read before, by `identify`; express-rate-limit's own checks of req.ip
    // and of the key generator do not apply to that.
    validate: { keyGeneratorIpFallback: false, ip: false },
    ...(store ? { store } : {}),
    handler: (req: Request, res: Response, next: NextFunction) => {
      options.logger.warn({ caller: principalKey(req) }, 'rate limit reached');
      next(
        new HttpError(
          429,
          'rate-limited',
          {
            en: `More than ${options.limit} requests in ${options.windowMs / 1000} s; wait and retry`,
            da: `Mere end ${options.limit} forespørgsler på ${options.windowMs / 1000} s; vent og prøv igen`,
          },
          undefined,
          { 'Retry-After': String(res.getHeader('Retry-After') ?? Math.ceil(options.windowMs / 1000)) },
        ),
      );
    },
  });
}

/**
 * rate-limit-redis over the shared client. That client queues commands while Redis is away
 * (BullMQ needs that), so a count that does not come within `ms` is a store error and the call
 * passes, instead of every request waiting for Redis.
 */
function boundedStore(redis: Redis, prefix: string, ms: number): Store {
  const inner = new RedisStore({
    prefix,
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
  });
  return {
    init: (options) => inner.init(options),
    get: (key) => bounded(inner.get(key), ms),
    increment: (key) => bounded(inner.increment(key), ms),
    decrement: (key) => bounded(inner.decrement(key), ms),
    resetKey: (key) => bounded(inner.resetKey(key), ms),
  };
}

function bounded<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
