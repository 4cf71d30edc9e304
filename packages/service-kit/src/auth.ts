import { cooperation, isJobcentre } from '@rs/reference-data';
import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { HttpError } from './http-error';

/** Who is calling. A jobcentre principal sees and answers only its own work. */
export const Principal = z.discriminatedUnion('role', [
  z.object({ role: z.literal('jobcentre'), sub: z.string().min(1), jobcentre: z.number().int().min(100).max(999) }),
  z.object({ role: z.literal('phone-line'), sub: z.string().min(1) }),
  z.object({ role: z.literal('secretariat'), sub: z.string().min(1), cooperation: z.string().min(1) }),
  /** The cooperation's onboarding consultant (indslusningskonsulent, R10): follow-ups after hires. */
  z.object({ role: z.literal('onboarding'), sub: z.string().min(1), cooperation: z.string().min(1) }),
  z.object({ role: z.literal('admin'), sub: z.string().min(1) }),
]);
export type Principal = z.infer<typeof Principal>;

/**
 * jsonwebtoken checks `exp` only when it is there: a signed token without one would be valid
 * for ever. Every token must say when it ends.
 */
const Expiring = z.object({ exp: z.number().int().positive() });

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
      /** Why the bearer token was refused, when it was; answered after the rate limit counted the call. */
      authProblem?: HttpError;
      /** The JSON body as it arrived (set by the edge's body parser), for signature checks. */
      rawBody?: Buffer;
    }
  }
}

/** HS256 bearer tokens shared by the services (AUTH_SECRET). Expiry is required. */
export function issueToken(secret: string, principal: Principal, expiresInSeconds = 8 * 3600): string {
  return jwt.sign(principal, secret, { algorithm: 'HS256', expiresIn: expiresInSeconds });
}

const unauthenticated = (en: string, da: string) => new HttpError(401, 'unauthenticated', { en, da });

/** The principal a bearer token names, or the 401 that refuses it. */
export function verifyToken(secret: string, authorization: string | undefined): Principal | HttpError {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization ?? '');
  if (!match?.[1]) return unauthenticated('Missing bearer token', 'Mangler adgangstoken');
  let claims: unknown;
  try {
    claims = jwt.verify(match[1], secret, { algorithms: ['HS256'] });
  } catch {
    return unauthenticated('Invalid or expired token', 'Ugyldigt eller udløbet token');
  }
  if (!Expiring.safeParse(claims).success) return unauthenticated('The token has no expiry (exp)', 'Tokenet har ingen udløbstid (exp)');
  const parsed = Principal.safeParse(claims);
  if (!parsed.success) return unauthenticated('Token carries no known role', 'Tokenet har ingen kendt rolle');
  const principal = parsed.data;
  // A principal must name something that exists: a token for jobcentre 155 (Dragør, served by
  // Tårnby) or an invented cooperation would otherwise reach whatever that name matches.
  if (principal.role === 'jobcentre' && !isJobcentre(principal.jobcentre)) {
    return unauthenticated(`${principal.jobcentre} is not a jobcentre`, `${principal.jobcentre} er ikke et jobcenter`);
  }
  if ((principal.role === 'secretariat' || principal.role === 'onboarding') && !cooperation(principal.cooperation)) {
    return unauthenticated('The token names no known cooperation', 'Tokenet nævner intet kendt samarbejde');
  }
  return principal;
}

/** Reads the bearer token; does not refuse yet, so the rate limiter can key by the principal. */
export function identify(secret: string) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const result = verifyToken(secret, req.headers.authorization);
    if (result instanceof HttpError) req.authProblem = result;
    else req.principal = result;
    next();
  };
}

/** Refuses a call without a valid principal. */
export function requirePrincipal(req: Request, _res: Response, next: NextFunction) {
  if (req.principal) return next();
  next(req.authProblem ?? unauthenticated('Not authenticated', 'Ikke logget ind'));
}

/** Both steps at once, for a router that needs no rate limit in between. */
export function authenticate(secret: string) {
  const read = identify(secret);
  return (req: Request, res: Response, next: NextFunction) => read(req, res, () => requirePrincipal(req, res, next));
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw unauthenticated('Not authenticated', 'Ikke logget ind');
  return req.principal;
}
