import type { Request, Router } from 'express';
import type { z } from 'zod';
import { type Principal, principalOf } from './auth';
import { HttpError } from './http-error';
import { type IdempotencyOptions, runIdempotent, type StoredResponse } from './idempotency';
import { principalKey } from './rate-limit';
import { parseInput } from './validate';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type Input = z.ZodObject | undefined;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface ResponseSpec {
  description: string;
  /** The JSON body; omit for an empty one. */
  schema?: z.ZodType;
  /**
   * A body other than JSON (e.g. `text/csv; charset=utf-8` for an export): the handler returns it
   * as a string (or a Buffer, for a binary file such as a PDF) and the edge sends it as is, with
   * this content type; `schema` then describes the text.
   */
  contentType?: string;
  headers?: Record<string, string>;
}

export interface RouteInput<P, Q, B> {
  principal: Principal;
  params: P;
  query: Q;
  body: B;
  req: Request;
}

/** What a route answers: the edge writes it, so an idempotent route can replay it exactly. */
export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RouteSpec<P extends Input, Q extends Input, B extends Input> {
  method: Method;
  /** Express form, e.g. `/orders/:id`. */
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  params?: P;
  query?: Q;
  /** A JSON body, validated strictly: declare it with z.strictObject so unknown fields are refused. */
  body?: B;
  /**
   * The request headers the route reads, for the OpenAPI document (e.g. `If-Match`), each
   * optional (`.optional()`), keyed as spelled on the wire. The handler reads them from `req` and
   * refuses a bad one itself, naming it (`header.<name>`).
   */
  headers?: z.ZodObject;
  /** The answers besides the problems every route may give (400, 401, 403, 404, 429, 500, 503). */
  responses: Record<number, ResponseSpec>;
  /** Creates something: an `Idempotency-Key` header makes a retry safe. */
  creates?: boolean;
  handle(input: RouteInput<Out<P>, Out<Q>, Out<B>>): Promise<Reply>;
}

/**
 * A route that carries its own credentials instead of a bearer token (a webhook signed with a
 * shared secret): the edge reads no token for it and the handler checks the request itself
 * (`req.rawBody` holds the body as sent, for a signature over it).
 */
export interface OwnCredentials {
  /** The OpenAPI security scheme's name. */
  scheme: string;
  /** The header the credentials travel in (documented as an API key header). */
  header: string;
  description: string;
}

export interface OwnCredentialsRouteSpec<P extends Input, Q extends Input, B extends Input>
  extends Omit<RouteSpec<P, Q, B>, 'handle' | 'creates'> {
  credentials: OwnCredentials;
  /**
   * Checks the credentials before anything of the request is parsed: a request without them gets
   * 401, never a 400 that names the body's fields. Throws an HttpError to refuse.
   */
  authenticate?(req: Request): Promise<void>;
  handle(input: Omit<RouteInput<Out<P>, Out<Q>, Out<B>>, 'principal'>): Promise<Reply>;
}

/** A declared route with its types erased, as the edge and the document see it. */
export interface Route {
  method: Method;
  path: string;
  summary: string;
  description?: string;
  tags?: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodObject;
  headers?: z.ZodObject;
  responses: Record<number, ResponseSpec>;
  creates?: boolean;
  /** Set for a route that checks its own credentials (ownCredentialsRoute): no bearer token is read. */
  credentials?: OwnCredentials;
  authenticate?(req: Request): Promise<void>;
  handle(input: RouteInput<unknown, unknown, unknown>): Promise<Reply>;
}

/** Declares a route once: the same declaration validates the request and documents it. */
export function route<P extends Input = undefined, Q extends Input = undefined, B extends Input = undefined>(
  spec: RouteSpec<P, Q, B>,
): Route {
  return spec as unknown as Route;
}

/** Declares a route that checks its own credentials (see OwnCredentials); its handler gets no principal. */
export function ownCredentialsRoute<P extends Input = undefined, Q extends Input = undefined, B extends Input = undefined>(
  spec: OwnCredentialsRouteSpec<P, Q, B>,
): Route {
  return spec as unknown as Route;
}

/** Whether a request is for one of the router's own-credential routes (then the edge reads no bearer token). */
export function isOwnCredentialsCall(router: Router, req: Request): boolean {
  return declaredRoutes(router).some((r) => r.credentials && r.method === req.method.toLowerCase() && pathPattern(r.path).test(req.path));
}

const patterns = new Map<string, RegExp>();
function pathPattern(path: string): RegExp {
  let pattern = patterns.get(path);
  if (!pattern) {
    const escaped = path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:[A-Za-z0-9_]+/g, '[^/]+');
    pattern = new RegExp(`^${escaped}/?$`);
    patterns.set(path, pattern);
  }
  return pattern;
}

/** The settings the edge's routes read at request time (app.locals.edge, set by createApp). */
export interface EdgeSettings {
  idempotency: IdempotencyOptions;
}

const declared = new WeakMap<Router, Route[]>();

/** The routes declared on this router, in order. */
export function declaredRoutes(router: Router): readonly Route[] {
  return declared.get(router) ?? [];
}

/** Registers declared routes on an express router; createApp documents them in /openapi.json. */
export function mountRoutes(router: Router, routes: readonly Route[]): void {
  const list = declared.get(router) ?? [];
  declared.set(router, list);
  for (const spec of routes) {
    // Unknown body fields are refused, never dropped: a typo must not be silently ignored.
    if (spec.body && spec.body._zod.def.catchall?._zod.def.type !== 'never') {
      throw new Error(`${spec.method.toUpperCase()} ${spec.path}: declare its body with z.strictObject`);
    }
    list.push(spec);
    router[spec.method](spec.path, async (req, res) => {
      // Credentials before input: an unauthenticated caller learns nothing of the body's shape.
      if (spec.authenticate) await spec.authenticate(req);
      // An own-credentials route's handler has no principal (ownCredentialsRoute's type says so).
      const principal = spec.credentials ? (undefined as unknown as Principal) : principalOf(req);
      const params = spec.params ? parseInput(spec.params, req.params, 'params') : undefined;
      const query = spec.query ? parseInput(spec.query, req.query, 'query') : undefined;
      if (spec.body && hasBody(req) && !req.is('application/json')) {
        throw new HttpError(415, 'unsupported-media-type', {
          en: 'Send the body as application/json',
          da: 'Send indholdet som application/json',
        });
      }
      const body = spec.body ? parseInput(spec.body, req.body, 'body') : undefined;
      const run = async (): Promise<StoredResponse> => {
        const reply = await spec.handle({ principal, params, query, body, req });
        return { status: reply.status, body: reply.body, headers: reply.headers ?? {} };
      };
      const edge = req.app.locals.edge as EdgeSettings | undefined;
      const key = req.get('idempotency-key');
      const reply =
        spec.creates && edge
          ? await runIdempotent(
              edge.idempotency,
              { principalKey: principalKey(req), method: spec.method, path: req.path, key, body: req.body },
              run,
            )
          : { ...(await run()), replayed: false };
      res.status(reply.status).set(reply.headers);
      if (reply.replayed) res.set('Idempotency-Replayed', 'true');
      const text = spec.responses[reply.status]?.contentType;
      if (reply.body === undefined) res.end();
      else if (text && (typeof reply.body === 'string' || Buffer.isBuffer(reply.body))) res.type(text).send(reply.body);
      else res.json(reply.body);
    });
  }
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}
