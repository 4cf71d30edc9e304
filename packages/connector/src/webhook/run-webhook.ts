import type { Logger, MessageContext } from '@rs/bus';
import { JOBCENTRE_MESSAGES } from '@rs/contracts';
import { type Connector, createConnector, type JobcentreHandlers, type JobcentreMessage } from '../connector';
import { BACKOFF_DEFAULTS, type BackoffOptions } from './backoff';
import { postWithRetry, redactUrl } from './post-with-retry';

export interface WebhookOptions {
  /** AMQP URL with THIS jobcentre's credentials (user jobcentre-<code>). */
  url: string;
  jobcentre: number;
  /** The local system's endpoint; every message is POSTed here as `{ type, id, data }`. */
  webhookUrl: string;
  logger: Logger;
  /** Per request. Default 10000 ms. */
  timeoutMs?: number;
  /** In-process retries while the local system is down. Defaults: 1 s doubling to 60 s, for up to 10 minutes. */
  backoff?: BackoffOptions;
  /** Messages posted at once. Default 5. */
  prefetch?: number;
  /** Delay before a message that was given up on is requeued. Default 2000 ms. */
  retryDelayMs?: number;
}

export interface WebhookRunner {
  readonly connector: Connector;
  /** Stops consuming; messages still being retried go back to the queue at once. */
  stop(): Promise<void>;
}

/**
 * Webhook mode: hands every message of the jobcentre's queue to the jobcentre's own system over
 * HTTP, and turns the answer to a broadcast into the jobcentre's reply. A message is acked only
 * after the local system accepted it (and, for an answered broadcast, after the broker confirmed
 * the reply), so a crash at any moment means a redelivery, never a loss: the local system must
 * treat a repeated `id` as the same message.
 */
export function runWebhook(options: WebhookOptions): WebhookRunner {
  const stopping = new AbortController();
  const where = redactUrl(options.webhookUrl);
  const post = {
    webhookUrl: options.webhookUrl,
    timeoutMs: options.timeoutMs ?? 10_000,
    backoff: { ...BACKOFF_DEFAULTS, ...options.backoff },
    signal: stopping.signal,
    logger: options.logger,
  };

  const forward = (type: JobcentreMessage) => async (data: unknown, ctx: MessageContext) => {
    const outcome = await postWithRetry({ type, id: ctx.envelope.id, data }, post);
    if (outcome.kind === 'reply') {
      const { roundId, orderId } = data as { roundId: string; orderId: string };
      const replyId = await connector.reply({ roundId, orderId, ...outcome.answer });
      options.logger.info(
        { roundId, answer: outcome.answer.answer, messageId: ctx.envelope.id, replyId },
        'replied with the local system’s answer',
      );
    } else if (outcome.kind === 'answer-inquiry') {
      const { inquiryId, candidateRef } = data as { inquiryId: string; candidateRef: string };
      const answerId = await connector.answerInquiry({ inquiryId, candidateRef, ...outcome.answer });
      options.logger.info(
        { inquiryId, answer: outcome.answer.answer, messageId: ctx.envelope.id, answerId },
        'answered the inquiry with the local system’s answer',
      );
    } else if (outcome.kind === 'later') {
      options.logger.info({ messageId: ctx.envelope.id }, 'local system will answer the broadcast later');
    } else {
      options.logger.debug({ type, messageId: ctx.envelope.id }, 'delivered to the local system');
    }
  };
  // Every message a jobcentre can receive is forwarded, including ones added to the catalog later.
  const handlers = Object.fromEntries(JOBCENTRE_MESSAGES.map((type) => [type, forward(type)])) as JobcentreHandlers;

  const connector: Connector = createConnector(
    {
      url: options.url,
      jobcentre: options.jobcentre,
      logger: options.logger,
      prefetch: options.prefetch ?? 5,
      retryDelayMs: options.retryDelayMs ?? 2000,
    },
    handlers,
  );
  options.logger.info({ jobcentre: options.jobcentre, webhook: where }, 'webhook connector running');

  return {
    connector,
    async stop() {
      // consumer.stop() first marks the consumer as stopping (so aborted messages are requeued
      // without the retry delay), then the abort ends every wait in flight.
      const stopped = connector.stop();
      stopping.abort();
      await stopped;
    },
  };
}
