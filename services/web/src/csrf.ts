import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** The session's synchronizer token, made on first use. */
export function csrfToken(req: Request): string {
  req.session.csrf ??= randomBytes(24).toString('base64url');
  return req.session.csrf;
}

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Every state-changing request carries the session's token: a form field `_csrf`, or the
 * `x-csrf-token` header htmx sends. SameSite=Lax cookies already keep most cross-site posts
 * out; this covers the rest (old browsers, same-site subdomains).
 */
export function requireCsrf(req: Request, _res: Response, next: NextFunction): void {
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.header('x-csrf-token');
  const expected = req.session.csrf;
  const safe = req.method === 'GET' || req.method === 'HEAD';
  next(safe || (typeof sent === 'string' && expected && same(sent, expected)) ? undefined : new CsrfRefused());
}

/** A form without the session's token: answered 403 with the "form expired" page. */
export class CsrfRefused extends Error {
  constructor() {
    super('CSRF token missing or wrong');
  }
}
