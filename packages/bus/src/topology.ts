import type { Channel } from 'amqplib';
import {
  DEAD_LETTER_ARGUMENTS,
  deadLetterQueue,
  EXCHANGE_TYPES,
  EXCHANGES,
  type QueueSpec,
  QUEUES,
  queueBindings,
  workQueueArguments,
} from '@rs/contracts';

/**
 * Declares every exchange, the queue of parked unroutable events, and the given queues with their
 * dead-letter queues and the bindings derived from what each consumes. Idempotent, and run as a
 * channel setup so it is replayed on every reconnect.
 */
export async function declareTopology(ch: Channel, queues: readonly QueueSpec[]): Promise<void> {
  for (const key of Object.keys(EXCHANGES) as (keyof typeof EXCHANGES)[]) {
    await ch.assertExchange(EXCHANGES[key], EXCHANGE_TYPES[key], { durable: true });
  }
  await ch.assertQueue(QUEUES.unroutable, { durable: true, arguments: DEAD_LETTER_ARGUMENTS });
  await ch.bindQueue(QUEUES.unroutable, EXCHANGES.unroutable, '');
  const deadLetters = new Set<string>();
  for (const queue of queues) {
    await ch.assertQueue(queue.name, { durable: true, arguments: workQueueArguments(queue.name) });
    for (const binding of queueBindings(queue)) await ch.bindQueue(queue.name, binding.exchange, binding.pattern);
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
