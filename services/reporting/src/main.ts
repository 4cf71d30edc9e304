import { SERVICE_QUEUES } from '@rs/contracts';
import { runService } from '@rs/service-kit';
import { consumeReportedEvents } from './adapters/amqp/events.consumer';
import { dashboardRoutes } from './adapters/http/dashboard.routes';
import { figuresRoutes } from './adapters/http/figures.routes';
import { kkrExportRoutes } from './adapters/http/kkr-exports.routes';
import { kkrRoutes } from './adapters/http/kkr.routes';
import { factModels, factRepository } from './adapters/mongo/facts.repository';
import { kkrModels, kkrRepository } from './adapters/mongo/kkr.repository';
import type { ReportingDeps } from './app/deps';
import { reportingConfig } from './config';

runService(
  {
    name: 'reporting',
    config: reportingConfig,
    mongo: (connection) => ({ ...factModels(connection), ...kkrModels(connection) }),
    bus: { queues: [SERVICE_QUEUES.reportingEvents] },
    parts: ({ config, now, models, bus }) => {
      const facts = factRepository(models);
      const deps: ReportingDeps = { facts, now, thresholds: config.REPORT_THRESHOLDS, targets: config.PLACEMENT_TARGETS };
      const kkr = kkrRepository(models);
      return {
        http: {
          routes: (router) => {
            figuresRoutes(deps)(router);
            dashboardRoutes(deps)(router);
            kkrRoutes({ ...deps, kkr })(router);
            kkrExportRoutes({ ...deps, kkr })(router);
          },
          edge: config,
        },
        consumers: [consumeReportedEvents(bus, facts)],
        onStart: [{ name: 'seed KKR recommendations', run: () => kkr.seed() }],
      };
    },
  },
  process.env,
);
