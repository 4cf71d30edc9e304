import { randomUUID } from 'node:crypto';
import AsyncLock from 'async-lock';
import { hostname } from 'node:os';
import { connectBus, declareTopology } from '@rs/bus';
import { loadConfig } from '@rs/config';
import { jobcentreQueueSpec, SERVICE_QUEUES, TIMER_QUEUES } from '@rs/contracts';
import { connectMongo, type OutboxEntry, pingMongo, startRelay } from '@rs/db';
import { allJobcentres, cooperationOf } from '@rs/reference-data';
import { closeServer, createApp, createLogger, createMetrics, listen, onShutdown, outboxDispatcher } from '@rs/service-kit';
import { cancelTimer, connectRedis, createTimerQueue, pingRedis, redisSafetyProblems, scheduleAt } from '@rs/timers';
import { addWorkingHours } from '@rs/working-time';
import { roundModels } from './adapters/mongo/round.model';
import { consumeOrderEvents } from './adapters/amqp/events.consumer';
import { consumeReplies } from './adapters/amqp/replies.consumer';
import { complianceRoutes } from './adapters/http/compliance.routes';
import { feedRoutes } from './adapters/http/feed.routes';
import { feedRepository, jobcentreMessageModel } from './adapters/mongo/feed.repository';
import { orderSnapshotRepository } from './adapters/mongo/order-snapshot.repository';
import { roundRepository } from './adapters/mongo/round.repository';
import { shortlistRepository } from './adapters/mongo/shortlist.repository';
import { startRoundTimerWorkers } from './adapters/timers/round-timers.worker';
import { roundsRoutes } from './adapters/http/rounds.routes';
import type { BroadcastDeps } from './app/deps';
import { deadlineTimerId, reminderTimerId } from './app/outgoing';
import { reconcileTimers } from './app/reconcile-timers';
import { reconcileEscalations } from './app/escalate';
import { retainedFrom } from './domain/feed';
import { broadcastConfig } from './config';

const SERVICE = 'broadcast';

async function main() {
  const config = loadConfig(broadcastConfig, process.env);
  const logger = createLogger(SERVICE, config.LOG_LEVEL);
  const metrics = createMetrics(SERVICE);
  const now = clock(config.TEST_CLOCK_START);

  const connection = await connectMongo({ url: config.MONGO_URL, dbName: config.MONGO_DB, logger });
  const models = roundModels(connection);
  await Promise.all([models.rounds.init(), models.orders.init()]);

  const redis = connectRedis(config.REDIS_URL);
  const problems = await redisSafetyProblems(redis);
  if (problems.length > 0) {
    if (config.NODE_ENV === 'production') throw new Error(`Redis is unsafe for timers: ${problems.join('; ')}`);
    logger.warn({ problems }, 'Redis is unsafe for timers (refused in production)');
  }
  const deadlines = createTimerQueue({ name: TIMER_QUEUES.replyDeadlines, prefix: config.TIMER_PREFIX, connection: redis });
  const reminders = createTimerQueue({ name: TIMER_QUEUES.replyReminders, prefix: config.TIMER_PREFIX, connection: redis });
  const timerQueues: Record<string, typeof deadlines> = {
    [TIMER_QUEUES.replyDeadlines]: deadlines,
    [TIMER_QUEUES.replyReminders]: reminders,
  };

  // Every jobcentre queue is declared before the first round, so no copy is routed to nowhere.
  const queues = [
    SERVICE_QUEUES.broadcastEvents!,
    SERVICE_QUEUES.broadcastReplies!,
    ...allJobcentres().map((j) => jobcentreQueueSpec(j.code)),
  ];
  const bus = connectBus({
    url: config.AMQP_URL,
    name: `${SERVICE}@${hostname()}`,
    logger,
    onSettled: metrics.onSettled,
    onUnroutable: metrics.onUnroutable,
    setup: (ch) => declareTopology(ch, queues),
  });

  const jobcentreMessages = jobcentreMessageModel(connection);
  await jobcentreMessages.init();
  const feed = feedRepository(jobcentreMessages);
  const publishAndSchedule = outboxDispatcher(withFailpoint(bus, config.FAILPOINT_KILL_AFTER_PUBLISHES), timerQueues, now);
  // Recorded before publishing, so the catch-up feed never misses what a queue received.
  const dispatch = async (entries: OutboxEntry[]) => {
    await feed.record(entries);
    await publishAndSchedule(entries);
  };
  const relay = startRelay({
    models: [models.rounds],
    dispatch,
    owner: `${hostname()}-${process.pid}`,
    pollMs: config.OUTBOX_POLL_MS,
    leaseMs: config.OUTBOX_LEASE_MS,
    logger,
  });

  const roundLock = new AsyncLock({ maxPending: Number.POSITIVE_INFINITY });
  const deps: BroadcastDeps = {
    rounds: roundRepository(models, relay),
    orders: orderSnapshotRepository(models),
    shortlists: shortlistRepository(models),
    oneAtATime: (key, task) => roundLock.acquire(key, task),
    now,
    newId: randomUUID,
    window: { seconds: config.REPLY_WINDOW_SECONDS, ...(config.REPLY_WINDOW_MODE ? { mode: config.REPLY_WINDOW_MODE } : {}) },
    addWorkingSeconds: (start, seconds) => addWorkingHours(start, seconds / 3600),
    reminderOffsets: config.REMINDER_OFFSETS_SECONDS,
    autoEscalate: (lead) => {
      const own = cooperationOf(lead);
      if (!own) return false;
      return config.AUTO_ESCALATE_COOPERATIONS ? config.AUTO_ESCALATE_COOPERATIONS.includes(own.id) : own.autoEscalate;
    },
    publish: (entry) => bus.publish(entry.exchange, entry.routingKey, entry.envelope),
    cancelTimers: async (roundId, recipient) => {
      await cancelTimer(deadlines, deadlineTimerId(roundId, recipient));
      for (const offset of config.REMINDER_OFFSETS_SECONDS) await cancelTimer(reminders, reminderTimerId(roundId, recipient, offset));
    },
  };

  const consumers = [consumeOrderEvents(bus, deps), consumeReplies(bus, deps)];
  const workers = startRoundTimerWorkers(deps, redis, config.TIMER_PREFIX, logger);
  const rebuilt = await reconcileTimers(deps, (e) => scheduleAt(timerQueues[e.queue]!, e.jobId, new Date(e.runAt), e.data, now()));
  logger.info({ timers: rebuilt }, 'timers reconciled with the database');
  const escalated = await reconcileEscalations(deps);
  if (escalated > 0) logger.warn({ rounds: escalated }, 'escalations lost in a crash opened now');

  const app = createApp({
    service: SERVICE,
    logger,
    metrics,
    authSecret: config.AUTH_SECRET,
    readiness: { database: () => pingMongo(connection), broker: async () => bus.isConnected(), redis: () => pingRedis(redis) },
    routes: (router) => {
      roundsRoutes(deps)(router);
      complianceRoutes(deps)(router);
      feedRoutes(feed, logger, { days: config.FEED_RETENTION_DAYS, now })(router);
    },
  });
  const server = await listen(app, config.PORT);
  logger.info({ port: config.PORT }, 'broadcast ready');

  // Every replica prunes: deleting what another replica deleted already is harmless.
  const pruneOldFeed = () =>
    feed
      .prune(retainedFrom(now(), config.FEED_RETENTION_DAYS))
      .then((deleted) => deleted > 0 && logger.info({ deleted, retentionDays: config.FEED_RETENTION_DAYS }, 'catch-up feed pruned'))
      .catch((error: Error) => logger.warn({ err: error.message }, 'pruning the catch-up feed failed; will retry'));
  void pruneOldFeed();
  const feedPruner = setInterval(pruneOldFeed, 3_600_000).unref();

  onShutdown(logger, () => [
    ['http', () => closeServer(server)],
    ['feed pruning', async () => clearInterval(feedPruner)],
    ['consumers', () => Promise.all(consumers.map((c) => c.stop()))],
    ['timer workers', () => Promise.all(workers.map((w) => w.close()))],
    ['outbox relay', () => relay.stop()],
    ['timer queues', () => Promise.all([deadlines.close(), reminders.close()])],
    ['broker', () => bus.close()],
    ['redis', () => redis.quit()],
    ['database', () => connection.close()],
  ]);
}

/** The real clock, or (tests) one that starts at a given instant and runs at normal speed. */
function clock(start: string | undefined): () => Date {
  if (!start) return () => new Date();
  const offset = Date.parse(start) - Date.now();
  return () => new Date(Date.now() + offset);
}

/**
 * Test-only fault injection: publish only the first N messages, and die hard (SIGKILL) once they
 * are confirmed, before the outbox entries are removed: a crash in the middle of a fan-out.
 */
function withFailpoint<B extends { publish: (...a: never[]) => Promise<void> }>(bus: B, killAfter: number | undefined): B {
  if (!killAfter) return bus;
  let calls = 0;
  let confirmed = 0;
  return {
    ...bus,
    publish: async (...args: Parameters<B['publish']>) => {
      if (++calls > killAfter) return new Promise<void>(() => {});
      await bus.publish(...args);
      if (++confirmed >= killAfter) process.kill(process.pid, 'SIGKILL');
    },
  };
}

main().catch((error) => {
  // Config errors are meant for a person: print them plainly.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
