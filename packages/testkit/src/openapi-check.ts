import {
  createApp,
  createLogger,
  createMetrics,
  declaredRoutes,
  documentedRoutes,
  expressRoutes,
  jwtVerifier,
  openApiDocument,
  Problem,
  type Route,
} from '@rs/service-kit';
import express, { type Router } from 'express';
import { testIssuerConfig } from './test-issuer';
import type { z } from 'zod';

/**
 * The service's routes mounted in a throw-away app (the handlers are never called, so the
 * dependencies may be empty): what express really routes, what /openapi.json documents, and the
 * declarations to check answers against.
 */
export function routeTable(service: string, mount: (router: Router) => void) {
  const app = createApp({
    service,
    logger: createLogger(service, 'silent'),
    metrics: createMetrics(service),
    verifyToken: jwtVerifier(testIssuerConfig()),
    readiness: {},
    routes: mount,
  });
  const router = express.Router();
  mount(router);
  const routes = declaredRoutes(router);
  return { routed: expressRoutes(app).sort(), documented: documentedRoutes(openApiDocument(service, 'test', routes)).sort(), routes, app };
}

/** The declared route a concrete call reaches (`/orders/abc` → `/orders/:id`). */
export function routeFor(routes: readonly Route[], method: string, path: string): Route | undefined {
  const bare = path.split('?')[0] ?? path;
  return routes.find((r) => r.method === method.toLowerCase() && new RegExp(`^${r.path.replace(/:[A-Za-z0-9_]+/g, '[^/]+')}$`).test(bare));
}

/**
 * Why an answer does not match its route's declaration: an undeclared status, a problem that is
 * not application/problem+json, or a body its schema refuses. Empty when it answers as it says.
 */
export function conformanceProblems(route: Route, status: number, contentType: string, body: unknown): string[] {
  const declared = route.responses[status];
  if (status >= 400 && !declared) {
    if (!contentType.startsWith('application/problem+json')) return [`${status} is not application/problem+json (${contentType})`];
    const parsed = Problem.safeParse(body);
    return parsed.success ? [] : [`${status} body is not a problem: ${parsed.error.message}`];
  }
  if (!declared) return [`${status} is not documented for ${route.method.toUpperCase()} ${route.path}`];
  if (!declared.schema) return [];
  const parsed = (declared.schema as z.ZodType).safeParse(body);
  return parsed.success ? [] : [`${status} body does not match its schema: ${parsed.error.message}`];
}

export interface RouteCall {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls a running service and checks the answer against the route's declaration. */
export interface RouteAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Why the answer does not match the declaration; empty when it does. */
  problems: string[];
}

export async function callRoute(baseUrl: string, routes: readonly Route[], call: RouteCall): Promise<RouteAnswer> {
  const route = routeFor(routes, call.method, call.path);
  if (!route) throw new Error(`no declared route for ${call.method} ${call.path}`);
  const res = await fetch(`${baseUrl}${call.path}`, {
    method: call.method,
    headers: {
      ...(call.token ? { authorization: `Bearer ${call.token}` } : {}),
      ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...call.headers,
    },
    ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
  });
  const text = await res.text();
  const body: unknown = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text || undefined;
  return {
    status: res.status,
    headers: Object.fromEntries(res.headers),
    body,
    problems: conformanceProblems(route, res.status, res.headers.get('content-type') ?? '', body),
  };
}
