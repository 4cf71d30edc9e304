import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, Options } from 'amqplib';
import type { Envelope } from '@rs/contracts';
import type { Logger } from './logger';

export interface BusOptions {
  url: string;
  /** Shown in the broker's connection list. */
  name: string;
  logger: Logger;
  /** Declares what this process needs; replayed on every (re)connect of every channel. */
  setup?: (ch: ConfirmChannel) => Promise<void>;
  /** A publish not confirmed within this many ms fails. Default 10000. */
  publishTimeoutMs?: number;
  /** Called once per consumed message with how it was settled (for metrics). */
  onSettled?: (queue: string, outcome: SettleOutcome) => void;
}

export type SettleOutcome = 'ack' | 'dead-letter' | 'retry';

export interface PublishOptions {
  /** The broker validates it against the connection's user name (the trusted sender). */
  userId?: string;
  headers?: Record<string, unknown>;
}

export interface Bus {
  readonly connection: AmqpConnectionManager;
  readonly logger: Logger;
  readonly setup: (ch: ConfirmChannel) => Promise<void>;
  readonly onSettled: (queue: string, outcome: SettleOutcome) => void;
  /** Persistent publish that resolves only when the broker confirmed it. */
  publish(exchange: string, routingKey: string, envelope: Envelope, options?: PublishOptions): Promise<void>;
  /** Publishes raw bytes (dead letters, tests of malformed input). */
  publishRaw(exchange: string, routingKey: string, body: Buffer, properties: Options.Publish): Promise<void>;
  isConnected(): boolean;
  close(): Promise<void>;
}

/**
 * One connection per process, reconnecting by itself (amqp-connection-manager), with one
 * confirm channel for publishing. Its in-memory buffer while disconnected is NOT durable: state
 * that must not be lost goes through the outbox, which re-publishes until confirmed.
 */
export function connectBus(options: BusOptions): Bus {
  const { logger } = options;
  const setup = options.setup ?? (async () => {});
  const connection = amqp.connect([options.url], {
    heartbeatIntervalInSeconds: 10,
    reconnectTimeInSeconds: 1,
    connectionOptions: { clientProperties: { connection_name: options.name } },
  });
  let connected = false;
  connection.on('connect', () => {
    connected = true;
    logger.info({ broker: redact(options.url) }, 'connected to broker');
  });
  connection.on('disconnect', ({ err }) => {
    connected = false;
    logger.warn({ err: err?.message }, 'disconnected from broker; reconnecting');
  });
  connection.on('connectFailed', ({ err }) => logger.warn({ err: err?.message }, 'broker connection failed; retrying'));
  connection.on('blocked', ({ reason }) => logger.warn({ reason }, 'broker blocked publishing'));

  const publisher: ChannelWrapper = connection.createChannel({
    name: `${options.name}-publisher`,
    confirm: true,
    publishTimeout: options.publishTimeoutMs ?? 10_000,
    setup,
  });
  publisher.on('error', (err, { name }) => logger.error({ err: err.message, channel: name }, 'publisher channel error'));

  const publishRaw: Bus['publishRaw'] = async (exchange, routingKey, body, properties) => {
    await publisher.publish(exchange, routingKey, body, { persistent: true, ...properties });
  };

  return {
    connection,
    logger,
    setup,
    onSettled: options.onSettled ?? (() => {}),
    publish: (exchange, routingKey, envelope, publishOptions = {}) =>
      publishRaw(exchange, routingKey, Buffer.from(JSON.stringify(envelope)), {
        contentType: 'application/cloudevents+json',
        messageId: envelope.id,
        type: envelope.type,
        timestamp: Math.floor(Date.parse(envelope.time) / 1000),
        ...(envelope.correlationid ? { correlationId: envelope.correlationid } : {}),
        ...(publishOptions.userId ? { userId: publishOptions.userId } : {}),
        ...(publishOptions.headers ? { headers: publishOptions.headers } : {}),
      }),
    publishRaw,
    isConnected: () => connected,
    async close() {
      await publisher.close().catch(() => {});
      await connection.close().catch(() => {});
    },
  };
}

/** Never log a password, even our own. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable url)';
  }
}
