import type { Channel } from 'amqplib';
import { DEAD_LETTER_ARGUMENTS, deadLetterQueue, EXCHANGES, type QueueSpec, QUEUES, workQueueArguments } from '@rs/contracts';

const EXCHANGE_TYPES: Record<string, 'topic' | 'direct'> = {
  [EXCHANGES.events]: 'topic',
  [EXCHANGES.jobcentres]: 'direct',
  [EXCHANGES.connectors]: 'topic',
  [EXCHANGES.deadLetter]: 'topic',
};

/**
 * Declares every exchange and the given queues with their dead-letter queues and bindings.
 * Idempotent, and run as a channel setup so it is replayed on every reconnect.
 */
export async function declareTopology(ch: Channel, queues: QueueSpec[]): Promise<void> {
  for (const [name, type] of Object.entries(EXCHANGE_TYPES)) {
    await ch.assertExchange(name, type, { durable: true });
  }
  const deadLetters = new Set<string>();
  for (const queue of queues) {
    await ch.assertQueue(queue.name, { durable: true, arguments: workQueueArguments(queue.name) });
    for (const binding of queue.bindings) await ch.bindQueue(queue.name, binding.exchange, binding.pattern);
    deadLetters.add(deadLetterQueue(queue.name));
    if (deadLetterQueue(queue.name) !== QUEUES.jobcentresDeadLetter) {
      await declareDeadLetterQueue(ch, deadLetterQueue(queue.name), queue.name);
    }
  }
  if (deadLetters.has(QUEUES.jobcentresDeadLetter)) {
    await declareDeadLetterQueue(ch, QUEUES.jobcentresDeadLetter, 'jobcentre.*');
  }
}

async function declareDeadLetterQueue(ch: Channel, name: string, pattern: string): Promise<void> {
  await ch.assertQueue(name, { durable: true, arguments: DEAD_LETTER_ARGUMENTS });
  await ch.bindQueue(name, EXCHANGES.deadLetter, pattern);
}
