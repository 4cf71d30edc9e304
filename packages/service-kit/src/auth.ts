import type { NextFunction, Request, Response } from 'express';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { HttpError } from './http-error';

/** Who is calling. A jobcentre principal sees and answers only its own work. */
export const Principal = z.discriminatedUnion('role', [
  z.object({ role: z.literal('jobcentre'), sub: z.string().min(1), jobcentre: z.number().int().min(100).max(999) }),
  z.object({ role: z.literal('phone-line'), sub: z.string().min(1) }),
  z.object({ role: z.literal('secretariat'), sub: z.string().min(1), cooperation: z.string().min(1) }),
  z.object({ role: z.literal('admin'), sub: z.string().min(1) }),
]);
export type Principal = z.infer<typeof Principal>;

declare global {
  namespace Express {
    interface Request {
      principal?: Principal;
    }
  }
}

/** HS256 bearer tokens shared by the services (AUTH_SECRET). Expiry is required. */
export function issueToken(secret: string, principal: Principal, expiresInSeconds = 8 * 3600): string {
  return jwt.sign(principal, secret, { algorithm: 'HS256', expiresIn: expiresInSeconds });
}

export function authenticate(secret: string) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match?.[1]) return next(new HttpError(401, 'unauthenticated', 'Missing bearer token / Mangler adgangstoken'));
    let claims: unknown;
    try {
      claims = jwt.verify(match[1], secret, { algorithms: ['HS256'] });
    } catch {
      return next(new HttpError(401, 'unauthenticated', 'Invalid or expired token / Ugyldigt eller udløbet token'));
    }
    const principal = Principal.safeParse(claims);
    if (!principal.success) return next(new HttpError(401, 'unauthenticated', 'Token carries no known role'));
    req.principal = principal.data;
    next();
  };
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw new HttpError(401, 'unauthenticated', 'Not authenticated');
  return req.principal;
}
