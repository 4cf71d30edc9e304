import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Bus } from '@rs/bus';
import { loadConfig } from '@rs/config';
import type { Relay, RelayOptions } from '@rs/db';
import type { z } from 'zod';
import { type AppOptions, createApp, type ReadinessChecks } from './app';
import { issuerFromConfig, jwtVerifier } from './auth';
import { followedCooperationRepository } from './cooperation-store';
import { type CooperationDirectory, consumeCooperationChanges, cooperationDirectory, startFollowingCooperations } from './cooperations';
import { closeServer, listen, onShutdown, type ShutdownStep, stopInOrder } from './lifecycle';
import { createLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import {
  type ConnectSpec,
  closingSteps,
  need,
  type Dispatch,
  type ModelSet,
  type MongoConnection,
  type Opened,
  openConnections,
  openRelay,
  type RedisConnection,
  readinessOf,
  type TimerQueues,
} from './run-service-connect';
import { type PeriodicJob, startPeriodic } from './run-service-periodic';
import { outboxDispatcher } from './outbox-dispatch';

export type { ConnectSpec, Dispatch, ModelSet, MongoConnection, RedisConnection, TimerQueues } from './run-service-connect';
export type { PeriodicJob } from './run-service-periodic';

type ConfigOf<S extends z.ZodRawShape> = Readonly<z.infer<z.ZodObject<S>>>;

/**
 * What a service's parts are built from. `connection`, `models`, `bus`, `redis`, `timerQueues`
 * and `relay` exist only when the spec asked for them; reading one it did not ask for throws
 * at start, naming what to add.
 */
export interface ServiceContext<S extends z.ZodRawShape, M extends ModelSet> {
  name: string;
  config: ConfigOf<S>;
  logger: Logger;
  metrics: Metrics;
  now: () => Date;
  connection: MongoConnection;
  models: M;
  bus: Bus;
  redis: RedisConnection;
  timerQueues: TimerQueues;
  relay: Relay;
  /** The cooperations as this process follows them (spec `cooperations`). */
  cooperations: CooperationDirectory;
}

/** The HTTP part: the service's routes and any other createApp option (the shell supplies the rest). */
export type HttpPart = Partial<Pick<AppOptions, 'routes'>> &
  Omit<AppOptions, 'service' | 'logger' | 'metrics' | 'verifyToken' | 'readiness' | 'routes'>;

/** Work that must be done before the service takes requests (a failure stops the start). */
export interface StartTask {
  name: string;
  run: () => Promise<unknown>;
}

/** A service's parts. Consumers and workers are already running when returned; the shell stops them. */
export interface ServiceParts {
  http?: HttpPart;
  consumers?: Array<{ stop(): Promise<void>; ready?(): Promise<void> }>;
  workers?: Array<{ close(): Promise<void> }>;
  /** Run in order after consumers and workers started, before the HTTP port opens. */
  onStart?: StartTask[];
  /** Started once the HTTP port is open; see PeriodicJob. */
  periodic?: PeriodicJob[];
}

export interface ServiceSpec<S extends z.ZodRawShape, M extends ModelSet> extends ConnectSpec<M> {
  /** The service's name: logs, metrics, broker connection name. */
  name: string;
  /** The service's env schema (config.ts): serviceVars plus the fragments of the servers it connects to. */
  config: S;
  /** The service's clock. Default the real one. */
  now?: (config: ConfigOf<S>) => () => Date;
  /**
   * Starts the outbox relay over these models. Its dispatch defaults to publishing on the bus and
   * scheduling on the timer queues (outboxDispatcher).
   */
  relay?: { models: (models: M) => RelayOptions['models']; dispatch?: (ctx: ServiceContext<S, M>) => Dispatch };
  parts: (ctx: ServiceContext<S, M>) => ServiceParts | Promise<ServiceParts>;
}

/** A started service (in-process). */
export interface Shell {
  name: string;
  port: number;
  logger: Logger;
  readiness: ReadinessChecks;
  /** The shutdown order for what is running now. */
  steps(): ShutdownStep[];
  /** Runs the shutdown steps in order; resolves with the names of the steps that ran. */
  stop(): Promise<string[]>;
}

export interface ShellOptions {
  /** Each shutdown step may take this long before the next one runs. Default 10000. */
  stepTimeoutMs?: number;
}

/**
 * Starts a service from its parts, in-process: config → connections → parts → start tasks →
 * HTTP → periodic jobs. `runService` is this plus the process's signals; tests call it directly.
 * If any step of the start fails, what was opened is closed again and the error is thrown.
 */
export async function startShell<S extends z.ZodRawShape, M extends ModelSet = Record<string, never>>(
  spec: ServiceSpec<S, M>,
  env: Record<string, string | undefined>,
  options: ShellOptions = {},
): Promise<Shell> {
  const config = loadConfig(spec.config, env);
  const vars = config as Record<string, unknown>;
  need(vars, spec.name, 'HTTP', 'serviceVars', ['PORT', 'OIDC_ISSUER', 'OIDC_AUDIENCE', 'LOG_LEVEL']);
  const logger = createLogger(spec.name, String(vars.LOG_LEVEL ?? 'info'));
  const metrics = createMetrics(spec.name);
  const now = spec.now ? spec.now(config) : () => new Date();
  const opened: Opened<M> = {};
  const running: {
    server?: Server;
    periodic?: { stop(): Promise<void> };
    parts?: ServiceParts;
    follower?: { stop(): Promise<void>; ready?(): Promise<void> };
  } = {};

  const steps = (): ShutdownStep[] => {
    const { server, periodic, parts, follower } = running;
    const consumers = [...(parts?.consumers ?? []), ...(follower ? [follower] : [])];
    const workers = parts?.workers ?? [];
    return [
      ...(server ? [['http', () => closeServer(server)] as ShutdownStep] : []),
      ...(periodic ? [['periodic jobs', () => periodic.stop()] as ShutdownStep] : []),
      ...(consumers.length > 0 ? [['consumers', () => Promise.all(consumers.map((c) => c.stop()))] as ShutdownStep] : []),
      ...(workers.length > 0 ? [['timer workers', () => Promise.all(workers.map((w) => w.close()))] as ShutdownStep] : []),
      ...closingSteps(opened),
    ];
  };
  const stop = () => stopInOrder(logger, steps(), options.stepTimeoutMs);

  try {
    const ctx = contextOf(spec.name, config, logger, metrics, now, opened);
    await openConnections(spec, vars, logger, metrics, opened);
    if (spec.relay) {
      const dispatch = spec.relay.dispatch ? spec.relay.dispatch(ctx) : outboxDispatcher(ctx.bus, opened.timerQueues ?? {}, now);
      opened.relay = openRelay(spec.name, vars, logger, spec.relay.models(ctx.models), dispatch);
    }
    const reload = spec.cooperations ? await followCooperations(spec, vars, logger, opened, running) : undefined;
    const parts = await spec.parts(ctx);
    running.parts = parts;
    for (const task of parts.onStart ?? []) await task.run();
    // The port opens (and /readyz answers) only once every queue is declared and bound: a
    // message published to a service that says it is ready is routed, never returned.
    await Promise.all([...(parts.consumers ?? []), ...(running.follower ? [running.follower] : [])].map((c) => c.ready?.()));
    const readiness = readinessOf(opened);
    const app = createApp({
      service: spec.name,
      logger,
      metrics,
      verifyToken: jwtVerifier(issuerFromConfig(vars), opened.cooperations ? { knownCooperation: opened.cooperations.knows } : {}),
      readiness,
      routes: () => {},
      ...parts.http,
    });
    running.server = await listen(app, Number(vars.PORT));
    const port = (running.server.address() as AddressInfo).port;
    logger.info({ port }, `${spec.name} ready`);
    running.periodic = startPeriodic([...(parts.periodic ?? []), ...(reload ? [reload] : [])], logger);
    return { name: spec.name, port, logger, readiness, steps, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * A service's whole main: starts it (startShell) and stops it in order on SIGTERM/SIGINT. A
 * start that fails prints the reason plainly (config errors are meant for a person) and exits 1.
 */
export function runService<S extends z.ZodRawShape, M extends ModelSet = Record<string, never>>(
  spec: ServiceSpec<S, M>,
  env: Record<string, string | undefined>,
): void {
  startShell(spec, env).then(
    (shell) => onShutdown(shell.logger, shell.steps),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}

/**
 * The spec's `cooperations` part: the store (seeded, read), its consumer (kept in `running` so it
 * stops with the others) and the periodic reload, returned for startPeriodic.
 */
async function followCooperations<S extends z.ZodRawShape, M extends ModelSet>(
  spec: ServiceSpec<S, M>,
  vars: Record<string, unknown>,
  logger: Logger,
  opened: Opened<M>,
  running: { follower?: { stop(): Promise<void>; ready?(): Promise<void> } },
): Promise<PeriodicJob> {
  const follow = spec.cooperations;
  if (!follow) throw new Error('followCooperations: the spec follows no cooperations');
  need(vars, spec.name, 'the cooperations', 'cooperationVars', ['COOPERATION_RELOAD_SECONDS']);
  if (!opened.connection || !opened.models || !opened.bus) {
    throw new Error(
      `${spec.name} follows the cooperations but does not connect a database and the broker: add mongo and bus to its runService spec`,
    );
  }
  const store = follow.store ? follow.store(opened.connection, opened.models) : followedCooperationRepository(opened.connection);
  const directory = cooperationDirectory(store);
  await startFollowingCooperations(store, directory);
  opened.cooperations = directory;
  running.follower = consumeCooperationChanges(opened.bus, follow.queue, store, directory, logger);
  return { name: 'reload cooperations', everyMs: Number(vars.COOPERATION_RELOAD_SECONDS) * 1000, run: () => directory.reload() };
}

/** The context's connected parts: what each is called in an error, and what the spec must add for it. */
const CONNECTED_PARTS: ReadonlyArray<[keyof Opened<ModelSet>, string, string]> = [
  ['connection', 'the database', 'mongo'],
  ['models', 'database models', 'mongo'],
  ['bus', 'the broker', 'bus'],
  ['redis', 'Redis', 'redis'],
  ['timerQueues', 'timer queues', 'redis: { timerQueues }'],
  ['relay', 'the outbox relay', 'relay'],
  ['cooperations', 'the cooperations', 'cooperations: { queue }'],
];

function contextOf<S extends z.ZodRawShape, M extends ModelSet>(
  name: string,
  config: ConfigOf<S>,
  logger: Logger,
  metrics: Metrics,
  now: () => Date,
  opened: Opened<M>,
): ServiceContext<S, M> {
  const ctx = { name, config, logger, metrics, now };
  for (const [key, what, add] of CONNECTED_PARTS) {
    Object.defineProperty(ctx, key, {
      enumerable: true,
      get: () => {
        const value = opened[key];
        if (value === undefined) throw new Error(`${name} uses ${what} but does not connect it: add ${add} to its runService spec`);
        return value;
      },
    });
  }
  return ctx as ServiceContext<S, M>;
}
