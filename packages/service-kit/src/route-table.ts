import type { Express } from 'express';
import type { Method } from './route';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/**
 * Every route express would answer, as `METHOD /path` (OpenAPI path form), found by walking the
 * router stack: the test that compares it with /openapi.json sees what is really mounted, not
 * what was declared. Routers are assumed mounted at the root, as createApp does.
 */
export function expressRoutes(app: Express): string[] {
  const found: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (on && method !== '_all') found.push(`${method.toUpperCase()} ${layer.route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
        }
      } else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return found;
}

/** `METHOD /path` of every operation in an OpenAPI document. */
export function documentedRoutes(document: { paths?: Record<string, Partial<Record<Method, unknown>>> }): string[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, operations]) =>
    Object.keys(operations ?? {}).map((method) => `${method.toUpperCase()} ${path}`),
  );
}
