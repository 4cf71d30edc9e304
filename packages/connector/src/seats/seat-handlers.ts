import type { Handlers, Logger, MessageContext } from '@rs/bus';
import type { PayloadOf, SeatJobcentreMessage } from '@rs/contracts';

type Handler<K extends SeatJobcentreMessage> = (data: PayloadOf<K>, ctx: MessageContext) => Promise<void>;

/** How connector.ts wraps a message name into its once-per-id handler (a given one, else the fallback, else log and ack). */
export type WrapHandler = <K extends SeatJobcentreMessage>(name: K, fallback?: Handler<K>) => Handler<K>;

/**
 * The upskilling-seat messages of a jobcentre's queue (issue 18), kept apart from connector.ts
 * so the handler map there only spreads them in. A refused seat request is never silent: without
 * a handler of its own it is logged as a warning, since the jobcentre's seats were not changed.
 */
export function seatHandlerMap(wrap: WrapHandler, logger: Logger): Handlers<SeatJobcentreMessage> {
  return {
    'course.offered': wrap('course.offered'),
    'seat.request-recorded': wrap('seat.request-recorded'),
    'seat.request-refused': wrap('seat.request-refused', async (refusal) => {
      const { refusedMessageId, courseId, reason, detail } = refusal;
      logger.warn({ refusedMessageId, courseId, reason, detail }, `seat request refused: ${refusal.message.en} / ${refusal.message.da}`);
    }),
    'seat.allocated': wrap('seat.allocated'),
    'seat.granted': wrap('seat.granted'),
    'seat.candidate-decided': wrap('seat.candidate-decided'),
  };
}
