import * as client from 'openid-client';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  postLogoutRedirectUri: string;
  scopes: string;
  audience: string;
}

export interface SignIn {
  url: URL;
  state: string;
  verifier: string;
}

export interface SignedIn {
  accessToken: string;
  idToken?: string | undefined;
  expiresIn?: number | undefined;
  name?: string | undefined;
}

/**
 * The web front as an OpenID Connect client (openid-client 6): authorization code with PKCE and
 * state, a confidential client. The provider is discovered once, lazily, and again after a failure.
 */
export function oidcClient(settings: OidcSettings) {
  let config: Promise<client.Configuration> | undefined;
  const configuration = () => {
    config ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        settings.clientSecret,
        undefined,
        // The embedded provider of development and tests listens on plain http on loopback.
        settings.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : undefined,
      )
      .catch((error: unknown) => {
        config = undefined;
        throw error;
      });
    return config;
  };

  return {
    async start(lang: string): Promise<SignIn> {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const url = client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: settings.redirectUri,
        scope: settings.scopes,
        resource: settings.audience,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
        state,
        ui_locales: lang,
      });
      return { url, state, verifier };
    },
    async finish(currentUrl: URL, pending: { state: string; verifier: string }): Promise<SignedIn> {
      const tokens = await client.authorizationCodeGrant(await configuration(), currentUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
      });
      const claims = tokens.claims();
      return {
        accessToken: tokens.access_token,
        idToken: tokens.id_token,
        expiresIn: tokens.expiresIn(),
        name: typeof claims?.name === 'string' ? claims.name : undefined,
      };
    },
    async signOutUrl(idToken: string | undefined, lang: string): Promise<URL> {
      return client.buildEndSessionUrl(await configuration(), {
        post_logout_redirect_uri: settings.postLogoutRedirectUri,
        ui_locales: lang,
        ...(idToken ? { id_token_hint: idToken } : {}),
      });
    },
  };
}
export type OidcClient = ReturnType<typeof oidcClient>;
