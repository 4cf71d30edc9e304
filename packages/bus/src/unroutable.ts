import { QUEUES, UNROUTABLE_HEADERS } from '@rs/contracts';
import amqplib, { type ConfirmChannel, type GetMessage, type MessageProperties } from 'amqplib';

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
  // Returns are told apart by where and what was published, so redrives may run at once.
  const returned = new Set<string>();
  const keyOf = (exchange: string, routingKey: string, id: string | undefined) => `${exchange}\u0000${routingKey}\u0000${id ?? ''}`;
  ch.on('return', (msg: GetMessage) => returned.add(keyOf(msg.fields.exchange, msg.fields.routingKey, msg.properties.messageId)));
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
      const { messageId, type, correlationId, contentType, timestamp } = message.properties;
      const key = keyOf(exchange, routingKey, messageId);
      returned.delete(key);
      await new Promise<void>((resolve, reject) => {
        ch.publish(
          exchange,
          routingKey,
          message.body,
          {
            persistent: true,
            mandatory: true,
            headers,
            ...(messageId ? { messageId } : {}),
            ...(type ? { type } : {}),
            ...(correlationId ? { correlationId } : {}),
            ...(contentType ? { contentType } : {}),
            ...(timestamp ? { timestamp } : {}),
          },
          (err) => (err ? reject(new Error(`the broker refused the redrive of ${message.id}`)) : resolve()),
        );
      });
      // basic.return comes before the confirm of an unroutable mandatory message.
      if (returned.delete(key)) return 'still-unroutable';
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
