import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { connectBus, declareTopology } from '@rs/bus';
import { loadConfig } from '@rs/config';
import { SERVICE_QUEUES } from '@rs/contracts';
import { connectMongo, pingMongo, startRelay } from '@rs/db';
import { closeServer, createApp, createLogger, createMetrics, listen, onShutdown, outboxDispatcher } from '@rs/service-kit';
import { connectRedis, pingRedis } from '@rs/timers';
import { consumeCvs } from './adapters/amqp/cvs.consumer';
import { consumeOrders } from './adapters/amqp/orders.consumer';
import { poolRoutes } from './adapters/http/pool.routes';
import { matchingModels } from './adapters/mongo/pool.model';
import { candidatePool } from './adapters/mongo/pool.repository';
import { rankingRepository } from './adapters/mongo/ranking.repository';
import type { MatchingDeps } from './app/deps';
import { serviceConfig } from './config';

const SERVICE = 'matching';

async function main() {
  const config = loadConfig(serviceConfig, process.env);
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const metrics = createMetrics(SERVICE);
  const now = () => new Date();
  const connection = await connectMongo({ url: config.MONGO_URL, dbName: config.MONGO_DB, logger });
  const models = matchingModels(connection);
  await Promise.all([models.pool.init(), models.rankings.init(), models.candidateReads.init()]);
  const redis = connectRedis(config.REDIS_URL);
  const bus = connectBus({
    url: config.AMQP_URL,
    name: `${SERVICE}@${hostname()}`,
    logger,
    onSettled: metrics.onSettled,
    onUnroutable: metrics.onUnroutable,
    setup: (ch) => declareTopology(ch, [SERVICE_QUEUES.matchingEvents!, SERVICE_QUEUES.matchingCvs!]),
  });
  const relay = startRelay({
    models: [models.rankings],
    dispatch: outboxDispatcher(bus, {}, now),
    owner: `${hostname()}-${process.pid}`,
    pollMs: config.OUTBOX_POLL_MS,
    leaseMs: config.OUTBOX_LEASE_MS,
    logger,
  });
  const deps: MatchingDeps = { rankings: rankingRepository(models, relay), pool: candidatePool(models), now, newId: randomUUID };
  const consumers = [consumeOrders(bus, deps), consumeCvs(bus, models, logger, now)];

  const app = createApp({
    service: SERVICE,
    logger,
    metrics,
    authSecret: config.AUTH_SECRET,
    readiness: { database: () => pingMongo(connection), broker: async () => bus.isConnected(), redis: () => pingRedis(redis) },
    routes: poolRoutes(models),
  });
  const server = await listen(app, config.PORT);
  logger.info({ port: config.PORT }, 'matching ready');

  onShutdown(logger, () => [
    ['http', () => closeServer(server)],
    ['consumers', () => Promise.all(consumers.map((c) => c.stop()))],
    ['outbox relay', () => relay.stop()],
    ['broker', () => bus.close()],
    ['redis', () => redis.quit()],
    ['database', () => connection.close()],
  ]);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
