import { type Bus, connectBus, consume, type Consumer, type Handlers, type Logger, type MessageContext } from '@rs/bus';
import {
  decodeMessage,
  INQUIRY_ANSWERS,
  type InquiryAnswer,
  type JobcentreMessage,
  jobcentreQueueSpec,
  type PayloadOf,
  type RoundReply,
} from '@rs/contracts';
import { type CvPublisher, cvPublisher, publishAsJobcentre } from './cv-publisher';
import { SeenIds } from './seen-ids';
import { seatHandlerMap } from './seats/seat-handlers';

export type { JobcentreMessage };

/**
 * Typed handlers for the messages a jobcentre receives on its own queue. Those left out are
 * acknowledged and logged, so a connector that only answers broadcasts keeps its queue empty.
 */
export type JobcentreHandlers = {
  [K in JobcentreMessage]?: (data: PayloadOf<K>, ctx: MessageContext) => Promise<void>;
};

export interface ConnectorOptions {
  /** AMQP URL with THIS jobcentre's credentials (user jobcentre-<code>). */
  url: string;
  jobcentre: number;
  logger: Logger;
  /** Unacked messages at once. Default 5. */
  prefetch?: number;
  /** Delay before a failed handler's message is redelivered. Default 2000 ms. */
  retryDelayMs?: number;
  now?: () => Date;
  /** Called for a message seen before (a redelivery or a re-sent copy), which is acked and not handled again. */
  onDuplicate?: (messageId: string) => void;
}

export interface Connector extends CvPublisher {
  readonly jobcentre: number;
  readonly bus: Bus;
  /**
   * Hands a message obtained another way (the catch-up feed) to the same handlers, under the
   * same once-per-envelope-id rule as queue deliveries. Returns false for a message it cannot use.
   */
  deliver(envelope: unknown): Promise<boolean>;
  /** Answers a round as this jobcentre; resolves when the broker confirmed it. */
  reply(reply: RoundReply): Promise<string>;
  /**
   * Answers an inquiry this jobcentre received (pool.candidate-inquiry) as this jobcentre;
   * resolves with the message id when the broker confirmed it. Matching records the first answer
   * and tells the asker (pool.inquiry-answered), or refuses it (pool.inquiry-answer-refused).
   */
  answerInquiry(answer: InquiryAnswer): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A jobcentre's connection to the platform: consumes only its own queue with its own
 * credentials, hands each message once to a typed handler, and publishes as itself (the broker
 * checks user_id against the login). A handler that throws is retried by redelivery until the
 * queue's delivery limit, then dead-lettered by the broker.
 */
export function createConnector(options: ConnectorOptions, handlers: JobcentreHandlers): Connector {
  const now = options.now ?? (() => new Date());
  // No topology setup: a jobcentre user may configure nothing; the platform declares its queue.
  const bus = connectBus({ url: options.url, name: `connector-${options.jobcentre}`, logger: options.logger });
  const seen = new SeenIds();

  const once =
    <D>(handler: (data: D, ctx: MessageContext) => Promise<void>) =>
    async (data: D, ctx: MessageContext) => {
      if (seen.has(ctx.envelope.id)) {
        options.onDuplicate?.(ctx.envelope.id);
        return;
      }
      await handler(data, ctx);
      seen.add(ctx.envelope.id);
    };

  const handle = <K extends JobcentreMessage>(name: K, fallback?: (data: PayloadOf<K>, ctx: MessageContext) => Promise<void>) => {
    const given = (handlers[name] as ((data: PayloadOf<K>, ctx: MessageContext) => Promise<void>) | undefined) ?? fallback;
    return once<PayloadOf<K>>(
      given ??
        (async (data, ctx) => {
          if (name === 'round.reply-refused') {
            // Never silent: a refused reply means the round still waits for this jobcentre's answer.
            const refusal = data as PayloadOf<'round.reply-refused'>;
            const { refusedMessageId, roundId, reason } = refusal;
            options.logger.warn({ refusedMessageId, roundId, reason }, `reply refused: ${refusal.message.en} / ${refusal.message.da}`);
            return;
          }
          if (name === 'order.service-goal-notice') {
            // Meant for a person: without a handler of its own it is at least in the log, in both languages.
            const notice = data as PayloadOf<'order.service-goal-notice'>;
            const { orderId, goal, kind, dueAt } = notice;
            options.logger.warn({ orderId, goal, kind, dueAt }, `service goal ${kind}: ${notice.message.en} / ${notice.message.da}`);
            return;
          }
          options.logger.info({ type: name, messageId: ctx.envelope.id }, 'message without a handler acknowledged');
        }),
    );
  };
  // Typed from the jobcentre queue's `consumes`: a message added there does not compile until it is here.
  const handlerMap: Handlers<JobcentreMessage> = {
    'round.order-broadcast': handle('round.order-broadcast'),
    'round.reminder': handle('round.reminder'),
    'round.withdrawn': handle('round.withdrawn'),
    'round.reply-received': handle('round.reply-received'),
    'round.overdue-notice': handle('round.overdue-notice'),
    'round.shortlist': handle('round.shortlist'),
    'round.candidate-withdrawn': handle('round.candidate-withdrawn'),
    'round.reply-refused': handle('round.reply-refused'),
    'order.service-goal-notice': handle('order.service-goal-notice'),
    ...seatHandlerMap(handle, options.logger),
    'pool.stale-cvs': handle('pool.stale-cvs'),
    'round.order-amended': handle('round.order-amended'),
    'round.lead-changed': handle('round.lead-changed'),
    'pool.candidate-inquiry': handle('pool.candidate-inquiry', async (inquiry) => {
      // Meant for a person: without a handler of its own it is at least in the log.
      const { inquiryId, fromJobcentre, candidateRef, orderId } = inquiry;
      options.logger.warn(
        { inquiryId, fromJobcentre, candidateRef, orderId },
        `jobcentre ${fromJobcentre} asks about candidate ${candidateRef} / jobcenter ${fromJobcentre} spørger til kandidat ${candidateRef}`,
      );
    }),
    'round.secretariat-notice': handle('round.secretariat-notice'),
    'pool.inquiry-answered': handle('pool.inquiry-answered', async (answered) => {
      // Meant for the consultant who asked: without a handler of its own it is at least in the log, in both languages.
      const { inquiryId, toJobcentre, candidateRef, answer, note } = answered;
      const words = INQUIRY_ANSWERS[answer];
      options.logger.warn(
        { inquiryId, toJobcentre, candidateRef, answer },
        `jobcentre ${toJobcentre} answered about candidate ${candidateRef}: ${words.en} / jobcenter ${toJobcentre} svarede om kandidat ${candidateRef}: ${words.da}${note ? ` — ${note}` : ''}`,
      );
    }),
    'pool.inquiry-answer-refused': handle('pool.inquiry-answer-refused', async (refusal) => {
      // Never silent: a refused answer means the asker still waits.
      const { refusedMessageId, inquiryId, reason } = refusal;
      options.logger.warn({ refusedMessageId, inquiryId, reason }, `inquiry answer refused: ${refusal.message.en} / ${refusal.message.da}`);
    }),
  };
  const consumer: Consumer = consume(bus, jobcentreQueueSpec(options.jobcentre), handlerMap, {
    prefetch: options.prefetch ?? 5,
    deadLetter: 'reject',
    retryDelayMs: options.retryDelayMs ?? 2000,
  });

  return {
    ...cvPublisher(bus, options.jobcentre, now),
    jobcentre: options.jobcentre,
    bus,
    async deliver(envelope) {
      const decoded = decodeMessage(JSON.stringify(envelope));
      if (!decoded.ok || !Object.hasOwn(handlerMap, decoded.message.name)) return false;
      const { name, data } = decoded.message;
      const ctx: MessageContext = {
        envelope: decoded.message.envelope,
        userId: undefined,
        redelivered: false,
        deliveryCount: 0,
        attempt: 0,
      };
      await (handlerMap[name as JobcentreMessage] as (d: unknown, c: MessageContext) => Promise<void>)(data, ctx);
      return true;
    },
    reply: (reply) =>
      publishAsJobcentre(bus, options.jobcentre, 'round.reply', reply, now(), { correlationId: reply.orderId, subject: reply.roundId }),
    answerInquiry: (answer) => publishAsJobcentre(bus, options.jobcentre, 'pool.inquiry-answer', answer, now()),
    async stop() {
      await consumer.stop();
      await bus.close();
    },
  };
}
