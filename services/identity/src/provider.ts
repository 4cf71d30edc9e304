import type { JWK } from 'jose';
import Provider, { type Configuration, errors, type KoaContextWithOIDC } from 'oidc-provider';
import { logoutPage, errorPage } from './pages';
import { connectorJobcentre, demoUser, principalClaims } from './users';

export interface ProviderSettings {
  issuer: string;
  audience: string;
  signingKey: JWK;
  accessTokenSeconds: number;
  sessionSeconds: number;
  web: { clientId: string; clientSecret: string; redirectUris: string[]; postLogoutRedirectUris: string[] };
  /** jobcentre code → client secret of its connector (client credentials). */
  connectors: Record<string, string>;
  cookieKeys: string[];
}

/**
 * The embedded OpenID provider: authorization code + PKCE for the web front, client credentials
 * for connectors, JWT access tokens for one resource (the platform's APIs) carrying the role,
 * jobcentre and cooperation claims the APIs read. Consent is implied: every client is the
 * platform's own.
 */
export function createProvider(settings: ProviderSettings): Provider {
  const { audience } = settings;
  const configuration: Configuration = {
    clients: [
      {
        client_id: settings.web.clientId,
        client_secret: settings.web.clientSecret,
        redirect_uris: settings.web.redirectUris,
        post_logout_redirect_uris: settings.web.postLogoutRedirectUris,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
      ...Object.entries(settings.connectors).map(([code, secret]) => ({
        client_id: `connector-${code}`,
        client_secret: secret,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        token_endpoint_auth_method: 'client_secret_basic' as const,
      })),
    ],
    jwks: { keys: [{ ...settings.signingKey, use: 'sig' }] as never },
    cookies: { keys: settings.cookieKeys },
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'offline_access', 'api'],
    claims: { openid: ['sub'], profile: ['name', 'role', 'jobcentre', 'cooperation'] },
    ttl: {
      AccessToken: settings.accessTokenSeconds,
      ClientCredentials: settings.accessTokenSeconds,
      Session: settings.sessionSeconds,
      Grant: settings.sessionSeconds,
      IdToken: settings.accessTokenSeconds,
      Interaction: 600,
      AuthorizationCode: 60,
      RefreshToken: settings.sessionSeconds,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx: KoaContextWithOIDC, form: string) => {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.oidc.params?.ui_locales);
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => audience,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx, resource) => {
          if (resource !== audience) throw new errors.InvalidTarget();
          return {
            scope: 'api',
            audience,
            accessTokenTTL: settings.accessTokenSeconds,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: String(settings.signingKey.alg ?? 'RS256') as 'RS256' } },
          };
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx, id) => {
      const user = demoUser(id);
      if (!user) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: user.name, ...principalClaims(user.principal) }) };
    },
    extraTokenClaims: (_ctx, token) => {
      if ('accountId' in token && token.accountId) {
        const user = demoUser(token.accountId);
        return user ? { ...principalClaims(user.principal), name: user.name } : undefined;
      }
      const code = connectorJobcentre(token.clientId ?? '');
      return code ? { role: 'jobcentre', jobcentre: code } : undefined;
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = errorPage(out.error, out.error_description);
    },
  };
  return new Provider(settings.issuer, configuration);
}
