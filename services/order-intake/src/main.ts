import { randomUUID } from 'node:crypto';
import { SERVICE_QUEUES } from '@rs/contracts';
import { runService } from '@rs/service-kit';
import { consumeRoundEvents } from './adapters/amqp/round-events.consumer';
import { ordersRoutes } from './adapters/http/orders.routes';
import { orderModels } from './adapters/mongo/order.model';
import { orderRepository } from './adapters/mongo/order.repository';
import type { OrderIntakeDeps } from './app/deps';
import { orderIntakeConfig } from './config';

runService(
  {
    name: 'order-intake',
    config: orderIntakeConfig,
    mongo: orderModels,
    bus: { queues: [SERVICE_QUEUES.orderIntakeEvents] },
    // Rate-limit counts and idempotency keys, shared by every replica.
    // Only the HTTP edge's limits and keys: it serves without Redis, so /readyz does not wait for it.
    redis: { readiness: false },
    relay: { models: (models) => [models.orders] },
    parts: ({ config, models, bus, redis, relay, now }) => {
      const deps: OrderIntakeDeps = { orders: orderRepository(models, relay), now, newId: randomUUID };
      return {
        http: { routes: ordersRoutes(deps), redis, keyPrefix: config.TIMER_PREFIX, edge: config },
        consumers: [consumeRoundEvents(bus, deps)],
      };
    },
  },
  process.env,
);
