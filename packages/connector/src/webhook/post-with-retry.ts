import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidMessageError, type Logger } from '@rs/bus';
import { type BackoffOptions, nextRetry } from './backoff';
import { classifyResponse, describeRequestError, type WebhookOutcome } from './response';

/** What is posted to the local system for every message on the jobcentre's queue. */
export interface WebhookRequest {
  /** The message name, e.g. `round.order-broadcast`. */
  type: string;
  /** The envelope id: the same on every redelivery, so the local system can recognise a repeat. */
  id: string;
  data: unknown;
}

export interface PostOptions {
  webhookUrl: string;
  /** Per request. */
  timeoutMs: number;
  backoff: BackoffOptions;
  /** Aborted when the connector stops: the wait ends and the message goes back to the queue. */
  signal: AbortSignal;
  logger: Logger;
  /** Largest response body read, in bytes. */
  maxBodyBytes?: number;
}

/** The URL as it may appear in logs: no credentials, no query string (it may carry a token). */
export function redactUrl(url: string): string {
  const u = new URL(url);
  return `${u.origin}${u.pathname}`;
}

const inSeconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`);

/**
 * Posts one message to the local system until it gives a final answer. While it is down (no
 * connection, timeout, 5xx) the post is retried with backoff, one log line per attempt; after
 * `backoff.maxWaitMs` it throws a plain error so the consumer requeues the message and the broker
 * redelivers it (bounded by the queue's delivery limit). A 4xx or an invalid answer throws
 * InvalidMessageError: the consumer rejects the message to the dead-letter queue.
 */
export async function postWithRetry(
  request: WebhookRequest,
  options: PostOptions,
): Promise<Exclude<WebhookOutcome, { kind: 'transient' | 'permanent' }>> {
  const where = redactUrl(options.webhookUrl);
  const body = JSON.stringify(request);
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    let outcome: WebhookOutcome;
    try {
      const res = await fetch(options.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]),
      });
      const text = await res.text();
      outcome =
        text.length > (options.maxBodyBytes ?? 1_048_576)
          ? { kind: 'permanent', reason: `answered ${res.status} with a body of ${text.length} bytes, over the limit` }
          : classifyResponse(request.type, res.status, text);
    } catch (error) {
      if (options.signal.aborted) throw new Error(`connector stopping: message ${request.id} goes back to the queue`);
      const cause =
        (error as Error).name === 'TimeoutError' ? `no answer within ${inSeconds(options.timeoutMs)}` : describeRequestError(error);
      outcome = { kind: 'transient', reason: `is down (${cause})` };
    }

    if (outcome.kind === 'permanent') {
      options.logger.error(
        { webhook: where, messageId: request.id, type: request.type, reason: outcome.reason },
        `local system at ${where} refused ${request.type} ${request.id}: ${outcome.reason}; dead-lettering it`,
      );
      throw new InvalidMessageError(`local system ${outcome.reason}`, 'webhook-refused');
    }
    if (outcome.kind !== 'transient') return outcome;

    const delay = nextRetry(attempt, Date.now() - started, options.backoff);
    if (delay === undefined) {
      const message = `local system at ${where} ${outcome.reason}; gave up on ${request.type} ${request.id} after ${attempt} attempts in ${inSeconds(Date.now() - started)}; the broker will redeliver it`;
      options.logger.error({ webhook: where, messageId: request.id, type: request.type, attempts: attempt }, message);
      throw new Error(message);
    }
    options.logger.warn(
      { webhook: where, messageId: request.id, type: request.type, attempt, retryInMs: delay },
      `local system at ${where} ${outcome.reason}; retry ${attempt} in ${inSeconds(delay)}`,
    );
    try {
      await sleep(delay, undefined, { signal: options.signal });
    } catch {
      throw new Error(`connector stopping: message ${request.id} goes back to the queue`);
    }
  }
}
