import { dirname, join } from 'node:path';
import express, { type Express } from 'express';
import type Provider from 'oidc-provider';
import { langOf, loginPage } from './pages';
import { DEMO_PASSWORD, demoUser } from './users';

// The package exports only its script: its dist/ folder is found from that file.
const dkfdsDist = join(dirname(require.resolve('dkfds')), '..');

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

/**
 * The platform's clients are its own: what they ask for is granted at sign-in, without a consent
 * screen (the missing scopes, claims and the API resource, as oidc-provider lists them).
 */
async function grantAll(provider: Provider, details: Details): Promise<string> {
  const grant = details.grantId
    ? ((await provider.Grant.find(details.grantId)) ??
      new provider.Grant({ accountId: details.session?.accountId ?? '', clientId: String(details.params.client_id) }))
    : new provider.Grant({ accountId: details.session?.accountId ?? '', clientId: String(details.params.client_id) });
  const missing = details.prompt.details as {
    missingOIDCScope?: string[];
    missingOIDCClaims?: string[];
    missingResourceScopes?: Record<string, string[]>;
  };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '));
  return grant.save();
}

/** The provider behind our own login page (oidc-provider's dev interactions stay off). */
export function identityApp(provider: Provider): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', service: 'identity' });
  });
  app.get('/readyz', (_req, res) => {
    res.json({ status: 'ready', service: 'identity', checks: {} });
  });
  app.use('/static/dkfds', express.static(dkfdsDist, { maxAge: '1h' }));

  app.get('/interaction/:uid', async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'consent') {
        await provider.interactionFinished(
          req,
          res,
          { consent: { grantId: await grantAll(provider, details) } },
          { mergeWithLastSubmission: true },
        );
        return;
      }
      res.type('html').send(loginPage(details.uid, langOf(details.params.ui_locales), false));
    } catch (error) {
      next(error);
    }
  });
  app.post('/interaction/:uid/login', express.urlencoded({ extended: false, limit: '10kb' }), async (req, res, next) => {
    try {
      const details = await provider.interactionDetails(req, res);
      const username = typeof req.body?.username === 'string' ? req.body.username.trim() : '';
      const password = typeof req.body?.password === 'string' ? req.body.password : '';
      const user = demoUser(username);
      if (!user || password !== DEMO_PASSWORD) {
        res
          .status(401)
          .type('html')
          .send(loginPage(details.uid, langOf(details.params.ui_locales), true, username));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: user.username } }, { mergeWithLastSubmission: false });
    } catch (error) {
      next(error);
    }
  });
  app.use(provider.callback());
  return app;
}
