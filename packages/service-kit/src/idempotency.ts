import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { HttpError } from './http-error';

/** What a finished request answered, kept to answer its retries the same. */
export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export type Claim =
  | { state: 'new'; token: string }
  | { state: 'pending'; hash: string }
  | { state: 'done'; hash: string; response: StoredResponse };

/**
 * Where idempotency keys live. Redis, not MongoDB: every service with an API connects it already,
 * `SET NX PX` claims a key atomically across replicas, and keys expire by
 * themselves — FerretDB has no TTL index, so a Mongo store would need a pruner of its own.
 */
export interface IdempotencyStore {
  /** Claims `key` for `leaseMs` if nobody holds it, else tells what is there. */
  claim(key: string, hash: string, leaseMs: number): Promise<Claim>;
  /** Replaces our claim with the finished response, kept for `ttlMs`. */
  finish(key: string, token: string, hash: string, response: StoredResponse, ttlMs: number): Promise<void>;
  /** Gives our claim up (the request failed): a retry runs again. */
  release(key: string, token: string): Promise<void>;
}

interface Entry {
  token?: string;
  hash: string;
  response?: StoredResponse;
}

// Only the claimant may finish or release: after a lapsed lease another request may hold the key.
const IF_OURS = `local v = redis.call('GET', KEYS[1]); if v and cjson.decode(v).token == ARGV[1] then`;
const FINISH = `${IF_OURS} redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) return 1 end return 0`;
const RELEASE = `${IF_OURS} redis.call('DEL', KEYS[1]) return 1 end return 0`;

export function redisIdempotencyStore(redis: Redis, timeoutMs = 2_000): IdempotencyStore {
  const bounded = <T>(p: Promise<T>) => withTimeout(p, timeoutMs);
  return {
    async claim(key, hash, leaseMs) {
      const token = randomUUID();
      for (let attempt = 0; attempt < 3; attempt++) {
        const set = await bounded(redis.set(key, JSON.stringify({ token, hash } satisfies Entry), 'PX', leaseMs, 'NX'));
        if (set === 'OK') return { state: 'new', token };
        const raw = await bounded(redis.get(key));
        if (raw === null) continue; // expired in between: claim again
        return toClaim(JSON.parse(raw) as Entry);
      }
      throw unavailable();
    },
    async finish(key, token, hash, response, ttlMs) {
      await bounded(redis.eval(FINISH, 1, key, token, JSON.stringify({ hash, response } satisfies Entry), String(ttlMs)));
    },
    async release(key, token) {
      await bounded(redis.eval(RELEASE, 1, key, token));
    },
  };
}

/** For a single process without Redis (tests, local runs): not shared across replicas. */
export function memoryIdempotencyStore(now: () => number = Date.now): IdempotencyStore {
  const entries = new Map<string, Entry & { until: number }>();
  const live = (key: string) => {
    const e = entries.get(key);
    if (e && e.until <= now()) entries.delete(key);
    return entries.get(key);
  };
  return {
    async claim(key, hash, leaseMs) {
      const existing = live(key);
      if (existing) return toClaim(existing);
      const token = randomUUID();
      entries.set(key, { token, hash, until: now() + leaseMs });
      return { state: 'new', token };
    },
    async finish(key, token, hash, response, ttlMs) {
      if (live(key)?.token === token) entries.set(key, { hash, response, until: now() + ttlMs });
    },
    async release(key, token) {
      if (live(key)?.token === token) entries.delete(key);
    },
  };
}

function toClaim(entry: Entry): Claim {
  return entry.response ? { state: 'done', hash: entry.hash, response: entry.response } : { state: 'pending', hash: entry.hash };
}

function unavailable(): HttpError {
  return new HttpError(503, 'unavailable', {
    en: 'The idempotency store is unavailable; try again',
    da: 'Lageret for idempotensnøgler er ikke tilgængeligt; prøv igen',
  });
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(unavailable()), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } catch (error) {
    throw error instanceof HttpError ? error : unavailable();
  } finally {
    clearTimeout(timer);
  }
}

/** Printable ASCII without spaces, as the IETF draft's examples; long enough for a UUID or ULID. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** JSON with keys sorted, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** 422: the key came before with another body. Also for a route that keys its own writes (POST /orders). */
export function keyReused(): HttpError {
  return new HttpError(422, 'idempotency-key-reused', {
    en: 'This Idempotency-Key was used with another request body',
    da: 'Denne Idempotency-Key er brugt med en anden forespørgsel',
  });
}

/** 409 with Retry-After: the first request with this key has not finished. */
export function keyInFlight(): HttpError {
  return new HttpError(
    409,
    'idempotency-key-in-flight',
    {
      en: 'A request with this Idempotency-Key is still being processed',
      da: 'En forespørgsel med denne Idempotency-Key behandles stadig',
    },
    undefined,
    { 'Retry-After': '1' },
  );
}

export interface IdempotencyOptions {
  store: IdempotencyStore;
  /** Key prefix in the store, e.g. `rs:idem:order-intake`. */
  prefix: string;
  /** How long a finished response is replayed. */
  ttlMs: number;
  /**
   * How long a request may hold its key before a retry may run it again (a crash mid-request).
   * The lease only narrows the window: a route whose effect must never happen twice keys the
   * write itself (POST /orders derives the order id from the key), since a lapsed lease, a lost
   * record or a crash after the effect lets a retry through here.
   */
  leaseMs: number;
}

export interface IdempotentCall {
  principalKey: string;
  method: string;
  path: string;
  key: string | undefined;
  body: unknown;
}

/**
 * Runs a creating request at most once per (principal, method, path, key): a retry with the
 * same body gets the first response again (marked `Idempotency-Replayed: true`), another body
 * under the same key is refused (422), and a retry while the first is still running gets 409.
 * Only a success is kept; a failed request releases its key, so a retry runs again.
 */
export async function runIdempotent(
  options: IdempotencyOptions,
  call: IdempotentCall,
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  if (call.key === undefined) return { ...(await run()), replayed: false };
  if (!IDEMPOTENCY_KEY.test(call.key)) {
    throw new HttpError(
      400,
      'invalid-request',
      { en: 'Idempotency-Key: 1–255 printable characters, no spaces', da: 'Idempotency-Key: 1–255 tegn uden mellemrum' },
      [
        {
          field: 'header.idempotency-key',
          message: '1–255 printable ASCII characters, no spaces',
          message_da: '1–255 synlige ASCII-tegn uden mellemrum',
        },
      ],
    );
  }
  const hash = sha256(canonicalJson(call.body ?? null));
  const key = `${options.prefix}:${sha256(`${call.principalKey}\n${call.method}\n${call.path}\n${call.key}`)}`;
  const claim = await options.store.claim(key, hash, options.leaseMs);
  if (claim.state !== 'new') {
    if (claim.hash !== hash) throw keyReused();
    if (claim.state === 'pending') throw keyInFlight();
    return { ...claim.response, replayed: true };
  }
  let response: StoredResponse;
  try {
    response = await run();
  } catch (error) {
    await options.store.release(key, claim.token).catch(() => undefined);
    throw error;
  }
  // The effect has happened: its answer goes to the caller even if the store fails now (a retry
  // then meets the lapsing claim, 409, as if the first call were still running).
  if (response.status < 300) await options.store.finish(key, claim.token, hash, response, options.ttlMs).catch(() => undefined);
  else await options.store.release(key, claim.token).catch(() => undefined);
  return { ...response, replayed: false };
}
