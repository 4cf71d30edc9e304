import { loadConfig } from '@rs/config';
import { createLogger, issuerFromConfig, jwtVerifier, trackConnections } from '@rs/service-kit';
import { Redis } from 'ioredis';
import { createWebApp } from './app';
import { webConfig } from './config';
import { oidcClient } from './oidc';
import { TIMERS_PATH } from './routes/timers.routes';

function start(): void {
  const config = loadConfig(webConfig, process.env);
  const logger = createLogger('web', config.LOG_LEVEL);
  const baseUrl = (config.WEB_BASE_URL ?? `http://127.0.0.1:${config.PORT}`).replace(/\/$/, '');
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: false });
  redis.on('error', (error) => logger.warn({ err: error }, 'redis'));
  const app = createWebApp({
    logger,
    redis,
    issuer: config.OIDC_ISSUER,
    oidc: oidcClient({
      issuer: config.OIDC_ISSUER,
      clientId: config.OIDC_CLIENT_ID,
      clientSecret: config.OIDC_CLIENT_SECRET,
      redirectUri: `${baseUrl}/auth/callback`,
      postLogoutRedirectUri: `${baseUrl}/`,
      scopes: config.OIDC_SCOPES,
      audience: config.OIDC_AUDIENCE,
    }),
    verifyToken: jwtVerifier(issuerFromConfig(config)),
    baseUrl,
    keyPrefix: config.WEB_KEY_PREFIX,
    sessionSecrets: config.WEB_SESSION_SECRET.split(','),
    idleSeconds: config.WEB_SESSION_IDLE_SECONDS,
    absoluteSeconds: config.WEB_SESSION_ABSOLUTE_SECONDS,
    services: {
      orderIntake: config.ORDER_INTAKE_URL.replace(/\/$/, ''),
      broadcast: config.BROADCAST_URL.replace(/\/$/, ''),
      matching: config.MATCHING_URL.replace(/\/$/, ''),
      upskilling: config.UPSKILLING_URL.replace(/\/$/, ''),
      reporting: config.REPORTING_URL.replace(/\/$/, ''),
    },
    links: {
      queues: config.RABBITMQ_DASHBOARD_URL,
      // Broadcast's Bull Board, passed on by this front with the admin's token (routes/timers.routes.ts).
      timers: config.BULL_BOARD_URL ?? `${TIMERS_PATH}/`,
    },
  });
  const server = app.listen(config.PORT, '127.0.0.1', () => logger.info({ url: baseUrl }, 'web ready'));
  const shutdown = trackConnections(server);
  // Responses under way get 10 s; a connection without a request is not waited for (service-kit's trackConnections).
  const stop = () => {
    void shutdown.close(10_000).then(() => {
      redis.disconnect();
      process.exit(0);
    });
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

try {
  start();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
