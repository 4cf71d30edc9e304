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

/** Pages for signed-in users only: others go to sign-in and come back. */
export function signedIn(roles?: readonly Principal['role'][]) {
  return (req: Request, res: Response, next: NextFunction) => {
    const principal = req.session.principal;
    if (!principal) return res.redirect(303, `/auth/sign-in?returnTo=${encodeURIComponent(req.originalUrl)}`);
    if (roles && !roles.includes(principal.role)) {
      res.status(403);
      return next(new ApiError(403, undefined));
    }
    next();
  };
}
