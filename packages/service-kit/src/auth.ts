import { CooperationIdField } from '@rs/contracts';
import { isJobcentre } from '@rs/reference-data';
import type { NextFunction, Request, Response } from 'express';
import { createLocalJWKSet, createRemoteJWKSet, errors, type JSONWebKeySet, type JWTPayload, jwtVerify } from 'jose';
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
export type Role = Principal['role'];
const ROLES: readonly Role[] = ['jobcentre', 'phone-line', 'secretariat', 'onboarding', 'admin'];

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

/**
 * Where a token's role, jobcentre and cooperation are read from. A municipality's provider
 * names them its own way (Entra ID: an app role in `roles`, the jobcentre in an extension
 * attribute); `roleMap` turns its role values into ours (values already ours pass unchanged).
 */
export interface ClaimMapping {
  role: string;
  jobcentre: string;
  cooperation: string;
  roleMap: Readonly<Record<string, Role>>;
}

export const DEFAULT_CLAIMS: ClaimMapping = { role: 'role', jobcentre: 'jobcentre', cooperation: 'cooperation', roleMap: {} };

/** The issuer the APIs trust, as the services' config gives it (serviceVars in @rs/config). */
export interface IssuerConfig {
  /** `iss` every token must carry, e.g. https://login.microsoftonline.com/<tenant>/v2.0. */
  issuer: string;
  /** `aud` every token must carry: the API's identifier at the provider. */
  audience: string;
  /** The provider's key set; without it, `jwks_uri` of the issuer's discovery document. */
  jwksUrl?: string | undefined;
  /** A key set given inline (tests that verify in-process); wins over jwksUrl. */
  jwks?: JSONWebKeySet;
  claims?: Partial<ClaimMapping>;
  /** Allowed clock skew in seconds for exp/nbf. Default 30. */
  clockToleranceSeconds?: number;
}

export interface VerifierOptions {
  /**
   * Whether a cooperation a secretariat's or onboarding consultant's token names exists. runService
   * passes its directory's (a cooperation the admin created counts at once, one never created or
   * not yet seeded does not). Default: any well-formed id (CooperationIdField), for a verifier
   * without a directory; the API behind it decides what that cooperation may see.
   */
  knownCooperation?: (id: string) => boolean;
}

/** Verifies one Authorization header: the principal it names, or the 401 that refuses it. */
export type TokenVerifier = (authorization: string | undefined) => Promise<Principal | HttpError>;

const unauthenticated = (en: string, da: string) => new HttpError(401, 'unauthenticated', { en, da });

/** `idp-value=role,…` (OIDC_ROLE_MAP) as a map; a target that is not one of our roles is an error naming it. */
export function parseRoleMap(text: string): Record<string, Role> {
  const map: Record<string, Role> = {};
  for (const pair of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [from, to] = pair.split('=').map((s) => s.trim());
    if (!from || !to || !ROLES.includes(to as Role)) throw new Error(`"${pair}" is not value=role with role one of ${ROLES.join(', ')}`);
    map[from] = to as Role;
  }
  return map;
}

/** The principal named by verified claims, mapped by configuration; undefined when they name no known role. */
export function principalFromClaims(claims: JWTPayload, mapping: ClaimMapping = DEFAULT_CLAIMS): Principal | undefined {
  const raw = claims[mapping.role];
  // Entra ID and AD FS send app roles as an array: the first one that maps is the role.
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  const role = values.map((v) => mapping.roleMap[v] ?? (ROLES.includes(v as Role) ? (v as Role) : undefined)).find(Boolean);
  if (!role) return undefined;
  const jobcentre = claims[mapping.jobcentre];
  const parsed = Principal.safeParse({
    role,
    sub: claims.sub,
    jobcentre: typeof jobcentre === 'string' && /^\d{3}$/.test(jobcentre) ? Number(jobcentre) : jobcentre,
    cooperation: claims[mapping.cooperation],
  });
  return parsed.success ? parsed.data : undefined;
}

/**
 * Bearer tokens signed by the configured issuer, checked against its published keys (JWKS,
 * fetched and cached by jose, refetched when a token names an unknown key id). `iss`, `aud` and
 * `exp` are required: a token of another issuer or audience, or one that never ends, is refused.
 */
export function jwtVerifier(config: IssuerConfig, options: VerifierOptions = {}): TokenVerifier {
  const knownCooperation = options.knownCooperation ?? ((id: string) => CooperationIdField.safeParse(id).success);
  const mapping: ClaimMapping = { ...DEFAULT_CLAIMS, ...config.claims };
  const keys = keySet(config);
  return async (authorization) => {
    const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(authorization ?? '');
    if (!match?.[1]) return unauthenticated('Missing bearer token', 'Mangler adgangstoken');
    let claims: JWTPayload;
    try {
      const verified = await jwtVerify(match[1], await keys(), {
        issuer: config.issuer,
        audience: config.audience,
        requiredClaims: ['iss', 'aud', 'exp', 'sub'],
        clockTolerance: config.clockToleranceSeconds ?? 30,
        algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      });
      claims = verified.payload;
    } catch (error) {
      return refusal(error);
    }
    const principal = principalFromClaims(claims, mapping);
    if (!principal) return unauthenticated('Token carries no known role', 'Tokenet har ingen kendt rolle');
    // A principal must name something that exists: a token for jobcentre 155 (Dragør, served by
    // Tårnby) or an invented cooperation would otherwise reach whatever that name matches.
    if (principal.role === 'jobcentre' && !isJobcentre(principal.jobcentre)) {
      return unauthenticated(`${principal.jobcentre} is not a jobcentre`, `${principal.jobcentre} er ikke et jobcenter`);
    }
    if ((principal.role === 'secretariat' || principal.role === 'onboarding') && !knownCooperation(principal.cooperation)) {
      return unauthenticated('The token names no known cooperation', 'Tokenet nævner intet kendt samarbejde');
    }
    return principal;
  };
}

/** Why jose refused a token, in words a caller can act on (never the token itself). */
function refusal(error: unknown): HttpError {
  if (error instanceof errors.JWTExpired) return unauthenticated('The token has expired (exp)', 'Tokenet er udløbet (exp)');
  if (error instanceof errors.JWTClaimValidationFailed) {
    return unauthenticated(
      `The token's ${error.claim} claim is missing or wrong`,
      `Tokenets ${error.claim}-claim mangler eller er forkert`,
    );
  }
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed) {
    return unauthenticated('The token is not signed by the trusted issuer', 'Tokenet er ikke underskrevet af den betroede udsteder');
  }
  return unauthenticated('Invalid or expired token', 'Ugyldigt eller udløbet token');
}

type Keys = Parameters<typeof jwtVerify>[1];

/** The key set, resolved once: inline, the given URL, or the discovery document's jwks_uri (retried until it answers). */
function keySet(config: IssuerConfig): () => Promise<Keys> {
  if (config.jwks) {
    const local = createLocalJWKSet(config.jwks);
    return async () => local;
  }
  let remote: Promise<Keys> | undefined;
  return () => {
    remote ??= discoverJwksUrl(config).then(
      (url) => createRemoteJWKSet(new URL(url), { cooldownDuration: 5_000 }),
      (error: unknown) => {
        remote = undefined;
        throw error;
      },
    );
    return remote;
  };
}

async function discoverJwksUrl(config: IssuerConfig): Promise<string> {
  if (config.jwksUrl) return config.jwksUrl;
  const res = await fetch(`${config.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  const doc = z.object({ jwks_uri: z.url() }).parse(await res.json());
  return doc.jwks_uri;
}

/** Reads the bearer token; does not refuse yet, so the rate limiter can key by the principal. */
export function identify(verify: TokenVerifier) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const result = await verify(req.headers.authorization);
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
export function authenticate(verify: TokenVerifier) {
  const read = identify(verify);
  return (req: Request, res: Response, next: NextFunction) => read(req, res, () => requirePrincipal(req, res, next));
}

export function principalOf(req: Request): Principal {
  if (!req.principal) throw unauthenticated('Not authenticated', 'Ikke logget ind');
  return req.principal;
}

/** The issuer settings from a service's parsed serviceVars (OIDC_*). */
export function issuerFromConfig(vars: Record<string, unknown>): IssuerConfig {
  return {
    issuer: String(vars.OIDC_ISSUER),
    audience: String(vars.OIDC_AUDIENCE),
    jwksUrl: vars.OIDC_JWKS_URL ? String(vars.OIDC_JWKS_URL) : undefined,
    claims: {
      role: String(vars.OIDC_ROLE_CLAIM ?? DEFAULT_CLAIMS.role),
      jobcentre: String(vars.OIDC_JOBCENTRE_CLAIM ?? DEFAULT_CLAIMS.jobcentre),
      cooperation: String(vars.OIDC_COOPERATION_CLAIM ?? DEFAULT_CLAIMS.cooperation),
      roleMap: (vars.OIDC_ROLE_MAP as Record<string, Role> | undefined) ?? {},
    },
  };
}
