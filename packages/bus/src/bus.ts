import amqp, { type AmqpConnectionManager, type ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage, Options } from 'amqplib';
import { EXCHANGES, type Envelope, UNROUTABLE_HEADERS, UNROUTABLE_POLICY } from '@rs/contracts';
import { UnroutableError } from './errors';
import type { Logger } from './logger';
import type { RetryPolicy } from './retry-policy';

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
  /** Called once per published message the broker returned as unroutable, after it was parked or refused (for metrics). */
  onUnroutable?: (exchange: string, routingKey: string, outcome: UnroutableOutcome) => void;
  /** How this process's consumers retry transient failures (delay queues). Default none: requeue (connectors). */
  retry?: RetryPolicy;
}

/** `parked`: kept in the unroutable queue, the publish succeeded. `refused`: the publish rejected with UnroutableError. */
export type UnroutableOutcome = 'parked' | 'refused';

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
  readonly retry: RetryPolicy | undefined;
  /**
   * Persistent, `mandatory` publish that resolves only when the broker confirmed it and routed it
   * to a queue. A message no queue is bound for is, by the exchange's UNROUTABLE_POLICY, parked
   * in the unroutable queue (resolves) or refused (rejects with UnroutableError); both are logged
   * as errors and reported to onUnroutable. Never confirmed and dropped.
   */
  publish(exchange: string, routingKey: string, envelope: Envelope, options?: PublishOptions): Promise<void>;
  /** Publishes raw bytes, not `mandatory` (tests of malformed input). */
  publishRaw(exchange: string, routingKey: string, body: Buffer, properties: Options.Publish): Promise<void>;
  /** Publishes raw bytes like publish(): `mandatory`, an unroutable one parked or refused by UNROUTABLE_POLICY (retry copies, dead letters). */
  publishRawMandatory(exchange: string, routingKey: string, body: Buffer, properties: Options.Publish): Promise<void>;
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

  // The broker sends basic.return before the confirm of a mandatory message it could not route,
  // and amqp-connection-manager resolves the publish on the confirm alone: the returns are
  // collected here, per channel, and each publish looks for its own once it is confirmed.
  const returned = new Map<string, number>();
  const publisher: ChannelWrapper = connection.createChannel({
    name: `${options.name}-publisher`,
    confirm: true,
    publishTimeout: options.publishTimeoutMs ?? 10_000,
    setup: async (ch: ConfirmChannel) => {
      returned.clear();
      ch.on('return', (msg: ConsumeMessage) => {
        const key = returnKey(msg.fields.exchange, msg.fields.routingKey, msg.properties.messageId);
        returned.set(key, (returned.get(key) ?? 0) + 1);
      });
      await setup(ch);
    },
  });
  /** Whether the broker returned this publish (and forgets that it did, for the next one with the same key). */
  const takeReturn = (key: string): boolean => {
    const count = returned.get(key) ?? 0;
    if (count === 0) return false;
    if (count === 1) returned.delete(key);
    else returned.set(key, count - 1);
    return true;
  };
  publisher.on('error', (err, { name }) => logger.error({ err: err.message, channel: name }, 'publisher channel error'));

  const publishRaw: Bus['publishRaw'] = async (exchange, routingKey, body, properties) => {
    await publisher.publish(exchange, routingKey, body, { persistent: true, ...properties });
  };

  const onUnroutable = options.onUnroutable ?? (() => {});
  /** A mandatory publish; what the broker could not route is parked or refused by the exchange's policy. */
  const publishMandatory = async (exchange: string, routingKey: string, body: Buffer, properties: Options.Publish) => {
    if (!(await publishReturned(exchange, routingKey, body, properties))) return;
    const where = { exchange, routingKey, messageId: properties.messageId, type: properties.type };
    const policy = (UNROUTABLE_POLICY as Record<string, 'park' | 'refuse' | undefined>)[exchange] ?? 'refuse';
    if (policy === 'park') {
      const headers = {
        ...(properties.headers ?? {}),
        [UNROUTABLE_HEADERS.exchange]: exchange,
        [UNROUTABLE_HEADERS.routingKey]: routingKey,
      };
      if (!(await publishReturned(EXCHANGES.unroutable, '', body, { ...properties, headers }))) {
        logger.error(where, 'no queue is bound for this message: parked in the unroutable queue for an admin to redrive');
        onUnroutable(exchange, routingKey, 'parked');
        return;
      }
    }
    logger.error(where, 'no queue is bound for this message: publish refused, the sender keeps it');
    onUnroutable(exchange, routingKey, 'refused');
    throw new UnroutableError(exchange, routingKey);
  };
  /** Publishes `mandatory` and resolves, once confirmed, to whether the broker returned it. */
  const publishReturned = async (exchange: string, routingKey: string, body: Buffer, properties: Options.Publish) => {
    const key = returnKey(exchange, routingKey, properties.messageId);
    try {
      await publishRaw(exchange, routingKey, body, { ...properties, mandatory: true });
    } catch (error) {
      takeReturn(key);
      throw error;
    }
    return takeReturn(key);
  };

  return {
    connection,
    logger,
    setup,
    onSettled: options.onSettled ?? (() => {}),
    retry: options.retry,
    publish: (exchange, routingKey, envelope, publishOptions = {}) =>
      publishMandatory(exchange, routingKey, Buffer.from(JSON.stringify(envelope)), {
        contentType: 'application/cloudevents+json',
        messageId: envelope.id,
        type: envelope.type,
        timestamp: Math.floor(Date.parse(envelope.time) / 1000),
        ...(envelope.correlationid ? { correlationId: envelope.correlationid } : {}),
        ...(publishOptions.userId ? { userId: publishOptions.userId } : {}),
        ...(publishOptions.headers ? { headers: publishOptions.headers } : {}),
      }),
    publishRaw,
    publishRawMandatory: publishMandatory,
    isConnected: () => connected,
    async close() {
      await publisher.close().catch(() => {});
      await connection.close().catch(() => {});
    },
  };
}

/** Identifies a publish among the broker's returns (a duplicate of the same message routes, or fails to, alike). */
function returnKey(exchange: string, routingKey: string, messageId: string | undefined): string {
  return `${exchange}\u0000${routingKey}\u0000${messageId ?? ''}`;
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
