import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { Problem, PROBLEM_CONTENT_TYPE, titleOf } from './problem';
import type { Route } from './route';

/** The parts of an OpenAPI 3.1 document the platform reads itself. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
  components?: Record<string, unknown>;
}

/** The routes every service has outside its API: probes and the document itself, all without a token. */
export const PUBLIC_ROUTES = ['/healthz', '/readyz', '/metrics', '/openapi.json'] as const;

const Health = z.object({ status: z.literal('ok'), service: z.string() });
const Readiness = z.object({ status: z.enum(['ready', 'not-ready']), service: z.string(), checks: z.record(z.string(), z.boolean()) });

const rateHeaders = {
  RateLimit: { description: 'IETF draft 8: remaining calls and seconds to reset', schema: { type: 'string' as const } },
  'RateLimit-Policy': { description: 'IETF draft 8: the limit and its window', schema: { type: 'string' as const } },
};

function problemResponse(status: number): ResponseConfig {
  const title = titleOf(status);
  return {
    description: `${title.en} / ${title.da}`,
    content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } },
    ...(status === 429 ? { headers: { ...rateHeaders, 'Retry-After': { description: 'seconds', schema: { type: 'string' } } } } : {}),
  };
}

/** Express `/orders/:id` as OpenAPI `/orders/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
}

/** Which problems a route may answer with, besides what it declares. */
function commonProblems(route: Route): number[] {
  return [400, 401, 403, 404, ...(route.body ? [413, 415] : []), ...(route.creates ? [409, 422] : []), 429, 500, 503];
}

/**
 * OpenAPI 3.1 from the routes' own zod schemas: nothing is described twice, so the document
 * cannot drift from what the edge validates.
 */
export function openApiDocument(service: string, version: string, routes: readonly Route[]): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'HS256 token with role, sub and exp (and jobcentre or cooperation for those roles)',
  });
  const json = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const ownSchemes = new Set<string>();
  const ownScheme = (credentials: NonNullable<Route['credentials']>) => {
    if (!ownSchemes.has(credentials.scheme)) {
      registry.registerComponent('securitySchemes', credentials.scheme, {
        type: 'apiKey',
        in: 'header',
        name: credentials.header,
        description: credentials.description,
      });
      ownSchemes.add(credentials.scheme);
    }
    return credentials.scheme;
  };
  registry.registerPath({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness',
    tags: ['probes'],
    responses: { 200: { description: 'alive', ...json(Health) } },
  });
  registry.registerPath({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: the servers this service needs to serve are usable',
    tags: ['probes'],
    responses: { 200: { description: 'ready', ...json(Readiness) }, 503: { description: 'not ready', ...json(Readiness) } },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    summary: 'Prometheus metrics',
    tags: ['probes'],
    responses: { 200: { description: 'text exposition format', content: { 'text/plain': { schema: z.string() } } } },
  });
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document',
    tags: ['probes'],
    responses: { 200: { description: 'OpenAPI 3.1', ...json(z.object({ openapi: z.string() }).loose()) } },
  });

  for (const route of routes) {
    const responses: Record<string, ResponseConfig> = {};
    for (const status of commonProblems(route)) responses[status] = problemResponse(status);
    for (const [status, spec] of Object.entries(route.responses)) {
      responses[status] = {
        description: spec.description,
        ...(spec.schema ? (spec.contentType ? { content: { [spec.contentType]: { schema: spec.schema } } } : json(spec.schema)) : {}),
        headers: {
          ...rateHeaders,
          ...(route.creates
            ? {
                'Idempotency-Replayed': {
                  description: '`true` when this is the stored answer to an earlier call',
                  schema: { type: 'string' },
                },
              }
            : {}),
          ...Object.fromEntries(
            Object.entries(spec.headers ?? {}).map(([name, description]) => [name, { description, schema: { type: 'string' } }]),
          ),
        },
      };
    }
    registry.registerPath({
      method: route.method,
      path: openApiPath(route.path),
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(route.tags ? { tags: route.tags } : {}),
      security: [{ [route.credentials ? ownScheme(route.credentials) : bearer.name]: [] }],
      request: {
        ...(route.params ? { params: route.params } : {}),
        ...(route.query ? { query: route.query } : {}),
        ...(route.creates || route.headers
          ? {
              headers: z.object({
                ...(route.headers?.shape ?? {}),
                ...(route.creates
                  ? {
                      'Idempotency-Key': z
                        .string()
                        .regex(/^[\x21-\x7e]{1,255}$/)
                        .optional()
                        .describe('Makes a retry safe: the same key and body within 24 h get the first answer again'),
                    }
                  : {}),
              }),
            }
          : {}),
        ...(route.body ? { body: { required: true, ...json(route.body) } } : {}),
      },
      responses,
    });
  }
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: `${service} API`,
      version,
      description: `The HTTP API of the ${service} service. Errors are RFC 9457 problem details in English and Danish.`,
    },
  });
  return document as unknown as OpenApiDocument;
}
