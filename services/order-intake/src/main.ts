import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { connectBus, declareTopology } from '@rs/bus';
import { loadConfig } from '@rs/config';
import { SERVICE_QUEUES } from '@rs/contracts';
import { connectMongo, pingMongo, startRelay } from '@rs/db';
import { closeServer, createApp, createLogger, createMetrics, listen, onShutdown, outboxDispatcher } from '@rs/service-kit';
import { connectRedis, pingRedis } from '@rs/timers';
import { orderModels } from './adapters/mongo/order.model';
import { orderRepository } from './adapters/mongo/order.repository';
import { consumeRoundEvents } from './adapters/amqp/round-events.consumer';
import { ordersRoutes } from './adapters/http/orders.routes';
import type { OrderIntakeDeps } from './app/deps';
import { orderIntakeConfig } from './config';

const SERVICE = 'order-intake';

async function main() {
  const config = loadConfig(orderIntakeConfig, process.env);
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const metrics = createMetrics(SERVICE);
  const now = () => new Date();

  const connection = await connectMongo({ url: config.MONGO_URL, dbName: config.MONGO_DB, logger });
  const models = orderModels(connection);
  await models.orders.init();
  // Redis will hold the 1- and 3-working-day service-goal timers; readiness already checks it.
  const redis = connectRedis(config.REDIS_URL);

  const bus = connectBus({
    url: config.AMQP_URL,
    name: `${SERVICE}@${hostname()}`,
    logger,
    onSettled: metrics.onSettled,
    onUnroutable: metrics.onUnroutable,
    setup: (ch) => declareTopology(ch, [SERVICE_QUEUES.orderIntakeEvents!]),
  });
  const relay = startRelay({
    models: [models.orders],
    dispatch: outboxDispatcher(bus, {}, now),
    owner: `${hostname()}-${process.pid}`,
    pollMs: config.OUTBOX_POLL_MS,
    leaseMs: config.OUTBOX_LEASE_MS,
    logger,
  });
  const deps: OrderIntakeDeps = { orders: orderRepository(models, relay), now, newId: randomUUID };
  const consumer = consumeRoundEvents(bus, deps);

  const app = createApp({
    service: SERVICE,
    logger,
    metrics,
    authSecret: config.AUTH_SECRET,
    readiness: { database: () => pingMongo(connection), broker: async () => bus.isConnected(), redis: () => pingRedis(redis) },
    routes: ordersRoutes(deps),
  });
  const server = await listen(app, config.PORT);
  logger.info({ port: config.PORT }, 'order-intake ready');

  onShutdown(logger, () => [
    ['http', () => closeServer(server)],
    ['consumer', () => consumer.stop()],
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
