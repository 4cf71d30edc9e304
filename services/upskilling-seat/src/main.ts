import { hostname } from 'node:os';
import { connectBus, declareTopology } from '@rs/bus';
import { loadConfig } from '@rs/config';
import { SERVICE_QUEUES } from '@rs/contracts';
import { connectMongo, pingMongo } from '@rs/db';
import { closeServer, createApp, createLogger, createMetrics, listen, onShutdown } from '@rs/service-kit';
import { connectRedis, pingRedis } from '@rs/timers';
import { consumeOrders } from './adapters/amqp/orders.consumer';
import { seenOrderModel } from './adapters/mongo/seen-order.model';
import { serviceConfig } from './config';

const SERVICE = 'upskilling-seat';

async function main() {
  const config = loadConfig(serviceConfig, process.env);
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const metrics = createMetrics(SERVICE);
  const connection = await connectMongo({ url: config.MONGO_URL, dbName: config.MONGO_DB, logger });
  const seenOrders = seenOrderModel(connection);
  const redis = connectRedis(config.REDIS_URL);
  const bus = connectBus({
    url: config.AMQP_URL,
    name: `${SERVICE}@${hostname()}`,
    logger,
    onSettled: metrics.onSettled,
    onUnroutable: metrics.onUnroutable,
    setup: (ch) => declareTopology(ch, [SERVICE_QUEUES.upskillingEvents!]),
  });
  const consumer = consumeOrders(bus, seenOrders, () => new Date());

  const app = createApp({
    service: SERVICE,
    logger,
    metrics,
    authSecret: config.AUTH_SECRET,
    readiness: { database: () => pingMongo(connection), broker: async () => bus.isConnected(), redis: () => pingRedis(redis) },
    routes: () => {},
  });
  const server = await listen(app, config.PORT);
  logger.info({ port: config.PORT }, 'upskilling-seat ready');

  onShutdown(logger, () => [
    ['http', () => closeServer(server)],
    ['consumer', () => consumer.stop()],
    ['broker', () => bus.close()],
    ['redis', () => redis.quit()],
    ['database', () => connection.close()],
  ]);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
