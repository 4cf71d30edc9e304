import { randomUUID } from 'node:crypto';
import AsyncLock from 'async-lock';
import { jobcentreQueueSpec, SERVICE_QUEUES, TIMER_QUEUES } from '@rs/contracts';
import { allJobcentres } from '@rs/reference-data';
import { clockFrom, outboxDispatcher, runService, withFailpoint } from '@rs/service-kit';
import { addWorkingHours } from '@rs/working-time';
import { consumeErasure } from './adapters/amqp/erasure.consumer';
import { consumeOrderEvents } from './adapters/amqp/events.consumer';
import { consumeReplies } from './adapters/amqp/replies.consumer';
import { complianceRoutes } from './adapters/http/compliance.routes';
import { bullBoardRoutes } from './adapters/http/bull-board.routes';
import { deadLetterRoutes } from './adapters/http/dead-letters.routes';
import { feedRoutes } from './adapters/http/feed.routes';
import { inboxRoutes } from './adapters/http/inbox.routes';
import { roundsRoutes } from './adapters/http/rounds.routes';
import { erasureRepository } from './adapters/mongo/erasure.repository';
import { feedRepository, jobcentreMessageModel } from './adapters/mongo/feed.repository';
import { orderSnapshotRepository } from './adapters/mongo/order-snapshot.repository';
import { roundModels } from './adapters/mongo/round.model';
import { roundRepository } from './adapters/mongo/round.repository';
import { shortlistRepository } from './adapters/mongo/shortlist.repository';
import { roundTimerQueues } from './adapters/timers/round-timer-queues';
import { startRoundTimerWorkers } from './adapters/timers/round-timers.worker';
import type { BroadcastDeps } from './app/deps';
import { reconcileEscalations } from './app/escalate';
import { reconcileTimers } from './app/reconcile-timers';
import { broadcastConfig } from './config';
import { cooperationOfOn } from './domain/cooperations';
import { retainedFrom } from './domain/feed';
import { danishDay } from '@rs/contracts';

runService(
  {
    name: 'broadcast',
    config: broadcastConfig,
    now: (config) => clockFrom(config.TEST_CLOCK_START),
    mongo: (connection) => ({
      ...roundModels(connection),
      jobcentreMessages: jobcentreMessageModel(connection),
    }),
    // Every jobcentre queue is declared before the first round, so no copy is routed to nowhere.
    bus: {
      queues: [
        SERVICE_QUEUES.broadcastEvents,
        SERVICE_QUEUES.broadcastReplies,
        SERVICE_QUEUES.broadcastErasure,
        ...allJobcentres().map((j) => jobcentreQueueSpec(j.code)),
      ],
    },
    // The rounds it opens from now on follow the cooperations as reporting's admin left them
    // (ctx.cooperations); an open round keeps what it opened with.
    cooperations: { queue: SERVICE_QUEUES.broadcastCooperations },
    redis: { timerQueues: [TIMER_QUEUES.replyDeadlines, TIMER_QUEUES.replyReminders] },
    relay: {
      models: (models) => [models.rounds],
      // Recorded before publishing, so the catch-up feed never misses what a queue received.
      dispatch: ({ config, models, bus, timerQueues, now }) => {
        const feed = feedRepository(models.jobcentreMessages);
        const publishAndSchedule = outboxDispatcher(withFailpoint(bus, config.FAILPOINT_KILL_AFTER_PUBLISHES), timerQueues, now);
        return async (entries) => {
          await feed.record(entries);
          await publishAndSchedule(entries);
        };
      },
    },
    parts: ({ config, logger, now, models, bus, redis, timerQueues, relay, cooperations }) => {
      const timers = roundTimerQueues(timerQueues, config.REMINDER_OFFSETS_SECONDS);
      const roundLock = new AsyncLock({ maxPending: Number.POSITIVE_INFINITY });
      const feed = feedRepository(models.jobcentreMessages);
      const deps: BroadcastDeps = {
        rounds: roundRepository(models, relay),
        orders: orderSnapshotRepository(models),
        shortlists: shortlistRepository(models),
        oneAtATime: (key, task) => roundLock.acquire(key, task),
        now,
        newId: randomUUID,
        window: {
          ...(config.REPLY_WINDOW_SECONDS ? { seconds: config.REPLY_WINDOW_SECONDS } : {}),
          ...(config.REPLY_WINDOW_MODE ? { mode: config.REPLY_WINDOW_MODE } : {}),
        },
        addWorkingSeconds: (start, seconds) => addWorkingHours(start, seconds / 3600),
        reminderOffsets: config.REMINDER_OFFSETS_SECONDS,
        autoEscalate: (lead) => {
          const own = cooperationOfOn(cooperations.current(), lead, danishDay(now()));
          if (!own) return false;
          return config.AUTO_ESCALATE_COOPERATIONS ? config.AUTO_ESCALATE_COOPERATIONS.includes(own.id) : own.escalation.autoEscalate;
        },
        cooperations: () => cooperations.current(),
        publish: (entry) => bus.publish(entry.exchange, entry.routingKey, entry.envelope),
        cancelTimers: (roundId) => timers.cancel(roundId),
      };
      const retention = { days: config.FEED_RETENTION_DAYS, now };
      const reconcile = async () => {
        const result = await reconcileTimers(deps, (entries) => timers.ensure(entries, now()));
        logger.info({ ...result, timers: result.added + result.kept }, 'timers reconciled with the database');
      };
      return {
        http: {
          routes: (router) => {
            roundsRoutes(deps)(router);
            inboxRoutes(deps)(router);
            deadLetterRoutes(config.AMQP_URL, logger)(router);
            complianceRoutes(deps)(router);
            feedRoutes(feed, logger, retention)(router);
            bullBoardRoutes(Object.values(timerQueues))(router);
          },
          // Rate-limit counts and idempotency keys, shared by every replica.
          redis,
          keyPrefix: config.TIMER_PREFIX,
          edge: config,
        },
        consumers: [
          consumeOrderEvents(bus, deps),
          consumeReplies(bus, deps),
          consumeErasure(bus, { ...deps, erasure: erasureRepository(models, models.jobcentreMessages) }, logger),
        ],
        workers: startRoundTimerWorkers(deps, redis, config.TIMER_PREFIX, logger),
        onStart: [
          // Before the service is ready: timers that Redis lost are back before anything is asked of it.
          { name: 'reconcile timers', run: reconcile },
          {
            name: 'reconcile escalations',
            run: async () => {
              const escalated = await reconcileEscalations(deps);
              if (escalated > 0) logger.warn({ rounds: escalated }, 'escalations lost in a crash opened now');
            },
          },
        ],
        periodic: [
          // Then again and again: a job that failed for good (the database was down past its attempts) is
          // replaced, and what Redis lost meanwhile is re-added. (Its first turn repeats the start's: harmless.)
          { name: 'reconcile timers', everyMs: config.TIMER_RECONCILE_SECONDS * 1000, run: reconcile },
          {
            // Every replica prunes: deleting what another replica deleted already is harmless.
            name: 'prune catch-up feed',
            everyMs: 3_600_000,
            run: async () => {
              const deleted = await feed.prune(retainedFrom(now(), config.FEED_RETENTION_DAYS));
              if (deleted > 0) logger.info({ deleted, retentionDays: config.FEED_RETENTION_DAYS }, 'catch-up feed pruned');
            },
          },
        ],
      };
    },
  },
  process.env,
);
