import { randomUUID } from 'node:crypto';
import { jobcentreQueueSpec, SERVICE_QUEUES, TIMER_QUEUES } from '@rs/contracts';
import { allJobcentres } from '@rs/reference-data';
import { runService } from '@rs/service-kit';
import { consumeErasure } from './adapters/amqp/erasure.consumer';
import { consumeOrders } from './adapters/amqp/orders.consumer';
import { consumeSeatRequests } from './adapters/amqp/seat-requests.consumer';
import { coursesRoutes } from './adapters/http/courses.routes';
import { needsRoutes } from './adapters/http/needs.routes';
import { requestsRoutes } from './adapters/http/requests.routes';
import { courseModels } from './adapters/mongo/course.model';
import { courseRepository } from './adapters/mongo/course.repository';
import { candidateHolders } from './adapters/mongo/erasure.repository';
import { needRepository } from './adapters/mongo/need.repository';
import { seenOrderModel } from './adapters/mongo/seen-order.model';
import { seenOrdersRepository } from './adapters/mongo/seen-orders.repository';
import { ensureWindowTimers, startSeatWindowWorker } from './adapters/timers/seat-window.worker';
import type { UpskillingDeps } from './app/deps';
import { reconcileTimers } from './app/reconcile-timers';
import { serviceConfig } from './config';

runService(
  {
    name: 'upskilling-seat',
    config: serviceConfig,
    mongo: (connection) => ({ seenOrders: seenOrderModel(connection), ...courseModels(connection) }),
    // Every jobcentre queue is declared before the first offer, so no copy is routed to nowhere.
    bus: {
      queues: [
        SERVICE_QUEUES.upskillingEvents,
        SERVICE_QUEUES.upskillingRequests,
        SERVICE_QUEUES.upskillingErasure,
        ...allJobcentres().map((j) => jobcentreQueueSpec(j.code)),
      ],
    },
    redis: { timerQueues: [TIMER_QUEUES.seatWindows] },
    relay: { models: (models) => [models.courses, models.needs] },
    // A course's jobcentres (scope cooperation) and who reads which needs follow the cooperations as the admin keeps them.
    cooperations: { queue: SERVICE_QUEUES.upskillingCooperations },
    parts: ({ config, logger, models, bus, redis, timerQueues, relay, now, cooperations }) => {
      const deps: UpskillingDeps = {
        courses: courseRepository(models, relay),
        needs: needRepository(models, relay),
        seenOrders: seenOrdersRepository(models.seenOrders),
        now,
        newId: randomUUID,
        cooperations: () => cooperations.current(),
        requestSkewMs: config.COURSE_REQUEST_SKEW_SECONDS * 1000,
        publish: (entry) => bus.publish(entry.exchange, entry.routingKey, entry.envelope),
      };
      const reconcile = async () => {
        const result = await reconcileTimers(deps, ensureWindowTimers(timerQueues, now));
        logger.info(result, 'seat window timers reconciled with the database');
      };
      return {
        http: {
          routes: (router) => {
            coursesRoutes(deps)(router);
            requestsRoutes(deps, logger)(router);
            needsRoutes(deps)(router);
          },
          redis,
          keyPrefix: config.TIMER_PREFIX,
          edge: config,
        },
        consumers: [
          consumeOrders(bus, deps),
          consumeSeatRequests(bus, deps),
          consumeErasure(bus, { ...deps, holders: candidateHolders(models) }, logger),
        ],
        workers: [startSeatWindowWorker(deps, redis, config.TIMER_PREFIX, logger)],
        // Before the service is ready: windows whose timers Redis lost are back (a closed one is due at once).
        onStart: [{ name: 'reconcile seat window timers', run: reconcile }],
        periodic: [{ name: 'reconcile seat window timers', everyMs: config.TIMER_RECONCILE_SECONDS * 1000, run: reconcile }],
      };
    },
  },
  process.env,
);
