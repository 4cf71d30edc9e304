import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { jobcentreQueueSpec, SERVICE_QUEUES } from '@rs/contracts';
import { allJobcentres } from '@rs/reference-data';
import { runService } from '@rs/service-kit';
import { consumeCvs } from './adapters/amqp/cvs.consumer';
import { consumeInquiryAnswers } from './adapters/amqp/inquiry-answers.consumer';
import { consumeOrders } from './adapters/amqp/orders.consumer';
import { inquiryRoutes } from './adapters/http/inquiry.routes';
import { poolRoutes } from './adapters/http/pool.routes';
import { searchRoutes } from './adapters/http/search.routes';
import { matchingModels } from './adapters/mongo/pool.model';
import { candidatePool, candidateReadLog, staleReportMarks } from './adapters/mongo/pool.repository';
import { inquiryRepository } from './adapters/mongo/inquiry.repository';
import { rankingRepository } from './adapters/mongo/ranking.repository';
import type { MatchingDeps } from './app/deps';
import { pruneReads } from './app/list-reads';
import { CHANGE_LOG_KEEP_MS, poolIndexSync } from './app/pool-index-sync';
import { reportStaleCvs } from './app/report-stale';
import { warmRanking } from './app/warm-ranking';
import { serviceConfig } from './config';
import { createPoolIndex } from './domain/pool-index';

runService(
  {
    name: 'matching',
    config: serviceConfig,
    mongo: matchingModels,
    // The jobcentre queues too: stale-CV reports go to them, and a queue must exist before a message to it.
    bus: {
      queues: [
        SERVICE_QUEUES.matchingEvents,
        SERVICE_QUEUES.matchingCvs,
        SERVICE_QUEUES.matchingInquiryAnswers,
        ...allJobcentres().map((j) => jobcentreQueueSpec(j.code)),
      ],
    },
    // Rate-limit counts shared by every replica.
    // Only the HTTP edge's limits and keys: it serves without Redis, so /readyz does not wait for it.
    redis: { readiness: false },
    relay: { models: (models) => [models.rankings, models.inquiries, models.inquiryAnswers] },
    // Cooperation scope and distance follow the cooperations as the admin keeps them.
    cooperations: { queue: SERVICE_QUEUES.matchingCooperations },
    parts: ({ config, models, bus, redis, relay, logger, now, cooperations }) => {
      let indexLoaded: () => void = () => {};
      const indexReady = new Promise<void>((resolve) => {
        indexLoaded = resolve;
      });
      const deps: MatchingDeps = {
        rankings: rankingRepository(models, relay),
        pool: candidatePool(models, `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`),
        candidateReads: candidateReadLog(models),
        staleReports: staleReportMarks(models),
        inquiries: inquiryRepository(models, relay),
        index: createPoolIndex(),
        indexReady,
        publish: (entry) => bus.publish(entry.exchange, entry.routingKey, entry.envelope),
        settings: { staleCvDays: config.STALE_CV_DAYS, readRetentionDays: config.READ_LOG_RETENTION_DAYS },
        now,
        newId: randomUUID,
        cooperations: () => cooperations.current(),
      };
      const sync = poolIndexSync(deps);
      return {
        http: {
          routes: (router) => {
            poolRoutes(deps)(router);
            searchRoutes(deps)(router);
            inquiryRoutes(deps)(router);
          },
          redis,
          keyPrefix: config.TIMER_PREFIX,
          edge: config,
        },
        consumers: [consumeOrders(bus, deps), consumeCvs(bus, deps, logger), consumeInquiryAnswers(bus, deps)],
        onStart: [
          {
            // Before the port opens and before the first order is ranked: the pool in memory.
            name: 'load the pool index',
            run: async () => {
              const { loaded, ms } = await sync.load();
              const warm = warmRanking(deps);
              indexLoaded();
              logger.info(
                { loaded, ms, warmMs: warm.ms, rssMb: Math.round(process.memoryUsage().rss / 1e6) },
                'pool index built from the store',
              );
            },
          },
        ],
        periodic: [
          {
            name: 'refresh the pool index',
            everyMs: config.INDEX_REFRESH_SECONDS * 1000,
            run: async () => {
              const applied = await sync.refresh();
              if (applied > 0) logger.debug({ applied }, 'pool index took over what other replicas wrote');
              // Every replica prunes: deleting what another deleted already is harmless.
              await deps.pool.pruneChanges(new Date(now().getTime() - CHANGE_LOG_KEEP_MS));
            },
          },
          {
            name: 'report stale CVs',
            everyMs: config.STALE_REPORT_SECONDS * 1000,
            run: async () => {
              const sent = await reportStaleCvs(deps);
              if (sent > 0) logger.info({ jobcentres: sent, staleAfterDays: config.STALE_CV_DAYS }, 'stale CVs reported');
            },
          },
          {
            name: 'prune candidate reads',
            everyMs: 3_600_000,
            run: async () => {
              const deleted = await pruneReads(deps);
              if (deleted > 0) logger.info({ deleted, retentionDays: config.READ_LOG_RETENTION_DAYS }, 'candidate reads pruned');
            },
          },
        ],
      };
    },
  },
  process.env,
);
