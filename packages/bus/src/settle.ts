import type { ConsumeMessage, MessageProperties, Options } from 'amqplib';
import { EXCHANGES, RS_HEADERS, retryQueue } from '@rs/contracts';
import type { Bus } from './bus';
import type { RetryState } from './retry-policy';

/**
 * How a consumed message leaves when it is not simply acked: re-published (with a confirm) to
 * a delay queue or to the dead letters, keeping its body, message id and the trusted sender,
 * `mandatory` (a missing queue refuses the publish, the caller keeps the original), then acked by the caller. Separate from consumer.ts so the settlement rules read in one place.
 */

/** Headers the broker owns or that only mean something on one hop; never copied on a re-publish. */
export const HOP_HEADERS = /^x-(death|first-death-.*|last-death-.*|delivery-count)$/;
const RETRY_HEADERS: string[] = [RS_HEADERS.attempts, RS_HEADERS.firstFailedAt, RS_HEADERS.lastError, RS_HEADERS.originalUserId];

/** Whether the delivery came back through rs.retry (a delay queue or a redrive), where only services and admins publish. */
export function fromRetryExchange(msg: ConsumeMessage): boolean {
  return msg.fields.exchange === EXCHANGES.retry;
}

/**
 * The sender to believe: the broker-validated user_id, or on a delivery from rs.retry the header
 * a service or admin set. A connector can write any header on what it publishes to
 * rs.connectors, so the header is ignored on every other exchange.
 */
export function trustedSender(msg: ConsumeMessage): string | undefined {
  if (fromRetryExchange(msg)) {
    const header = msg.properties.headers?.[RS_HEADERS.originalUserId];
    return typeof header === 'string' && header.length > 0 ? header : undefined;
  }
  return msg.properties.userId ?? undefined;
}

/** Earlier failures of this message, believed only from rs.retry (anything else starts afresh). */
export function retryStateOf(msg: ConsumeMessage): RetryState | undefined {
  if (!fromRetryExchange(msg)) return undefined;
  const headers = msg.properties.headers ?? {};
  const attempts = Number(headers[RS_HEADERS.attempts]);
  const firstFailedAt = new Date(String(headers[RS_HEADERS.firstFailedAt]));
  if (!Number.isInteger(attempts) || attempts < 1 || Number.isNaN(firstFailedAt.getTime())) return undefined;
  return { attempts, firstFailedAt };
}

/** The message's own headers without hop headers and without any claim of ours it arrived with. */
function ownHeaders(msg: ConsumeMessage): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(msg.properties.headers ?? {})) {
    if (!HOP_HEADERS.test(k) && !RETRY_HEADERS.includes(k)) headers[k] = v;
  }
  return headers;
}

/** The properties a re-publish keeps (never user_id: the broker would check it against the re-publisher). */
export function keptProperties(properties: MessageProperties, headers: Record<string, unknown>): Options.Publish {
  const { messageId, type, correlationId, contentType, timestamp } = properties;
  return {
    headers,
    ...(messageId ? { messageId } : {}),
    ...(type ? { type } : {}),
    ...(correlationId ? { correlationId } : {}),
    ...(contentType ? { contentType } : {}),
    ...(timestamp ? { timestamp } : {}),
  };
}

const short = (text: string) => (text.length > 500 ? `${text.slice(0, 500)}…` : text);

/** Parks the message in the delay queue of `delayMs`; it comes back to `queue` through rs.retry. */
export async function publishRetry(
  bus: Bus,
  msg: ConsumeMessage,
  queue: string,
  retry: { delayMs: number; attempts: number; firstFailedAt: Date },
  sender: string | undefined,
  error: string,
): Promise<void> {
  const headers = {
    ...ownHeaders(msg),
    [RS_HEADERS.attempts]: retry.attempts,
    [RS_HEADERS.firstFailedAt]: retry.firstFailedAt.toISOString(),
    [RS_HEADERS.lastError]: short(error),
    ...(sender ? { [RS_HEADERS.originalUserId]: sender } : {}),
  };
  await bus.publishRawMandatory(EXCHANGES.retry, retryQueue(queue, retry.delayMs), msg.content, keptProperties(msg.properties, headers));
}

/** Publishes the message to the dead letters of `queue` with why, where from and when. */
export async function publishDeadLetter(
  bus: Bus,
  msg: ConsumeMessage,
  queue: string,
  reason: string,
  sender: string | undefined,
  now: Date,
  attempts?: number,
): Promise<void> {
  const headers = {
    ...ownHeaders(msg),
    [RS_HEADERS.deadLetterReason]: short(reason),
    [RS_HEADERS.originalQueue]: queue,
    [RS_HEADERS.deadLetteredAt]: now.toISOString(),
    ...(attempts ? { [RS_HEADERS.attempts]: attempts } : {}),
    ...(sender ? { [RS_HEADERS.originalUserId]: sender } : {}),
  };
  await bus.publishRawMandatory(EXCHANGES.deadLetter, queue, msg.content, keptProperties(msg.properties, headers));
}
