import { EXCHANGES, type Envelope, makeEnvelope, parseCloudEventType } from '@rs/contracts';
import { recipientsFor } from '@rs/reference-data';
import type { PrivateRedis, TestWorld } from '@rs/testkit';
import amqplib from 'amqplib';
import mongoose from 'mongoose';

/**
 * Helpers for the heavy broadcast tests (issue 3): timer counts in a private Redis (testkit's
 * privateRedis), many orders published straight to the events exchange, effects counted per (round, recipient) by distinct envelope id, and round
 * states read from broadcast's own database.
 */

/** Delayed BullMQ jobs of a timer queue (the jobs waiting for their time). */
export async function delayedTimers(redis: PrivateRedis, prefix: string, queue: string): Promise<number> {
  return Number(await redis.cli('zcard', `${prefix}:${queue}:delayed`));
}

/** Jobs of a timer queue that may still run: delayed, waiting, prioritized or active. */
export async function unfinishedTimers(redis: PrivateRedis, prefix: string, queue: string): Promise<number> {
  const key = (part: string) => `${prefix}:${queue}:${part}`;
  const counts = await Promise.all([
    redis.cli('zcard', key('delayed')),
    redis.cli('zcard', key('prioritized')),
    redis.cli('llen', key('wait')),
    redis.cli('llen', key('active')),
  ]);
  return counts.reduce((sum, n) => sum + Number(n), 0);
}

/** An order whose lead asked for a cooperation round at registration. */
export interface PlannedOrder {
  orderId: string;
  lead: number;
  recipients: number[];
}

export function planOrders(world: TestWorld, leads: number[]): PlannedOrder[] {
  return leads.map((lead, i) => ({ orderId: `${world.id}-o${i}`, lead, recipients: recipientsFor('cooperation', lead) }));
}

export const roundIdOf = (order: PlannedOrder) => `${order.orderId}-1`;

/**
 * Publishes `order.registered` for each order straight to the events exchange, as order-intake
 * would, with confirms. `copies` > 1 sends each envelope that many times (the same id: an
 * at-least-once re-send), so replicas may handle the same order at the same time.
 */
export async function publishOrders(world: TestWorld, orders: PlannedOrder[], copies = 1): Promise<void> {
  const conn = await amqplib.connect(world.amqpUrl);
  try {
    const ch = await conn.createConfirmChannel();
    const now = new Date();
    for (let copy = 0; copy < copies; copy++) {
      for (const order of orders) {
        const envelope = makeEnvelope(
          'order.registered',
          {
            orderId: order.orderId,
            leadJobcentre: order.lead,
            cooperation: null,
            registeredAt: now.toISOString(),
            order: {
              title: 'Social- og sundhedsassistent',
              occupation: '5321',
              positions: 1,
              municipality: order.lead,
              companyName: 'Plejecenter Sundby',
              description: 'Dagvagter',
            },
            broadcast: { scope: 'cooperation' },
          },
          { id: `registered-${order.orderId}`, time: now, source: '/services/order-intake', correlationId: order.orderId },
        );
        ch.publish(EXCHANGES.events, 'order.registered', Buffer.from(JSON.stringify(envelope)), {
          persistent: true,
          contentType: 'application/cloudevents+json',
          messageId: envelope.id,
          type: envelope.type,
        });
      }
    }
    await ch.waitForConfirms();
  } finally {
    await conn.close();
  }
}

/**
 * Distinct envelope ids per (round, recipient) for some message names, and how many deliveries
 * repeated an id already seen (allowed: at-least-once). Effects are the distinct ids.
 */
export class EffectCounter {
  readonly ids = new Map<string, Set<string>>();
  deliveries = 0;
  repeats = 0;
  unexpected = 0;

  record(body: Buffer, names: readonly string[]): void {
    this.deliveries++;
    const envelope = JSON.parse(body.toString()) as Envelope;
    const name = parseCloudEventType(envelope.type)?.name;
    if (!name || !names.includes(name)) return;
    const data = envelope.data as { roundId: string; recipient: number };
    const key = `${name}|${data.roundId}|${data.recipient}`;
    const seen = this.ids.get(key) ?? new Set<string>();
    if (seen.has(envelope.id)) this.repeats++;
    seen.add(envelope.id);
    this.ids.set(key, seen);
  }

  /** Pairs of the given name whose distinct-id count is not exactly 1, plus expected pairs never seen. */
  notExactlyOnce(name: string, orders: PlannedOrder[]): string[] {
    const wrong: string[] = [];
    const expected = new Set<string>();
    for (const order of orders) {
      for (const recipient of order.recipients) {
        const key = `${name}|${roundIdOf(order)}|${recipient}`;
        expected.add(key);
        const n = this.ids.get(key)?.size ?? 0;
        if (n !== 1) wrong.push(`${key}: ${n}`);
      }
    }
    for (const key of this.ids.keys()) if (key.startsWith(`${name}|`) && !expected.has(key)) wrong.push(`${key}: unexpected`);
    return wrong;
  }

  distinct(name: string): number {
    let n = 0;
    for (const [key, ids] of this.ids) if (key.startsWith(`${name}|`)) n += ids.size;
    return n;
  }
}

export interface Listener {
  counter: EffectCounter;
  close(): Promise<void>;
}

/** A private queue on the events exchange; bind it BEFORE the rounds open, or events are missed. */
export async function listenToEvents(world: TestWorld, names: readonly string[]): Promise<Listener> {
  const counter = new EffectCounter();
  const conn = await amqplib.connect(world.amqpUrl);
  const ch = await conn.createChannel();
  await ch.assertExchange(EXCHANGES.events, 'topic', { durable: true });
  const { queue } = await ch.assertQueue('', { exclusive: true, autoDelete: true });
  for (const name of names) await ch.bindQueue(queue, EXCHANGES.events, name);
  await ch.consume(queue, (msg) => msg && counter.record(msg.content, names), { noAck: true });
  return { counter, close: () => conn.close().catch(() => {}) };
}

/** Drains existing queues (e.g. the jobcentre queues) as the admin user. */
export async function drainQueues(world: TestWorld, queues: string[], names: readonly string[]): Promise<Listener> {
  const counter = new EffectCounter();
  const conn = await amqplib.connect(world.amqpUrl);
  const ch = await conn.createChannel();
  for (const queue of queues) await ch.consume(queue, (msg) => msg && counter.record(msg.content, names), { noAck: true });
  return { counter, close: () => conn.close().catch(() => {}) };
}

interface RoundDoc {
  _id: string;
  status: string;
  recipients: Array<{ jobcentre: number; status: string }>;
}

/** Broadcast's rounds collection, read directly (the service names its database `<world id>_broadcast`). */
export async function roundsOf(world: TestWorld) {
  const conn = await mongoose.createConnection(world.mongoUrl).asPromise();
  const db = conn.useDb(`${world.id}_broadcast`);
  const rounds = db.collection<RoundDoc>('rounds');
  return {
    count: (filter: Record<string, unknown> = {}) => rounds.countDocuments(filter),
    /** Changes not yet relayed (their messages and timers not yet sent). */
    unrelayed: () => db.collection('rounds_changes').countDocuments(),
    all: () => rounds.find({}, { projection: { status: 1, recipients: 1 } }).toArray(),
    close: () => conn.close(),
  };
}

/** Rounds that are not complete with every planned recipient overdue (nobody replies in these tests). */
export function notAllOverdue(orders: PlannedOrder[], docs: RoundDoc[]): string[] {
  const byId = new Map(docs.map((d) => [String(d._id), d]));
  const wrong: string[] = [];
  for (const order of orders) {
    const doc = byId.get(roundIdOf(order));
    if (!doc) {
      wrong.push(`${roundIdOf(order)}: missing`);
      continue;
    }
    const overdue = doc.recipients
      .filter((r) => r.status === 'overdue')
      .map((r) => r.jobcentre)
      .sort((a, b) => a - b);
    if (doc.status !== 'complete' || JSON.stringify(overdue) !== JSON.stringify(order.recipients)) {
      wrong.push(`${doc._id}: ${doc.status}, overdue ${overdue.length}/${order.recipients.length}`);
    }
  }
  return wrong;
}
