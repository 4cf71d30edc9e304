import { SERVICE_QUEUES } from '@rs/contracts';
import { runService } from '@rs/service-kit';
import { consumeErasure } from './adapters/amqp/erasure.consumer';
import { consumeReportedEvents } from './adapters/amqp/events.consumer';
import { dashboardRoutes } from './adapters/http/dashboard.routes';
import { figuresRoutes } from './adapters/http/figures.routes';
import { kkrExportRoutes } from './adapters/http/kkr-exports.routes';
import { kkrRoutes } from './adapters/http/kkr.routes';
import { cooperationRoutes } from './adapters/http/cooperation.routes';
import { administeredCooperations, cooperationModels, cooperationRepository } from './adapters/mongo/cooperation.repository';
import { seedCooperations } from './app/cooperations';
import { factErasure, factModels, factRepository } from './adapters/mongo/facts.repository';
import { kkrModels, kkrRepository } from './adapters/mongo/kkr.repository';
import type { ReportingDeps } from './app/deps';
import { reportingConfig } from './config';

runService(
  {
    name: 'reporting',
    config: reportingConfig,
    mongo: (connection) => ({ ...factModels(connection), ...kkrModels(connection), ...cooperationModels(connection) }),
    bus: { queues: [SERVICE_QUEUES.reportingEvents, SERVICE_QUEUES.reportingErasure] },
    // cooperation.changed leaves through the change log with the cooperation's new version.
    relay: { models: (models) => [models.cooperations] },
    // Only the HTTP edge's shared limits and keys: it serves without Redis, so /readyz does not wait for it.
    redis: { readiness: false },
    // Figures, the KKR scheme and the tokens follow the cooperations it administers (its own store).
    cooperations: { queue: SERVICE_QUEUES.reportingCooperations, store: (_connection, models) => administeredCooperations(models) },
    parts: ({ config, now, models, bus, redis, relay, logger, cooperations: directory }) => {
      const cooperations = { cooperations: cooperationRepository(models, relay), now, changed: () => directory.reload() };
      const facts = factRepository(models);
      const deps: ReportingDeps = {
        facts,
        now,
        thresholds: config.REPORT_THRESHOLDS,
        targets: config.PLACEMENT_TARGETS,
        cooperations: () => directory.current(),
      };
      const kkr = kkrRepository(models);
      return {
        http: {
          routes: (router) => {
            figuresRoutes(deps)(router);
            dashboardRoutes(deps)(router);
            kkrRoutes({ ...deps, kkr })(router);
            kkrExportRoutes({ ...deps, kkr })(router);
            cooperationRoutes(cooperations)(router);
          },
          // Rate-limit counts and idempotency keys, shared by every replica.
          redis,
          keyPrefix: config.TIMER_PREFIX,
          edge: config,
        },
        consumers: [consumeReportedEvents(bus, facts), consumeErasure(bus, factErasure(models), logger)],
        onStart: [
          { name: 'seed KKR recommendations', run: () => kkr.seed() },
          { name: 'seed cooperations from the reference data', run: async () => void (await seedCooperations(cooperations)) },
        ],
      };
    },
  },
  process.env,
);
