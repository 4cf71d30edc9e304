import { dirname, join } from 'node:path';
import express, { type Express } from 'express';
import type Provider from 'oidc-provider';
import { langOf, loginPage } from './pages';
import { DEMO_PASSWORD, demoUser } from './users';

// The package exports only its script: its dist/ folder is found from that file.
const dkfdsDist = join(dirname(require.resolve('dkfds')), '..');

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
