import { hostname } from 'node:os';
import { type Bus, connectBus, declareTopology, retryPolicy } from '@rs/bus';
import { type QueueSpec, RETRY_DEFAULTS } from '@rs/contracts';
import { connectMongo, type OutboxEntry, pingMongo, type Relay, type RelayOptions, startRelay } from '@rs/db';
import { connectRedis, createTimerQueue, pingRedis, redisSafetyProblems, type TimerData } from '@rs/timers';
import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import type { ReadinessChecks } from './app';
import type { CooperationDirectory, FollowedCooperationStore } from './cooperations';
import type { ShutdownStep } from './lifecycle';
import type { Metrics } from './metrics';

export type MongoConnection = Awaited<ReturnType<typeof connectMongo>>;
export type RedisConnection = ReturnType<typeof connectRedis>;
export type TimerQueues = Record<string, Queue<TimerData>>;
/** Performs relayed outbox entries (publish, schedule); rejects if any failed. */
export type Dispatch = (entries: OutboxEntry[]) => Promise<void>;
/** The models a service keeps in its database; each is `init()`ed (indexes built) at start. */
export type ModelSet = Record<string, { init(): Promise<unknown> }>;

/** The servers a service asks the shell for. Each is opened only if named. */
export interface ConnectSpec<M extends ModelSet> {
  /** Connects to MONGO_URL / MONGO_DB and builds the service's models on that connection. */
  mongo?: (connection: MongoConnection) => M;
  /**
   * Connects to AMQP_URL and declares these queues (with every exchange) on every (re)connect;
   * settled and unroutable messages are counted on /metrics.
   */
  bus?: { queues: readonly QueueSpec[] };
  /**
   * Follows the cooperations (cooperations.ts; needs mongo, bus and cooperationVars): declares
   * `queue` (the service's own, bound to cooperation.changed), seeds the store from the reference
   * data where it holds nothing, reads it before the parts are built, consumes the queue and
   * re-reads the store every COOPERATION_RELOAD_SECONDS; the parts get the directory as
   * `ctx.cooperations`, and a secretariat's or onboarding consultant's token must name a
   * cooperation it knows. `store` defaults to the `cooperations` collection.
   */
  cooperations?: {
    queue: QueueSpec<'cooperation.changed'>;
    store?: (connection: MongoConnection, models: M) => FollowedCooperationStore;
  };
  /**
   * Connects to REDIS_URL (refused in production when Redis could lose timers) and opens these
   * BullMQ timer queues under TIMER_PREFIX, retrying failed jobs TIMER_ATTEMPTS times from TIMER_BACKOFF_MS.
   */
  redis?: {
    timerQueues?: readonly string[];
    /**
     * Whether /readyz waits for Redis. Default: only with timer queues. A service that uses Redis
     * only for the HTTP edge (shared rate limits, Idempotency-Key records) carries on without it —
     * limits pass, creates stay idempotent by their own keys — so a Redis outage must not take
     * it out of its load balancer.
     */
    readiness?: boolean;
  };
}

/** What the shell opened so far: read by the service's context and by the ordered shutdown. */
export interface Opened<M extends ModelSet> {
  connection?: MongoConnection;
  models?: M;
  bus?: Bus;
  redis?: RedisConnection;
  /** Redis is in /readyz (see ConnectSpec.redis.readiness). */
  redisReadiness?: boolean;
  timerQueues?: TimerQueues;
  relay?: Relay;
  cooperations?: CooperationDirectory;
}

type Env = Record<string, unknown>;

/** Refuses a spec whose config does not declare the variables of what it asks for (a mistake in config.ts). */
export function need(config: Env, service: string, what: string, fragment: string, names: string[]): void {
  const missing = names.filter((n) => config[n] === undefined);
  if (missing.length > 0)
    throw new Error(
      `${service} connects to ${what} but its config.ts declares no ${missing.join(', ')} (spread ${fragment} from @rs/config)`,
    );
}

/**
 * Opens what the spec names, in the order database → Redis → broker, writing each into `opened`
 * as soon as it exists (so a failure later can still close it).
 */
export async function openConnections<M extends ModelSet>(
  spec: ConnectSpec<M> & { name: string },
  config: Env,
  logger: Logger,
  metrics: Metrics,
  opened: Opened<M>,
): Promise<void> {
  if (spec.mongo) {
    need(config, spec.name, 'a database', 'mongoVars', ['MONGO_URL', 'MONGO_DB']);
    opened.connection = await connectMongo({ url: String(config.MONGO_URL), dbName: String(config.MONGO_DB), logger });
    const models = spec.mongo(opened.connection);
    await Promise.all(Object.values(models).map((m) => m.init()));
    opened.models = models;
  }
  if (spec.redis) {
    need(config, spec.name, 'Redis', 'redisVars', ['REDIS_URL', 'TIMER_PREFIX']);
    const redis = connectRedis(String(config.REDIS_URL));
    opened.redis = redis;
    opened.redisReadiness = spec.redis.readiness ?? (spec.redis.timerQueues ?? []).length > 0;
    const problems = await redisSafetyProblems(redis);
    if (problems.length > 0) {
      if (config.NODE_ENV === 'production') throw new Error(`Redis is unsafe for timers: ${problems.join('; ')}`);
      logger.warn({ problems }, 'Redis is unsafe for timers (refused in production)');
    }
    const prefix = String(config.TIMER_PREFIX);
    // The retry policy is the queues' (redisVars, defaults in @rs/timers when a config leaves them out).
    const retry = {
      ...(config.TIMER_ATTEMPTS === undefined ? {} : { attempts: Number(config.TIMER_ATTEMPTS) }),
      ...(config.TIMER_BACKOFF_MS === undefined ? {} : { backoffMs: Number(config.TIMER_BACKOFF_MS) }),
    };
    opened.timerQueues = Object.fromEntries(
      (spec.redis.timerQueues ?? []).map((name) => [name, createTimerQueue({ name, prefix, connection: redis, retry })]),
    );
  }
  if (spec.bus) {
    need(config, spec.name, 'the broker', 'busVars', ['AMQP_URL']);
    const queues = spec.cooperations ? [...spec.bus.queues, spec.cooperations.queue] : spec.bus.queues;
    // Parsed by busVars (seconds, the delays as a list); a config without them retries by the defaults.
    const retry = retryPolicy({
      RETRY_DELAYS_SECONDS: (config.RETRY_DELAYS_SECONDS as number[] | undefined) ?? RETRY_DEFAULTS.delaysSeconds,
      RETRY_MAX_SECONDS: config.RETRY_MAX_SECONDS === undefined ? RETRY_DEFAULTS.maxSeconds : Number(config.RETRY_MAX_SECONDS),
    });
    opened.bus = connectBus({
      url: String(config.AMQP_URL),
      name: `${spec.name}@${hostname()}`,
      logger,
      onSettled: metrics.onSettled,
      onUnroutable: metrics.onUnroutable,
      retry,
      setup: (ch) => declareTopology(ch, queues),
    });
  }
}

/**
 * Starts the outbox relay over the given models (needs OUTBOX_POLL_MS / OUTBOX_LEASE_MS). Leases
 * use the real clock, never a test clock: replicas compare them.
 */
export function openRelay(name: string, config: Env, logger: Logger, models: RelayOptions['models'], dispatch: Dispatch): Relay {
  need(config, name, 'the outbox relay', 'relayVars', ['OUTBOX_POLL_MS', 'OUTBOX_LEASE_MS']);
  return startRelay({
    models,
    dispatch,
    owner: `${hostname()}-${process.pid}`,
    pollMs: Number(config.OUTBOX_POLL_MS),
    leaseMs: Number(config.OUTBOX_LEASE_MS),
    logger,
  });
}

/**
 * /readyz checks for what was opened: a dependency the service does not use is not asked about,
 * nor Redis when the service can serve without it (ConnectSpec.redis.readiness).
 * Each answers within `timeoutMs` or counts as down: a ping to a Redis that is away waits in
 * ioredis's offline queue (BullMQ needs `maxRetriesPerRequest: null`), and /readyz must not hang.
 */
export function readinessOf(opened: Opened<ModelSet>, timeoutMs = 2_000): ReadinessChecks {
  const { connection, bus, redis, redisReadiness } = opened;
  const bounded = (check: () => Promise<boolean>) => () => withTimeout(check(), timeoutMs);
  return {
    ...(connection ? { database: bounded(() => pingMongo(connection)) } : {}),
    ...(bus ? { broker: async () => bus.isConnected() } : {}),
    ...(redis && redisReadiness !== false ? { redis: bounded(() => pingRedis(redis)) } : {}),
  };
}

async function withTimeout(check: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([check.catch(() => false), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** The connections' part of the shutdown order: relay → timer queues → broker → Redis → database. */
export function closingSteps(opened: Opened<ModelSet>): ShutdownStep[] {
  const { relay, timerQueues, bus, redis, connection } = opened;
  const steps: ShutdownStep[] = [];
  if (relay) steps.push(['outbox relay', () => relay.stop()]);
  if (timerQueues && Object.keys(timerQueues).length > 0)
    steps.push(['timer queues', () => Promise.all(Object.values(timerQueues).map((q) => q.close()))]);
  if (bus) steps.push(['broker', () => bus.close()]);
  if (redis) steps.push(['redis', () => redis.quit()]);
  if (connection) steps.push(['database', () => connection.close()]);
  return steps;
}
