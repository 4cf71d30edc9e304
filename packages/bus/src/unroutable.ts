import { QUEUES, UNROUTABLE_HEADERS } from '@rs/contracts';
import amqplib, { type ConfirmChannel, type GetMessage, type MessageProperties } from 'amqplib';
import { mandatoryPublisher } from './mandatory';
import { keptProperties } from './settle';

/**
 * Reading and redriving the events their publishers parked in rs.unroutable because no queue was
 * bound for them (bus.publish), with an admin's AMQP credentials. A redrive publishes the event,
 * unchanged but for the parking headers, to the exchange and routing key it was first sent to,
 * `mandatory` and confirmed: one that is still unroutable stays parked.
 */
export interface ParkedMessage {
  /** The message id (the envelope id). */
  id: string | undefined;
  type: string | undefined;
  /** Where its publisher sent it. */
  exchange: string | undefined;
  routingKey: string | undefined;
  body: Buffer;
  properties: MessageProperties;
}

export interface ParkedSession {
  /** Every parked message (at most `limit`), held unacked until close(). */
  read(): Promise<ParkedMessage[]>;
  /** Publishes one to where it was sent; removes it only when the broker routed and confirmed it. */
  redrive(message: ParkedMessage): Promise<'redriven' | 'still-unroutable'>;
  /** Puts back whatever was read and not redriven, and disconnects. */
  close(): Promise<void>;
}

const asString = (v: unknown) => (typeof v === 'string' && v.length > 0 ? v : undefined);

export async function openParked(url: string, limit = 10_000): Promise<ParkedSession> {
  const connection = await amqplib.connect(url);
  const ch: ConfirmChannel = await connection.createConfirmChannel();
  const held = new Map<ParkedMessage, GetMessage>();
  const publish = mandatoryPublisher(ch);
  return {
    async read() {
      const parked: ParkedMessage[] = [];
      for (let n = 0; n < limit; n++) {
        const msg = await ch.get(QUEUES.unroutable, { noAck: false });
        if (!msg) break;
        const headers = (msg.properties.headers ?? {}) as Record<string, unknown>;
        const message: ParkedMessage = {
          id: asString(msg.properties.messageId),
          type: asString(msg.properties.type),
          exchange: asString(headers[UNROUTABLE_HEADERS.exchange]),
          routingKey: asString(headers[UNROUTABLE_HEADERS.routingKey]),
          body: msg.content,
          properties: msg.properties,
        };
        held.set(message, msg);
        parked.push(message);
      }
      return parked;
    },
    async redrive(message) {
      const msg = held.get(message);
      if (!msg) throw new Error(`parked message ${message.id} was not read in this session`);
      const { exchange, routingKey } = message;
      if (!exchange || routingKey === undefined) throw new Error(`parked message ${message.id} does not say where it was sent`);
      const {
        [UNROUTABLE_HEADERS.exchange]: _e,
        [UNROUTABLE_HEADERS.routingKey]: _k,
        ...headers
      } = (message.properties.headers ?? {}) as Record<string, unknown>;
      if (await publish(exchange, routingKey, message.body, keptProperties(message.properties, headers), `${message.id}`)) {
        return 'still-unroutable';
      }
      ch.ack(msg);
      held.delete(message);
      return 'redriven';
    },
    async close() {
      await ch.close().catch(() => {});
      await connection.close().catch(() => {});
    },
  };
}
