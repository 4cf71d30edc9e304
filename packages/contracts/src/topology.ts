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
} as const;

export const QUEUES = {
  broadcastEvents: 'broadcast.events',
  broadcastReplies: 'broadcast.replies',
  orderIntakeEvents: 'order-intake.events',
  matchingEvents: 'matching.events',
  matchingCvs: 'matching.cvs',
  upskillingEvents: 'upskilling-seat.events',
  jobcentresDeadLetter: 'jobcentres.dead-letter',
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

export interface Binding {
  exchange: string;
  pattern: string;
}
export interface QueueSpec {
  name: string;
  bindings: Binding[];
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

/** The service queues and what feeds them. */
export const SERVICE_QUEUES: Record<string, QueueSpec> = {
  broadcastEvents: {
    name: QUEUES.broadcastEvents,
    bindings: [
      { exchange: EXCHANGES.events, pattern: 'order.registered' },
      { exchange: EXCHANGES.events, pattern: 'order.closed' },
      { exchange: EXCHANGES.events, pattern: 'order.shortlisted' },
      { exchange: EXCHANGES.events, pattern: 'order.candidate-hired' },
    ],
  },
  broadcastReplies: {
    name: QUEUES.broadcastReplies,
    bindings: [{ exchange: EXCHANGES.connectors, pattern: '*.round.reply' }],
  },
  orderIntakeEvents: {
    name: QUEUES.orderIntakeEvents,
    bindings: [
      { exchange: EXCHANGES.events, pattern: 'round.opened' },
      { exchange: EXCHANGES.events, pattern: 'round.reply-recorded' },
      { exchange: EXCHANGES.events, pattern: 'round.recipient-overdue' },
      { exchange: EXCHANGES.events, pattern: 'round.completed' },
    ],
  },
  matchingEvents: {
    name: QUEUES.matchingEvents,
    bindings: [{ exchange: EXCHANGES.events, pattern: 'order.registered' }],
  },
  /** Separate from matching.events so a large sync never delays ranking a new order. */
  matchingCvs: {
    name: QUEUES.matchingCvs,
    bindings: [
      { exchange: EXCHANGES.connectors, pattern: '*.cv.upserted' },
      { exchange: EXCHANGES.connectors, pattern: '*.cv.withdrawn' },
      { exchange: EXCHANGES.connectors, pattern: '*.cv.sync-completed' },
    ],
  },
  upskillingEvents: {
    name: QUEUES.upskillingEvents,
    bindings: [{ exchange: EXCHANGES.events, pattern: 'order.registered' }],
  },
};

export function jobcentreQueueSpec(code: number): QueueSpec {
  return { name: jobcentreQueue(code), bindings: [{ exchange: EXCHANGES.jobcentres, pattern: jobcentreQueue(code) }] };
}

/** HTTP header carrying why a message was dead-lettered by a consumer. */
export const DEAD_LETTER_REASON_HEADER = 'x-rs-dead-letter-reason';

/** BullMQ queue names (in Redis, under the installation's TIMER_PREFIX). Renaming one orphans pending timers. */
export const TIMER_QUEUES = {
  /** One job per recipient and round at its deadline. */
  replyDeadlines: 'reply-deadlines',
  /** Jobs per recipient and round before the deadline (e.g. 24 h and 4 h). */
  replyReminders: 'reply-reminders',
} as const;
