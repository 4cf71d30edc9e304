/**
 * Every exchange, queue and routing-key name of the platform, and nothing else may spell them.
 *
 * RENAMING ANY OF THESE IS A MIGRATION: queues are durable and jobcentre connectors in other
 * languages hard-code them from docs/messages.md. Add a new name and drain the old one instead.
 *
 * Naming grammar:
 *   exchanges        rs.<purpose>
 *   service queues   <service>.<purpose>
 *   jobcentre queues jobcentre.<code>                 (code = host municipality code)
 *   connector keys   jobcentre-<code>.<message name>  (prefix = the broker user name, so topic
 *                                                      permissions can pin it to {username})
 *   dead letters     <queue>.dead-letter, jobcentres.dead-letter for all jobcentre queues
 *   retry delays     <queue>.retry-<delay>  (delay = whole seconds `10s`, else milliseconds `250ms`;
 *                                            the TTL is in the name because a queue's TTL cannot
 *                                            change: a new delay is a new queue, the old one drains)
 */
export const EXCHANGES = {
  /** topic: domain events between services, routing key = message name (e.g. `order.registered`). */
  events: 'rs.events',
  /** direct: one message per recipient jobcentre, routing key = its queue name. */
  jobcentres: 'rs.jobcentres',
  /** topic: what connectors publish, routing key = `jobcentre-<code>.<message name>`. */
  connectors: 'rs.connectors',
  /** topic: dead letters, routing key = the queue they died in. */
  deadLetter: 'rs.dead-letter',
  /**
   * fanout: events that no queue was bound to, parked here by their publisher (bus.publish) with
   * where they were sent in the UNROUTABLE_HEADERS, so nothing is confirmed and dropped.
   */
  unroutable: 'rs.unroutable',
  /**
   * direct: retries. Routing key = a delay queue (a service parks a failed message there) or a
   * work queue (the delay queue dead-letters it back; rs-admin redrives through it). Every work
   * queue is bound with its own name. Only services and admins may publish here — never a
   * connector — so a consumer trusts the sender header only on deliveries from this exchange.
   */
  retry: 'rs.retry',
} as const;

/** How each exchange routes. A new exchange does not compile until it has one here. */
export const EXCHANGE_TYPES: Record<keyof typeof EXCHANGES, 'topic' | 'direct' | 'fanout'> = {
  events: 'topic',
  jobcentres: 'direct',
  connectors: 'topic',
  deadLetter: 'topic',
  unroutable: 'fanout',
  retry: 'direct',
};

export const QUEUES = {
  broadcastEvents: 'broadcast.events',
  broadcastReplies: 'broadcast.replies',
  orderIntakeEvents: 'order-intake.events',
  orderIntakeGoals: 'order-intake.service-goals',
  matchingEvents: 'matching.events',
  matchingCvs: 'matching.cvs',
  broadcastErasure: 'broadcast.erasure',
  upskillingErasure: 'upskilling-seat.erasure',
  reportingErasure: 'reporting.erasure',
  matchingInquiryAnswers: 'matching.inquiry-answers',
  orderIntakeErasure: 'order-intake.erasure',
  upskillingEvents: 'upskilling-seat.events',
  upskillingRequests: 'upskilling-seat.requests',
  reportingEvents: 'reporting.events',
  broadcastCooperations: 'broadcast.cooperations',
  orderIntakeCooperations: 'order-intake.cooperations',
  matchingCooperations: 'matching.cooperations',
  upskillingCooperations: 'upskilling-seat.cooperations',
  reportingCooperations: 'reporting.cooperations',
  jobcentresDeadLetter: 'jobcentres.dead-letter',
  /** Holds what EXCHANGES.unroutable received: events nobody consumed, for an admin to inspect and redrive. */
  unroutable: 'rs.unroutable',
} as const;

/**
 * What a publisher does with a message the broker returns as unroutable (published `mandatory`,
 * no queue bound to its routing key). Events are parked in QUEUES.unroutable and the publish
 * succeeds: an event nobody consumes yet (a service not deployed, a binding not yet declared)
 * must not hold back the rest of the write that produced it. A message to a jobcentre or from a
 * connector is refused (the publish rejects, so the outbox or the caller keeps it): every
 * jobcentre queue and the connectors' consumers are declared before traffic, so an unroutable
 * one is a fault to see at once, not a message to park. A consumer's retry copy or dead letter
 * is refused too: the consumer then keeps the original (requeues it) instead of acking it while
 * its copy was dropped.
 */
export const UNROUTABLE_POLICY: Record<
  Exclude<(typeof EXCHANGES)[keyof typeof EXCHANGES], typeof EXCHANGES.unroutable>,
  'park' | 'refuse'
> = {
  [EXCHANGES.events]: 'park',
  [EXCHANGES.jobcentres]: 'refuse',
  [EXCHANGES.connectors]: 'refuse',
  [EXCHANGES.retry]: 'refuse',
  [EXCHANGES.deadLetter]: 'refuse',
};

/** Headers of a parked message: where its publisher sent it (a redrive publishes it there again). */
export const UNROUTABLE_HEADERS = {
  exchange: 'x-rs-unroutable-exchange',
  routingKey: 'x-rs-unroutable-routing-key',
} as const;

export const JOBCENTRE_USER_PREFIX = 'jobcentre-';

export function jobcentreQueue(code: number): string {
  return `jobcentre.${code}`;
}

/** The broker user of a jobcentre's connector; RabbitMQ validates it as the message's user_id. */
export function jobcentreUsername(code: number): string {
  return `${JOBCENTRE_USER_PREFIX}${code}`;
}

/** The jobcentre code of a broker user name, or undefined when it is not a jobcentre user. */
export function jobcentreCodeOfUser(userId: string | undefined): number | undefined {
  if (!userId?.startsWith(JOBCENTRE_USER_PREFIX)) return undefined;
  const rest = userId.slice(JOBCENTRE_USER_PREFIX.length);
  return /^\d{3}$/.test(rest) ? Number(rest) : undefined;
}

export function connectorRoutingKey(code: number, messageName: string): string {
  return `${jobcentreUsername(code)}.${messageName}`;
}

export function deadLetterQueue(queue: string): string {
  return queue.startsWith('jobcentre.') ? QUEUES.jobcentresDeadLetter : `${queue}.dead-letter`;
}

/** The delay queue of one retry level of a work queue: `broadcast.replies.retry-10s`. */
export function retryQueue(queue: string, delayMs: number): string {
  if (!Number.isInteger(delayMs) || delayMs < 1) throw new Error(`retry delay must be a whole number of ms ≥ 1, got ${delayMs}`);
  return `${queue}.retry-${delayMs % 1000 === 0 ? `${delayMs / 1000}s` : `${delayMs}ms`}`;
}

/**
 * Arguments of a delay queue: messages expire after `delayMs` (one TTL per queue, so the head
 * always expires first) and are dead-lettered back to the work queue through rs.retry. Quorum
 * with at-least-once dead-lettering (RabbitMQ ≥ 3.10), so a broker crash loses no parked retry.
 */
export function retryQueueArguments(queue: string, delayMs: number): Record<string, unknown> {
  return {
    'x-queue-type': 'quorum',
    'x-message-ttl': delayMs,
    'x-dead-letter-exchange': EXCHANGES.retry,
    'x-dead-letter-routing-key': queue,
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  };
}

/**
 * Broker limits pinned here so Debian's RabbitMQ 3.10 and the Compose image (4.x) behave alike:
 * 3.10 quorum queues have no default delivery limit.
 */
export const QUEUE_LIMITS = {
  /** Deliveries (including requeues after consumer crashes) before the broker dead-letters a message. */
  deliveryLimit: 20,
  /** Bytes; larger messages are dead-lettered by consumers as "oversized". */
  maxMessageBytes: 1_048_576,
} as const;

/**
 * Default retry schedule of a service's work queue for transient failures (database, Redis or
 * broker unavailable): these delays in turn, the last one repeated, until this many seconds have
 * passed since the first failure; then the message is dead-lettered. Services override them with
 * RETRY_DELAYS_SECONDS / RETRY_MAX_SECONDS.
 */
export const RETRY_DEFAULTS = { delaysSeconds: [1, 10, 60, 300], maxSeconds: 1800 } as const;

export interface Binding {
  exchange: string;
  pattern: string;
}

/** Arguments every work queue is declared with. Changing them on an existing queue fails (PRECONDITION_FAILED): a migration. */
export function workQueueArguments(queue: string): Record<string, unknown> {
  return {
    'x-queue-type': 'quorum',
    'x-delivery-limit': QUEUE_LIMITS.deliveryLimit,
    'x-dead-letter-exchange': EXCHANGES.deadLetter,
    'x-dead-letter-routing-key': queue,
    // at-least-once dead-lettering needs reject-publish overflow (RabbitMQ docs, quorum queues)
    'x-dead-letter-strategy': 'at-least-once',
    'x-overflow': 'reject-publish',
  };
}

export const DEAD_LETTER_ARGUMENTS: Record<string, unknown> = { 'x-queue-type': 'quorum' };

/** AMQP header carrying why a message was dead-lettered by a consumer: `<code>: <detail>`. */
export const DEAD_LETTER_REASON_HEADER = 'x-rs-dead-letter-reason';

/**
 * The headers the platform's consumers set on dead letters and retries. RENAMING ONE IS A
 * MIGRATION: rs-admin and dashboards read them from messages already parked.
 */
export const RS_HEADERS = {
  deadLetterReason: DEAD_LETTER_REASON_HEADER,
  /** The work queue the message was consumed from. */
  originalQueue: 'x-rs-original-queue',
  /** ISO time the consumer dead-lettered it. */
  deadLetteredAt: 'x-rs-dead-lettered-at',
  /**
   * The broker-validated user_id of the original publisher. The broker re-validates user_id
   * against whoever re-publishes, so the trusted sender travels here; consumers believe it only
   * on deliveries from EXCHANGES.retry.
   */
  originalUserId: 'x-rs-original-user-id',
  /** Failed attempts so far (on a retry), or in total (on a dead letter after retries). */
  attempts: 'x-rs-attempts',
  /** ISO time of the first failed attempt; the retry budget counts from it. */
  firstFailedAt: 'x-rs-first-failed-at',
  /** The last transient error, for whoever looks at a parked message. */
  lastError: 'x-rs-last-error',
} as const;

/** BullMQ queue names (in Redis, under the installation's TIMER_PREFIX). Renaming one orphans pending timers. */
export const TIMER_QUEUES = {
  /** One job per round at its deadline (`reply-deadline-<roundId>`), not one per recipient. */
  replyDeadlines: 'reply-deadlines',
  /** One job per round and reminder offset before the deadline (e.g. 24 h and 4 h). */
  replyReminders: 'reply-reminders',
  /**
   * order-intake's service-goal clocks (R3, R4): per order and goal one warning job
   * (`service-goal-warning-<orderId>-<goal>`) and one breach job (`service-goal-breach-<orderId>-<goal>`).
   */
  serviceGoals: 'service-goals',
  /** One job per upskilling course at its request window's close (`seat-window-<courseId>`): the allocation. */
  seatWindows: 'seat-windows',
} as const;
