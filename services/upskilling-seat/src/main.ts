import { SERVICE_QUEUES } from '@rs/contracts';
import { runService } from '@rs/service-kit';
import { consumeOrders } from './adapters/amqp/orders.consumer';
import { seenOrderModel } from './adapters/mongo/seen-order.model';
import { seenOrdersRepository } from './adapters/mongo/seen-orders.repository';
import { serviceConfig } from './config';

runService(
  {
    name: 'upskilling-seat',
    config: serviceConfig,
    mongo: (connection) => ({ seenOrders: seenOrderModel(connection) }),
    bus: { queues: [SERVICE_QUEUES.upskillingEvents] },
    parts: ({ config, models, bus, now }) => ({
      http: { edge: config },
      consumers: [consumeOrders(bus, { seenOrders: seenOrdersRepository(models.seenOrders), now })],
    }),
  },
  process.env,
);
