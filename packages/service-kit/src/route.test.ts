import express from 'express';
import { z } from 'zod';
import { canonicalJson } from './idempotency';
import { decodeCursor, encodeCursor, nextLink } from './paging';
import { codeParam, fromNotAfterTo } from './params';
import { openApiDocument } from './openapi';
import { isOwnCredentialsCall, mountRoutes, ownCredentialsRoute, route } from './route';

describe('route declarations', () => {
  it('refuse a body schema that would drop unknown fields', () => {
    const loose = route({
      method: 'post',
      path: '/x',
      summary: 'x',
      body: z.object({ a: z.string() }),
      responses: {},
      handle: async () => ({ status: 204, body: undefined }),
    });
    expect(() => mountRoutes(express.Router(), [loose])).toThrow(/z\.strictObject/);
  });
});

describe('own-credentials routes', () => {
  const webhook = ownCredentialsRoute({
    method: 'post',
    path: '/hooks/:source/calls',
    summary: 'a signed webhook',
    credentials: { scheme: 'hookSignature', header: 'x-signature', description: 'HMAC' },
    responses: {},
    handle: async () => ({ status: 204, body: undefined }),
  });
  const bearer = route({
    method: 'get',
    path: '/hooks/:source/calls',
    summary: 'x',
    responses: {},
    handle: async () => ({ status: 204, body: undefined }),
  });

  it('are found by method and path, so the edge reads no bearer token for them only', () => {
    const router = express.Router();
    mountRoutes(router, [webhook, bearer]);
    const call = (method: string, path: string) => isOwnCredentialsCall(router, { method, path } as express.Request);
    expect(call('POST', '/hooks/pbx/calls')).toBe(true);
    expect(call('POST', '/hooks/pbx/calls/')).toBe(true);
    expect(call('GET', '/hooks/pbx/calls')).toBe(false);
    expect(call('POST', '/hooks/pbx/calls/x')).toBe(false);
    expect(call('POST', '/hooks/a/b/calls')).toBe(false);
  });

  it('are documented with their own security scheme, the others with the bearer token', () => {
    const doc = openApiDocument('test', '1', [webhook, bearer]) as unknown as {
      paths: Record<string, Record<string, { security: unknown[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.paths['/hooks/{source}/calls']?.post?.security).toEqual([{ hookSignature: [] }]);
    expect(doc.paths['/hooks/{source}/calls']?.get?.security).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes.hookSignature).toMatchObject({ type: 'apiKey', in: 'header', name: 'x-signature' });
  });
});

describe('strict parameters', () => {
  it('read only the canonical spelling of a code', () => {
    expect(codeParam.parse('101')).toBe(101);
    for (const bad of ['0x65', ' 101', '101 ', '1e2', '0101', '+101', '10', '1000', '101.0'])
      expect(codeParam.safeParse(bad).success).toBe(false);
  });
  it('compare date ranges as dates', () => {
    expect(fromNotAfterTo({ from: '2026-01-31', to: '2026-02-01' })).toBe(true);
    expect(fromNotAfterTo({ from: '2026-02-01', to: '2026-01-31' })).toBe(false);
    expect(fromNotAfterTo({ from: '2026-02-01' })).toBe(true);
  });
});

describe('paging and idempotency helpers', () => {
  it('round-trip a cursor and keep the filters in the next link', () => {
    const cursor = { key: '2026-12-01T10:00:00.000Z', id: 'abc' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(() => decodeCursor('bm90LWpzb24')).toThrow(/cursor/);
    expect(nextLink('/orders', { limit: 2, status: 'registered', from: undefined }, cursor)).toBe(
      `/orders?limit=2&status=registered&cursor=${encodeCursor(cursor)}`,
    );
    expect(nextLink('/orders', { limit: 2 }, undefined)).toBeNull();
  });
  it('see the same body in any key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { e: 1, f: 2 }] }, b: 1 }),
    );
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
  });
});

describe('declared request headers', () => {
  it('are documented as optional header parameters, beside the Idempotency-Key of a route that creates', () => {
    const patch = route({
      method: 'patch',
      path: '/things/:id',
      summary: 'x',
      headers: z.object({
        'If-Match': z
          .string()
          .regex(/^"\d+"$/)
          .optional()
          .describe('the ETag as read'),
      }),
      responses: {},
      handle: async () => ({ status: 204, body: undefined }),
    });
    const post = route({
      method: 'post',
      path: '/things',
      summary: 'x',
      creates: true,
      headers: z.object({ 'X-Trace': z.string().optional() }),
      responses: {},
      handle: async () => ({ status: 204, body: undefined }),
    });
    type Parameter = { name: string; in: string; required?: boolean; description?: string; schema: { pattern?: string } };
    const doc = openApiDocument('test', '1', [patch, post]) as unknown as {
      paths: Record<string, Record<string, { parameters?: Parameter[] }>>;
    };
    const headers = (path: string, method: string) =>
      (doc.paths[path]?.[method]?.parameters ?? []).filter((p) => p.in === 'header').map((p) => [p.name, p.required ?? false]);
    expect(headers('/things/{id}', 'patch')).toEqual([['If-Match', false]]);
    expect(doc.paths['/things/{id}']?.patch?.parameters?.find((p) => p.name === 'If-Match')).toMatchObject({
      description: 'the ETag as read',
      schema: { pattern: '^"\\d+"$' },
    });
    expect(headers('/things', 'post')).toEqual([
      ['X-Trace', false],
      ['Idempotency-Key', false],
    ]);
  });
});
