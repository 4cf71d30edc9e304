import type { Principal, TokenVerifier } from '@rs/service-kit';
import type { NextFunction, Request, Response } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { ApiError } from './api';
import type { MessageKey } from './locales';
import type { OidcClient } from './oidc';
import './session-data';

export interface WebOptions {
  logger: Logger;
  redis: Redis;
  oidc: OidcClient;
  /** The same verifier the APIs use: the access token names the user's role and jobcentre. */
  verifyToken: TokenVerifier;
  /** The OpenID provider (the sign-out form is sent on to it). */
  issuer: string;
  baseUrl: string;
  keyPrefix: string;
  sessionSecrets: string[];
  idleSeconds: number;
  absoluteSeconds: number;
  /** The APIs' base URLs, without a trailing slash. */
  services: { orderIntake: string; broadcast: string; matching: string; upskilling: string; reporting: string };
  links: { queues: string; timers: string };
  now?: () => Date;
}

export interface PageContext {
  render(res: Response, view: string, title: MessageKey, data?: Record<string, unknown>): void;
}

/**
 * The fragments a page polls (htmx, every second): such a request is not the user's activity —
 * it neither renews the idle timeout nor, once the session has ended, starts a sign-in (that
 * would overwrite a sign-in under way in another tab); it is answered 401 with `HX-Redirect`, so
 * the page itself goes to sign-in.
 */
const POLLS = [/^\/orders\/[^/]+\/board$/, /^\/rounds\/[^/]+\/board$/];

/** A poll: htmx's own header on one of the polled fragment routes. */
export function isPoll(req: Request): boolean {
  return req.get('hx-request') === 'true' && POLLS.some((re) => re.test(req.path));
}

/** The answer to a poll without a (live) session: the page it came from goes to sign-in and back. */
export function pollSignIn(req: Request, res: Response): void {
  let back = '/';
  try {
    const current = new URL(req.get('hx-current-url') ?? '/', 'http://x');
    back = `${current.pathname}${current.search}`;
  } catch {
    // An unreadable header: back to the front page.
  }
  res
    .status(401)
    .set('cache-control', 'no-store')
    .set('hx-redirect', `/auth/sign-in?returnTo=${encodeURIComponent(back)}`)
    .end();
}

/** Pages for signed-in users only: others go to sign-in and come back. */
export function signedIn(roles?: readonly Principal['role'][]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const principal = req.session.principal;
    if (!principal && isPoll(req)) return pollSignIn(req, res);
    if (!principal) return res.redirect(303, `/auth/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
    if (roles && !roles.includes(principal.role)) {
      res.status(403);
      return next(new ApiError(403, undefined));
    }
    next();
  };
}
