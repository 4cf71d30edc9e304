import { createHash } from 'node:crypto';
import { EXCHANGES, RS_HEADERS } from '@rs/contracts';
import amqplib, { type ConfirmChannel, type GetMessage, type MessageProperties } from 'amqplib';
import { mandatoryPublisher } from './mandatory';
import { HOP_HEADERS, keptProperties } from './settle';

/**
 * Reading and redriving dead letters with an admin's AMQP credentials (rs-admin). A dead letter
 * was put there either by a consumer (our x-rs-* headers, no x-death) or by the broker (x-death:
 * a delivery limit, or a connector's reject). Only the broker writes x-death on what reaches a
 * dead-letter queue, so it also decides which sender to believe on a redrive.
 */
export interface DeadLetter {
  /** The message id (kept through retries and redrives), or a hash of the body when it had none. */
  id: string;
  /** The dead-letter queue it sits in. */
  queue: string;
  type: string | undefined;
  /** The work queue it died in, where a redrive puts it back. */
  originalQueue: string | undefined;
  reason: string;
  /** ISO time it was dead-lettered. */
  at: string | undefined;
  /** Failed attempts, for retries-exhausted. */
  attempts: number | undefined;
  /** The broker-validated sender of the original, kept for a redrive. */
  sender: string | undefined;
  by: 'consumer' | 'broker';
  body: Buffer;
  properties: MessageProperties;
}

const RS_HEADER_NAMES = new Set<string>(Object.values(RS_HEADERS));

const asString = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** AMQP timestamps arrive as seconds, or as amqplib's `{ '!': 'timestamp', value }`. */
function timestampIso(v: unknown): string | undefined {
  const seconds = typeof v === 'number' ? v : typeof v === 'object' && v && 'value' in v ? Number((v as { value: unknown }).value) : NaN;
  return Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString() : undefined;
}

function typeOf(body: Buffer, properties: MessageProperties): string | undefined {
  if (asString(properties.type)) return properties.type;
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { type?: unknown };
    return asString(parsed?.type);
  } catch {
    return undefined;
  }
}

/**
 * The sender of a message the broker dead-lettered: its user_id, or for one that last came
 * through rs.retry (a retry copy or a redrive, which carry no user_id) the header the service or
 * admin that published it there set. The broker's x-death names that exchange; a connector
 * publishes only to rs.connectors, where the broker validates the user_id it sets.
 */
function brokerDeadLetterSender(properties: MessageProperties, lastDeath: Record<string, unknown>): string | undefined {
  const userId = asString(properties.userId);
  if (userId) return userId;
  if (asString(lastDeath.exchange) !== EXCHANGES.retry) return undefined;
  return asString((properties.headers as Record<string, unknown> | undefined)?.[RS_HEADERS.originalUserId]);
}

/** What a dead letter says about itself, whoever dead-lettered it. Pure. */
export function describeDeadLetter(queue: string, body: Buffer, properties: MessageProperties): DeadLetter {
  const headers = (properties.headers ?? {}) as Record<string, unknown>;
  const deaths = Array.isArray(headers['x-death']) ? (headers['x-death'] as Array<Record<string, unknown>>) : [];
  const id = asString(properties.messageId) ?? `sha256-${createHash('sha256').update(body).digest('hex').slice(0, 16)}`;
  const base = { id, queue, type: typeOf(body, properties), body, properties };
  if (deaths.length > 0) {
    // The most recent death is first.
    const last = deaths[0]!;
    return {
      ...base,
      originalQueue: asString(last.queue),
      reason: `broker: ${asString(last.reason) ?? 'unknown'}`,
      at: timestampIso(last.time),
      attempts: undefined,
      sender: brokerDeadLetterSender(properties, last),
      by: 'broker',
    };
  }
  const attempts = Number(headers[RS_HEADERS.attempts]);
  return {
    ...base,
    originalQueue: asString(headers[RS_HEADERS.originalQueue]),
    reason: asString(headers[RS_HEADERS.deadLetterReason]) ?? 'unknown',
    at: asString(headers[RS_HEADERS.deadLetteredAt]),
    attempts: Number.isInteger(attempts) && attempts > 0 ? attempts : undefined,
    sender: asString(headers[RS_HEADERS.originalUserId]),
    by: 'consumer',
  };
}

export interface DeadLetterSession {
  /** Every message in the queues (at most `limit` per queue), held unacked until close(). */
  read(): Promise<DeadLetter[]>;
  /**
   * Puts one back to its original queue through rs.retry (mandatory, confirmed: an unroutable
   * redrive fails), then removes it and every other copy of the same id from the dead letters.
   */
  redrive(letter: DeadLetter): Promise<void>;
  /** Returns what was read and not redriven to its queue, and disconnects. */
  close(): Promise<void>;
}

/** A session on the dead-letter queues that exist in the URL's vhost (missing ones are skipped). */
export async function openDeadLetters(url: string, queues: readonly string[], limit = 10_000): Promise<DeadLetterSession> {
  const connection = await amqplib.connect(url);
  const existing: string[] = [];
  for (const queue of queues) {
    // A passive check of a missing queue closes its channel: one throwaway channel each.
    const probe = await connection.createChannel();
    probe.on('error', () => {});
    const found = await probe.checkQueue(queue).then(
      () => true,
      () => false,
    );
    if (found) await probe.close().catch(() => {});
    if (found) existing.push(queue);
  }
  const ch: ConfirmChannel = await connection.createConfirmChannel();
  const held = new Map<DeadLetter, GetMessage>();
  const publish = mandatoryPublisher(ch);

  return {
    async read() {
      const letters: DeadLetter[] = [];
      for (const queue of existing) {
        for (let n = 0; n < limit; n++) {
          const msg = await ch.get(queue, { noAck: false });
          if (!msg) break;
          const letter = describeDeadLetter(queue, msg.content, msg.properties);
          held.set(letter, msg);
          letters.push(letter);
        }
      }
      return letters;
    },
    async redrive(letter) {
      const msg = held.get(letter);
      if (!msg) throw new Error(`dead letter ${letter.id} was not read in this session`);
      const target = letter.originalQueue;
      if (!target || /\.(dead-letter|retry-[0-9]+m?s)$/.test(target)) {
        throw new Error(`dead letter ${letter.id} has no work queue to go back to (${target ?? 'none'})`);
      }
      const headers: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(letter.properties.headers ?? {})) {
        if (!HOP_HEADERS.test(k) && !RS_HEADER_NAMES.has(k)) headers[k] = v;
      }
      if (letter.sender) headers[RS_HEADERS.originalUserId] = letter.sender;
      if (await publish(EXCHANGES.retry, target, letter.body, keptProperties(letter.properties, headers), letter.id))
        throw new Error(`no queue ${target} is bound to ${EXCHANGES.retry}: not redriven (is its service deployed?)`);
      for (const [other, otherMsg] of [...held]) {
        if (other.id !== letter.id) continue;
        ch.ack(otherMsg);
        held.delete(other);
      }
    },
    async close() {
      await ch.close().catch(() => {});
      await connection.close().catch(() => {});
    },
  };
}

/**
 * A dead letter as the admin tools list it (`rs-admin dead-letters list --json`, broadcast's
 * GET /admin/dead-letters): what it is and why it died — no body, no personal data.
 */
export function deadLetterSummary(d: DeadLetter) {
  return {
    id: d.id,
    type: d.type ?? null,
    queue: d.queue,
    originalQueue: d.originalQueue ?? null,
    reason: d.reason,
    at: d.at ?? null,
    attempts: d.attempts ?? null,
    sender: d.sender ?? null,
    by: d.by,
  };
}

/** A dead letter's headers as shown to an admin: without the broker's x-death history. */
export const deadLetterHeaders = (d: DeadLetter): Record<string, unknown> =>
  Object.fromEntries(Object.entries(d.properties.headers ?? {}).filter(([k]) => k !== 'x-death'));

/** Free text a jobcentre wrote about a person (a candidate's summary, a note). */
const PERSONAL_FIELDS = new Set(['summary', 'note']);

/** A copy of a JSON value with every candidate summary and note replaced by a placeholder. */
export function redactPersonal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactPersonal);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, PERSONAL_FIELDS.has(k) && typeof v === 'string' ? '[redacted]' : redactPersonal(v)]),
    );
  }
  return value;
}
