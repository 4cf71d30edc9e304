import type { Channel } from 'amqplib';
import {
  DEAD_LETTER_ARGUMENTS,
  deadLetterQueue,
  EXCHANGE_TYPES,
  EXCHANGES,
  type QueueSpec,
  QUEUES,
  queueBindings,
  retryQueue,
  retryQueueArguments,
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
    // Where retries come back and rs-admin redrives to (jobcentre queues included).
    await ch.bindQueue(queue.name, EXCHANGES.retry, queue.name);
    deadLetters.add(deadLetterQueue(queue.name));
    if (deadLetterQueue(queue.name) !== QUEUES.jobcentresDeadLetter) {
      await declareDeadLetterQueue(ch, deadLetterQueue(queue.name), queue.name);
    }
  }
  if (deadLetters.has(QUEUES.jobcentresDeadLetter)) {
    await declareDeadLetterQueue(ch, QUEUES.jobcentresDeadLetter, 'jobcentre.*');
  }
}

/**
 * The delay queues of one work queue, one per distinct delay, each bound to rs.retry under its
 * own name. Run by the consumer that retries into them, on every reconnect.
 */
export async function declareRetryQueues(ch: Channel, queue: string, delaysMs: readonly number[]): Promise<void> {
  await ch.assertExchange(EXCHANGES.retry, 'direct', { durable: true });
  await ch.bindQueue(queue, EXCHANGES.retry, queue);
  for (const delayMs of new Set(delaysMs)) {
    const name = retryQueue(queue, delayMs);
    await ch.assertQueue(name, { durable: true, arguments: retryQueueArguments(queue, delayMs) });
    await ch.bindQueue(name, EXCHANGES.retry, name);
  }
}

async function declareDeadLetterQueue(ch: Channel, name: string, pattern: string): Promise<void> {
  await ch.assertQueue(name, { durable: true, arguments: DEAD_LETTER_ARGUMENTS });
  await ch.bindQueue(name, EXCHANGES.deadLetter, pattern);
}
