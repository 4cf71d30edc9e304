import { randomUUID } from 'node:crypto';
import { SERVICE_QUEUES } from '@rs/contracts';
import { runService } from '@rs/service-kit';
import { consumeCvs } from './adapters/amqp/cvs.consumer';
import { consumeOrders } from './adapters/amqp/orders.consumer';
import { poolRoutes } from './adapters/http/pool.routes';
import { matchingModels } from './adapters/mongo/pool.model';
import { candidatePool, candidateReadLog } from './adapters/mongo/pool.repository';
import { rankingRepository } from './adapters/mongo/ranking.repository';
import type { MatchingDeps } from './app/deps';
import { serviceConfig } from './config';

runService(
  {
    name: 'matching',
    config: serviceConfig,
    mongo: matchingModels,
    bus: { queues: [SERVICE_QUEUES.matchingEvents, SERVICE_QUEUES.matchingCvs] },
    // Rate-limit counts shared by every replica.
    // Only the HTTP edge's limits and keys: it serves without Redis, so /readyz does not wait for it.
    redis: { readiness: false },
    relay: { models: (models) => [models.rankings] },
    parts: ({ config, models, bus, redis, relay, logger, now }) => {
      const deps: MatchingDeps = {
        rankings: rankingRepository(models, relay),
        pool: candidatePool(models),
        candidateReads: candidateReadLog(models),
        now,
        newId: randomUUID,
      };
      return {
        http: { routes: poolRoutes(deps), redis, keyPrefix: config.TIMER_PREFIX, edge: config },
        consumers: [consumeOrders(bus, deps), consumeCvs(bus, deps, logger)],
      };
    },
  },
  process.env,
);
