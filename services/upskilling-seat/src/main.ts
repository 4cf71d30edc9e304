import { SERVICE_QUEUES } from '@rs/contracts';
import { runService } from '@rs/service-kit';
import { consumeOrders } from './adapters/amqp/orders.consumer';
import { seenOrderModel } from './adapters/mongo/seen-order.model';
import { serviceConfig } from './config';

runService(
  {
    name: 'upskilling-seat',
    config: serviceConfig,
    mongo: (connection) => ({ seenOrders: seenOrderModel(connection) }),
    bus: { queues: [SERVICE_QUEUES.upskillingEvents] },
    parts: ({ config, models, bus, now }) => ({
      http: { edge: config },
      consumers: [consumeOrders(bus, models.seenOrders, now)],
    }),
  },
  process.env,
);
