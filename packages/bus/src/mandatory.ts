import type { ConfirmChannel, GetMessage, Options } from 'amqplib';

/**
 * `mandatory`, confirmed publishes on a plain amqplib confirm channel (rs-admin's redrives), each
 * resolving to whether the broker returned it as unroutable. basic.return comes before the
 * confirm, and returns are told apart by where and what was published, so publishes may overlap.
 */
export function mandatoryPublisher(ch: ConfirmChannel) {
  const returned = new Set<string>();
  const keyOf = (exchange: string, routingKey: string, id: unknown) => `${exchange}\u0000${routingKey}\u0000${String(id ?? '')}`;
  ch.on('return', (msg: GetMessage) => returned.add(keyOf(msg.fields.exchange, msg.fields.routingKey, msg.properties.messageId)));
  /** Resolves true when the broker returned it (nothing routed), false when it was routed; rejects on a nack. */
  return async (exchange: string, routingKey: string, body: Buffer, properties: Options.Publish, what: string): Promise<boolean> => {
    const key = keyOf(exchange, routingKey, properties.messageId);
    returned.delete(key);
    await new Promise<void>((resolve, reject) => {
      ch.publish(exchange, routingKey, body, { persistent: true, ...properties, mandatory: true }, (err) =>
        err ? reject(new Error(`the broker refused the redrive of ${what}`)) : resolve(),
      );
    });
    return returned.delete(key);
  };
}
