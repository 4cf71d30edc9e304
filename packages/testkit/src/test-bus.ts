import { parseCloudEventType } from '@rs/contracts';
import amqplib, { type Channel, type ConsumeMessage, type GetMessage, type Options } from 'amqplib';
import type { TestWorld } from './infra';

/** A message a test saw, with its envelope parsed (undefined when the body is not JSON). */
export interface Seen {
  exchange: string;
  routingKey: string;
  /** The CloudEvents type without version, e.g. `order.registered`, when there is one. */
  name: string | undefined;
  envelope: { id?: string; type?: string; data?: unknown } | undefined;
  message: ConsumeMessage;
}

export interface Watch {
  seen: Seen[];
  /** The data of every message of this name seen so far. */
  data<T = Record<string, unknown>>(name: string): T[];
}

/**
 * The test's own view of the broker in its world (the admin user in the world's vhost): queue
 * depths read from the broker itself (the management API's figures lag), single messages taken
 * from a queue, private queues bound to an exchange to watch what a service publishes, raw
 * publishes with confirm. One connection, opened on first use; `close` it in afterAll (a
 * TestPlatform does).
 */
export interface TestBus {
  depth(queue: string): Promise<number>;
  depths(queues: readonly string[]): Promise<Map<string, number>>;
  purge(queue: string): Promise<void>;
  /** Takes (and removes) one message of the queue, if there is one. */
  take(queue: string): Promise<GetMessage | undefined>;
  /** A private queue bound to `exchange` with each pattern; bind it BEFORE the messages are sent. */
  watch(exchange: string, patterns: readonly string[]): Promise<Watch>;
  /** Consumes existing queues (they are drained: what the test sees nobody else gets). */
  drain(queues: readonly string[]): Promise<Watch>;
  /** Publishes with confirm; an object is sent as JSON. */
  publish(exchange: string, routingKey: string, body: Buffer | object, options?: Options.Publish): Promise<void>;
  close(): Promise<void>;
}

export function testBus(world: TestWorld): TestBus {
  let connection: Promise<amqplib.ChannelModel> | undefined;
  const connect = () => {
    connection ??= amqplib.connect(world.amqpUrl);
    return connection;
  };
  // A channel per operation: a failed check (e.g. a queue that does not exist) closes only its own.
  const withChannel = async <T>(use: (ch: Channel) => Promise<T>): Promise<T> => {
    const ch = await (await connect()).createChannel();
    try {
      return await use(ch);
    } finally {
      await ch.close().catch(() => {});
    }
  };
  const collect = async (setup: (ch: Channel, onMessage: (m: ConsumeMessage | null) => void) => Promise<void>): Promise<Watch> => {
    const seen: Seen[] = [];
    const ch = await (await connect()).createChannel();
    await setup(ch, (m) => m && seen.push(parse(m)));
    return { seen, data: <T>(name: string) => seen.filter((s) => s.name === name).map((s) => s.envelope?.data as T) };
  };
  return {
    depth: (queue) => withChannel(async (ch) => (await ch.checkQueue(queue)).messageCount),
    depths: (queues) =>
      withChannel(async (ch) => {
        const result = new Map<string, number>();
        for (const q of queues) result.set(q, (await ch.checkQueue(q)).messageCount);
        return result;
      }),
    purge: (queue) => withChannel(async (ch) => void (await ch.purgeQueue(queue))),
    take: (queue) => withChannel(async (ch) => (await ch.get(queue, { noAck: true })) || undefined),
    watch: (exchange, patterns) =>
      collect(async (ch, onMessage) => {
        const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
        for (const pattern of patterns) await ch.bindQueue(queue, exchange, pattern);
        await ch.consume(queue, onMessage, { noAck: true });
      }),
    drain: (queues) =>
      collect(async (ch, onMessage) => {
        for (const queue of queues) await ch.consume(queue, onMessage, { noAck: true });
      }),
    publish: async (exchange, routingKey, body, options = {}) => {
      const ch = await (await connect()).createConfirmChannel();
      try {
        const content = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body));
        ch.publish(exchange, routingKey, content, { persistent: true, ...options });
        await ch.waitForConfirms();
      } finally {
        await ch.close().catch(() => {});
      }
    },
    async close() {
      const open = connection;
      connection = undefined;
      if (open) await (await open).close().catch(() => {});
    },
  };
}

function parse(message: ConsumeMessage): Seen {
  let envelope: Seen['envelope'];
  try {
    envelope = JSON.parse(message.content.toString());
  } catch {
    envelope = undefined;
  }
  const name = typeof envelope?.type === 'string' ? parseCloudEventType(envelope.type)?.name : undefined;
  return { exchange: message.fields.exchange, routingKey: message.fields.routingKey, name, envelope, message };
}
