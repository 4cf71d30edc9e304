import type { ChannelWrapper } from 'amqp-connection-manager';
import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import { decodeMessage, Envelope, type MessageName, type PayloadOf, QUEUE_LIMITS, type QueueSpec } from '@rs/contracts';
import type { Bus } from './bus';
import { InvalidMessageError } from './errors';
import { nextRetry, type RetryPolicy } from './retry-policy';
import { publishDeadLetter, publishRetry, retryStateOf, trustedSender } from './settle';
import { declareRetryQueues } from './topology';

export interface MessageContext {
  envelope: Envelope;
  /** The broker-validated user_id of the original publisher (kept across retries), when it set one. */
  userId: string | undefined;
  redelivered: boolean;
  /** Quorum queues count deliveries of this copy (crash loops); 0 on the first. */
  deliveryCount: number;
  /** Transient failures of this message before this delivery (retries through the delay queues); 0 on the first. */
  attempt: number;
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
  /**
   * Transient failures go to delay queues by this schedule (services; default the bus's policy).
   * Without one (connectors, which may not publish there) the message is requeued after
   * `retryDelayMs`, bounded by the queue's delivery limit.
   */
  retry?: RetryPolicy;
  /** Without a retry policy: delay before a message whose handler failed transiently is requeued. Default 1000 ms. */
  retryDelayMs?: number;
  /** Clock of the retry budget and dead-letter times. Default the real clock. */
  now?: () => Date;
  /**
   * Called before a message is dead-lettered as invalid (e.g. to tell its sender). If it throws,
   * the message is retried like a transient failure instead, so the notice is not lost.
   */
  onRejected?: (rejection: Rejection) => Promise<void>;
}

/** A message about to be dead-lettered for good (not retries-exhausted), for telling its sender. */
export interface Rejection {
  /** The reason code, e.g. invalid-data, not-a-recipient. */
  code: string;
  detail: string;
  /** The trusted sender (user_id), when there was one. */
  sender: string | undefined;
  /** The envelope, when the body was one (its data is unvalidated when code is invalid-data). */
  envelope: Envelope | undefined;
}

export interface Consumer {
  /** Resolves once its queue, bindings and retry queues are declared and it consumes. */
  ready(): Promise<void>;
  /** Stops taking new messages and resolves when every message in flight is settled. */
  stop(): Promise<void>;
}

type Outcome = { kind: 'ack' } | { kind: 'dead'; reason: string; rejection: Rejection } | { kind: 'retry'; error: string; stack?: string };

/**
 * Consumes one queue on a channel of its own. Every message ends in exactly one of: ack
 * (handled, or a duplicate the handler recognised), dead-letter with a reason (invalid: never
 * retried), or a retry (transient): parked in a delay queue by the retry policy until its budget
 * is spent, or without a policy requeued after a delay, bounded by the queue's delivery limit.
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
  const retry = options.retry ?? bus.retry;
  const now = options.now ?? (() => new Date());
  const inFlight = new Set<Promise<void>>();
  const settled = new WeakSet<ConsumeMessage>();
  let stopping = false;
  let current: { ch: ConfirmChannel; tag: string } | undefined;

  const wrapper: ChannelWrapper = bus.connection.createChannel({
    name: `consumer-${queue}`,
    confirm: true,
    setup: async (ch: ConfirmChannel) => {
      await bus.setup(ch);
      if (retry) await declareRetryQueues(ch, queue, retry.delaysMs);
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
        ack(ch, msg);
        bus.onSettled(queue, 'ack');
      } else if (outcome.kind === 'dead' && !(await rejected(msg, outcome.rejection))) {
        // Telling the sender failed: retry the whole message (it is refused again, and told again).
        await retryOrRequeue(ch, msg, 'rejection notice could not be sent');
      } else if (outcome.kind === 'dead') {
        logger.warn({ queue, messageId: msg.properties.messageId, reason: outcome.reason }, 'dead-lettering message');
        await deadLetter(ch, msg, outcome.reason);
        bus.onSettled(queue, 'dead-letter');
      } else {
        await retryOrRequeue(ch, msg, outcome.error, outcome.stack);
      }
    } catch (error) {
      // Publishing its retry copy or dead letter failed (on the publisher channel, so this one may
      // be alive): requeue it after a pause rather than hold its prefetch slot until the broker's
      // consumer timeout. If this channel closed instead, the broker redelivers it anyway.
      logger.warn({ queue, messageId: msg.properties.messageId, err: (error as Error).message }, 'could not settle message; requeueing');
      // A second settlement of one delivery tag would close the channel: only if none happened.
      if (settled.has(msg)) return;
      await new Promise((r) => setTimeout(r, stopping ? 0 : retryDelayMs));
      try {
        ch.nack(msg, false, true);
      } catch {
        // The channel is gone: the broker has already put it back.
      }
    }
  }

  /** Ack and nack remember the message they settled (see the catch in handle). */
  function ack(ch: ConfirmChannel, msg: ConsumeMessage): void {
    ch.ack(msg);
    settled.add(msg);
  }
  function nack(ch: ConfirmChannel, msg: ConsumeMessage, requeue: boolean): void {
    ch.nack(msg, false, requeue);
    settled.add(msg);
  }

  async function rejected(msg: ConsumeMessage, rejection: Rejection): Promise<boolean> {
    if (!options.onRejected) return true;
    try {
      await options.onRejected(rejection);
      return true;
    } catch (error) {
      logger.warn({ queue, messageId: msg.properties.messageId, err: (error as Error).message }, 'onRejected failed');
      return false;
    }
  }

  async function retryOrRequeue(ch: ConfirmChannel, msg: ConsumeMessage, error: string, stack?: string): Promise<void> {
    if (retry) {
      await retryLater(ch, msg, retry, error, stack);
      return;
    }
    logger.warn({ queue, messageId: msg.properties.messageId, err: error }, 'handler failed; requeueing');
    await new Promise((r) => setTimeout(r, stopping ? 0 : retryDelayMs));
    nack(ch, msg, true);
    bus.onSettled(queue, 'retry');
  }

  /** A transient failure: park it in the next delay queue (confirmed, then ack), or give up after the budget. */
  async function retryLater(ch: ConfirmChannel, msg: ConsumeMessage, policy: RetryPolicy, error: string, stack?: string): Promise<void> {
    const at = now();
    const next = nextRetry(policy, retryStateOf(msg), at);
    const messageId = msg.properties.messageId;
    if (next.kind === 'give-up') {
      const reason = `retries-exhausted: ${error}`;
      logger.error({ queue, messageId, attempts: next.attempts, err: error }, 'retries exhausted; dead-lettering message');
      await publishDeadLetter(bus, msg, queue, reason, trustedSender(msg), at, next.attempts);
      ack(ch, msg);
      bus.onSettled(queue, 'dead-letter');
      return;
    }
    logger.warn(
      { queue, messageId, attempt: next.attempts, delayMs: next.delayMs, err: error, ...(next.attempts === 1 && stack ? { stack } : {}) },
      'handler failed; retrying later',
    );
    await publishRetry(bus, msg, queue, next, trustedSender(msg), error);
    ack(ch, msg);
    bus.onSettled(queue, 'retry');
  }

  async function decide(msg: ConsumeMessage): Promise<Outcome> {
    const userId = trustedSender(msg);
    const dead = (code: string, detail: string, envelope?: Envelope): Outcome => ({
      kind: 'dead',
      reason: `${code}: ${detail}`,
      rejection: { code, detail, sender: userId, envelope },
    });
    if (msg.content.length > QUEUE_LIMITS.maxMessageBytes) {
      return dead('oversized', `${msg.content.length} bytes > ${QUEUE_LIMITS.maxMessageBytes}`);
    }
    const decoded = decodeMessage(msg.content);
    if (!decoded.ok) return dead(decoded.reason, decoded.detail, decoded.reason === 'invalid-data' ? envelopeOf(msg.content) : undefined);
    const { name, envelope, data } = decoded.message;
    const handler = consumes.has(name) ? (handlers as Record<string, unknown>)[name] : undefined;
    if (typeof handler !== 'function') return dead('unexpected-type', `${name} is not consumed from ${queue}`, envelope);
    if (options.requireUserId && !userId) return dead('missing-sender', 'no user_id property', envelope);
    const ctx: MessageContext = {
      envelope,
      userId,
      redelivered: msg.fields.redelivered,
      deliveryCount: Number(msg.properties.headers?.['x-delivery-count'] ?? 0),
      attempt: retryStateOf(msg)?.attempts ?? 0,
    };
    try {
      await (handler as (d: unknown, c: MessageContext) => Promise<void>)(data, ctx);
      return { kind: 'ack' };
    } catch (error) {
      if (error instanceof InvalidMessageError) return dead(error.reason, error.message, envelope);
      return { kind: 'retry', error: (error as Error).message, ...((error as Error).stack ? { stack: (error as Error).stack } : {}) };
    }
  }

  async function deadLetter(ch: ConfirmChannel, msg: ConsumeMessage, reason: string): Promise<void> {
    if (options.deadLetter === 'reject') {
      // The broker dead-letters it with an x-death entry (queue, time, reason rejected); rs-admin reads that.
      nack(ch, msg, false);
      return;
    }
    await publishDeadLetter(bus, msg, queue, reason, trustedSender(msg), now());
    ack(ch, msg);
  }

  return {
    ready: () => wrapper.waitForConnect(),
    async stop() {
      stopping = true;
      if (current) await current.ch.cancel(current.tag).catch(() => {});
      await Promise.allSettled([...inFlight]);
      await wrapper.close().catch(() => {});
    },
  };
}

/** The envelope of a body whose data failed its schema (decodeMessage gives none then). */
function envelopeOf(content: Buffer): Envelope | undefined {
  try {
    const parsed = Envelope.safeParse(JSON.parse(content.toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
