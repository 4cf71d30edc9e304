import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import {
  DEAD_LETTER_REASON_HEADER,
  decodeMessage,
  EXCHANGES,
  type Envelope,
  type MessageName,
  type PayloadOf,
  QUEUE_LIMITS,
  type QueueSpec,
} from '@rs/contracts';
import type { Bus } from './bus';
import { InvalidMessageError } from './errors';

export interface MessageContext {
  envelope: Envelope;
  /** The broker-validated user_id, when the publisher set one. */
  userId: string | undefined;
  redelivered: boolean;
  /** Quorum queues count deliveries; 0 on the first. */
  deliveryCount: number;
}

/** One handler per consumed message name, each taking that message's payload (already checked by zod). */
export type Handlers<N extends MessageName> = {
  [K in N]: (data: PayloadOf<K>, ctx: MessageContext) => Promise<void>;
};

/** The message names a queue spec consumes. */
export type ConsumedBy<S extends QueueSpec> = S['consumes'][number];

/**
 * The handler map a queue needs: exactly its `consumes`. A missing name fails as a missing
 * property, an extra one as `never` (also when the map is built elsewhere and passed as a
 * variable, where TypeScript's excess-property check does not apply).
 */
export type HandlersFor<S extends QueueSpec, H> = Handlers<ConsumedBy<S>> & { [K in Exclude<keyof H, ConsumedBy<S>>]: never };

export interface ConsumeOptions {
  /** Unacked messages at once on this consumer. Default 10; keep small (a crash requeues them all). */
  prefetch?: number;
  /** Dead-letter messages that carry no user_id (messages from connectors). Default false. */
  requireUserId?: boolean;
  /**
   * How poison messages leave: `publish` re-publishes them to the dead-letter exchange with the
   * reason in a header (services), `reject` lets the broker dead-letter them (connectors, which
   * may not publish there). Default publish.
   */
  deadLetter?: 'publish' | 'reject';
  /** Delay before a message whose handler failed transiently is requeued. Default 1000 ms. */
  retryDelayMs?: number;
}

export interface Consumer {
  /** Stops taking new messages and resolves when every message in flight is settled. */
  stop(): Promise<void>;
}

type Outcome = { kind: 'ack' } | { kind: 'dead'; reason: string } | { kind: 'retry'; error: string };

/**
 * Consumes one queue on a channel of its own. Every message ends in exactly one of: ack
 * (handled, or a duplicate the handler recognised), dead-letter with a reason (invalid: never
 * retried), or a delayed requeue (transient), bounded by the queue's delivery limit.
 * Acks go to the channel that delivered the message (a stale tag on a new channel would close it).
 */
export function consume<S extends QueueSpec, H extends Handlers<ConsumedBy<S>>>(
  bus: Bus,
  spec: S,
  handlers: H & HandlersFor<S, H>,
  options: ConsumeOptions = {},
): Consumer {
  const { logger } = bus;
  const queue = spec.name;
  const consumes = new Set<string>(spec.consumes);
  const prefetch = options.prefetch ?? 10;
  const retryDelayMs = options.retryDelayMs ?? 1000;
  const inFlight = new Set<Promise<void>>();
  let stopping = false;
  let current: { ch: ConfirmChannel; tag: string } | undefined;

  const wrapper: ChannelWrapper = bus.connection.createChannel({
    name: `consumer-${queue}`,
    confirm: true,
    setup: async (ch: ConfirmChannel) => {
      await bus.setup(ch);
      if (stopping) return;
      await ch.prefetch(prefetch);
      const { consumerTag } = await ch.consume(queue, (msg) => {
        if (!msg) return; // the broker cancelled us (queue deleted); setup runs again on reconnect
        const work = handle(ch, msg).finally(() => inFlight.delete(work));
        inFlight.add(work);
      });
      current = { ch, tag: consumerTag };
    },
  });
  wrapper.on('error', (err) => logger.error({ err: err.message, queue }, 'consumer channel error'));

  async function handle(ch: ConfirmChannel, msg: ConsumeMessage): Promise<void> {
    const outcome = await decide(msg);
    try {
      if (outcome.kind === 'ack') {
        ch.ack(msg);
        bus.onSettled(queue, 'ack');
      } else if (outcome.kind === 'dead') {
        logger.warn({ queue, messageId: msg.properties.messageId, reason: outcome.reason }, 'dead-lettering message');
        await deadLetter(ch, msg, outcome.reason);
        bus.onSettled(queue, 'dead-letter');
      } else {
        logger.warn({ queue, messageId: msg.properties.messageId, err: outcome.error }, 'handler failed; requeueing');
        await new Promise((r) => setTimeout(r, stopping ? 0 : retryDelayMs));
        ch.nack(msg, false, true);
        bus.onSettled(queue, 'retry');
      }
    } catch (error) {
      // The channel closed under us: the broker redelivers the message, nothing to do.
      logger.warn({ queue, err: (error as Error).message }, 'could not settle message; broker will redeliver');
    }
  }

  async function decide(msg: ConsumeMessage): Promise<Outcome> {
    if (msg.content.length > QUEUE_LIMITS.maxMessageBytes) {
      return { kind: 'dead', reason: `oversized: ${msg.content.length} bytes > ${QUEUE_LIMITS.maxMessageBytes}` };
    }
    const decoded = decodeMessage(msg.content);
    if (!decoded.ok) return { kind: 'dead', reason: `${decoded.reason}: ${decoded.detail}` };
    const { name, envelope, data } = decoded.message;
    const handler = consumes.has(name) ? (handlers as Record<string, unknown>)[name] : undefined;
    if (typeof handler !== 'function') return { kind: 'dead', reason: `unexpected-type: ${name} is not consumed from ${queue}` };
    const userId: string | undefined = msg.properties.userId ?? undefined;
    if (options.requireUserId && !userId) return { kind: 'dead', reason: 'missing-sender: no user_id property' };
    const ctx: MessageContext = {
      envelope,
      userId,
      redelivered: msg.fields.redelivered,
      deliveryCount: Number(msg.properties.headers?.['x-delivery-count'] ?? 0),
    };
    try {
      await (handler as (d: unknown, c: MessageContext) => Promise<void>)(data, ctx);
      return { kind: 'ack' };
    } catch (error) {
      if (error instanceof InvalidMessageError) return { kind: 'dead', reason: `${error.reason}: ${error.message}` };
      return { kind: 'retry', error: (error as Error).message };
    }
  }

  async function deadLetter(ch: ConfirmChannel, msg: ConsumeMessage, reason: string): Promise<void> {
    if (options.deadLetter === 'reject') {
      ch.nack(msg, false, false);
      return;
    }
    const headers = { ...(msg.properties.headers ?? {}), [DEAD_LETTER_REASON_HEADER]: reason, 'x-rs-original-queue': queue };
    const { messageId, type, correlationId, contentType, timestamp, userId } = msg.properties;
    await bus.publishRaw(EXCHANGES.deadLetter, queue, msg.content, {
      headers,
      ...(messageId ? { messageId } : {}),
      ...(type ? { type } : {}),
      ...(correlationId ? { correlationId } : {}),
      ...(contentType ? { contentType } : {}),
      ...(timestamp ? { timestamp } : {}),
      // user_id is re-validated by the broker against OUR user: keep the original as a header.
      ...(userId ? { headers: { ...headers, 'x-rs-original-user-id': userId } } : {}),
    });
    ch.ack(msg);
  }

  return {
    async stop() {
      stopping = true;
      if (current) await current.ch.cancel(current.tag).catch(() => {});
      await Promise.allSettled([...inFlight]);
      await wrapper.close().catch(() => {});
    },
  };
}
