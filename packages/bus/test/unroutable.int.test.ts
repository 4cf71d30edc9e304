import { type Bus, connectBus, declareTopology, type Logger, openParked, UnroutableError, type UnroutableOutcome } from '@rs/bus';
import {
  EXCHANGES,
  jobcentreQueue,
  jobcentreQueueSpec,
  jobcentreUsername,
  makeEnvelope,
  type MessageName,
  orderClosedExample,
  orderRegisteredExample,
  type PayloadOf,
  QUEUES,
  roundCompletedExample,
  roundReminderExample,
  roundReplyExample,
  routeOf,
  SERVICE_QUEUES,
  UNROUTABLE_HEADERS,
} from '@rs/contracts';
import { createTestWorld, provisionJobcentres, type TestWorld, testPassword, waitFor } from '@rs/testkit';
import amqplib, { type Channel, type ChannelModel } from 'amqplib';
import { randomUUID } from 'node:crypto';

/**
 * Part 4 of issue 14 on the real broker: a message no queue is bound for is never confirmed and
 * dropped. An event is parked in rs.unroutable (with where it was sent), a message to a jobcentre
 * or from a connector is refused; both are logged as errors and reported for the counter. A
 * routable message is delivered as before, also when both kinds are published at once.
 */
const CODE = 147;

interface Report {
  exchange: string;
  routingKey: string;
  outcome: UnroutableOutcome;
}

function recordingLogger(errors: string[]): Logger {
  return { debug() {}, info() {}, warn() {}, error: (_obj, msg) => void errors.push(msg ?? '') };
}

const envelope = <N extends MessageName>(name: N, data: PayloadOf<N>) =>
  makeEnvelope(name, data, { id: randomUUID(), time: new Date(), source: '/test' });

describe('bus.publish: unroutable messages are reported, never dropped', () => {
  let world: TestWorld;
  let admin: ChannelModel;
  let ch: Channel;
  let bus: Bus;
  let connector: Bus;
  const reports: Report[] = [];
  const errors: string[] = [];
  const connectorReports: Report[] = [];

  beforeAll(async () => {
    world = await createTestWorld();
    await provisionJobcentres(world, [CODE]);
    // matching.events (order.registered) and jobcentre 147's queue are bound; nothing consumes
    // round.completed, no other jobcentre queue exists, and broadcast.replies is not declared.
    bus = connectBus({
      url: world.amqpUrl,
      name: 'test-unroutable',
      logger: recordingLogger(errors),
      setup: (c) => declareTopology(c, [SERVICE_QUEUES.matchingEvents, jobcentreQueueSpec(CODE)]),
      onUnroutable: (exchange, routingKey, outcome) => reports.push({ exchange, routingKey, outcome }),
    });
    connector = connectBus({
      url: world.amqpUrlFor(jobcentreUsername(CODE), testPassword(CODE)),
      name: 'test-unroutable-connector',
      logger: recordingLogger([]),
      onUnroutable: (exchange, routingKey, outcome) => connectorReports.push({ exchange, routingKey, outcome }),
    });
    admin = await amqplib.connect(world.amqpUrl);
    ch = await admin.createChannel();
    // The bus declares the same on connect; declared here too so the queues exist before the first publish.
    await declareTopology(ch, [SERVICE_QUEUES.matchingEvents, jobcentreQueueSpec(CODE)]);
  }, 30_000);
  afterAll(async () => {
    await connector?.close();
    await bus?.close();
    await admin?.close().catch(() => {});
    await world?.dispose();
  });
  beforeEach(() => {
    reports.length = 0;
    errors.length = 0;
  });

  const get = async (queue: string) => {
    const msg = await ch.get(queue, { noAck: true });
    return msg === false ? undefined : msg;
  };

  it('delivers a routable event and reports nothing', async () => {
    const e = envelope('order.registered', orderRegisteredExample);
    const { exchange, routingKey } = routeOf('order.registered');
    await bus.publish(exchange, routingKey, e);
    const delivered = await waitFor(() => get(QUEUES.matchingEvents), { what: 'order.registered in matching.events' });
    expect(delivered.properties.messageId).toBe(e.id);
    expect(reports).toEqual([]);
    expect(errors).toEqual([]);
    expect((await ch.checkQueue(QUEUES.unroutable)).messageCount).toBe(0);
  });

  it('parks an event no queue is bound for in rs.unroutable, logged and reported, and the publish succeeds', async () => {
    const e = envelope('round.completed', roundCompletedExample);
    const { exchange, routingKey } = routeOf('round.completed');
    await bus.publish(exchange, routingKey, e);
    expect(reports).toEqual([{ exchange: EXCHANGES.events, routingKey: 'round.completed', outcome: 'parked' }]);
    expect(errors).toEqual([expect.stringMatching(/no queue is bound.*parked/)]);
    const parked = await waitFor(() => get(QUEUES.unroutable), { what: 'the event in rs.unroutable' });
    expect(parked.properties.messageId).toBe(e.id);
    expect(parked.properties.headers).toMatchObject({
      [UNROUTABLE_HEADERS.exchange]: EXCHANGES.events,
      [UNROUTABLE_HEADERS.routingKey]: 'round.completed',
    });
    expect(JSON.parse(parked.content.toString())).toEqual(e);
  });

  it('refuses a message to a jobcentre queue that does not exist (the outbox keeps it), and still delivers to one that does', async () => {
    const toMissing = routeOf('round.reminder', 999);
    await expect(bus.publish(toMissing.exchange, toMissing.routingKey, envelope('round.reminder', roundReminderExample))).rejects.toThrow(
      UnroutableError,
    );
    expect(reports).toEqual([{ exchange: EXCHANGES.jobcentres, routingKey: jobcentreQueue(999), outcome: 'refused' }]);
    expect(errors).toEqual([expect.stringMatching(/no queue is bound.*refused/)]);

    const toOwn = routeOf('round.reminder', CODE);
    await bus.publish(toOwn.exchange, toOwn.routingKey, envelope('round.reminder', roundReminderExample));
    await waitFor(() => get(jobcentreQueue(CODE)), { what: 'the reminder in jobcentre.147' });
    expect(reports).toHaveLength(1);
  });

  it("refuses a connector's reply while no consumer's queue is bound, and delivers the same reply once one is", async () => {
    const { exchange, routingKey } = routeOf('round.reply', CODE);
    const reply = envelope('round.reply', roundReplyExample);
    const userId = jobcentreUsername(CODE);
    await expect(connector.publish(exchange, routingKey, reply, { userId })).rejects.toThrow(UnroutableError);
    expect(connectorReports).toEqual([{ exchange: EXCHANGES.connectors, routingKey, outcome: 'refused' }]);

    await declareTopology(ch, [SERVICE_QUEUES.broadcastReplies]);
    await connector.publish(exchange, routingKey, reply, { userId });
    const delivered = await waitFor(() => get(QUEUES.broadcastReplies), { what: 'the reply in broadcast.replies' });
    expect(delivered.properties.messageId).toBe(reply.id);
    expect(connectorReports).toHaveLength(1);
  });

  it('tells each of many concurrent publishes apart: only the unroutable ones are reported', async () => {
    const routable = Array.from({ length: 40 }, () => envelope('order.registered', orderRegisteredExample));
    const unroutable = Array.from({ length: 40 }, () => envelope('round.completed', roundCompletedExample));
    const mixed = routable.flatMap((r, i) => [
      { key: 'order.registered', e: r },
      { key: 'round.completed', e: unroutable[i]! },
    ]);
    await Promise.all(mixed.map(({ key, e }) => bus.publish(EXCHANGES.events, key, e)));
    expect(reports).toHaveLength(40);
    expect(reports.every((r) => r.routingKey === 'round.completed' && r.outcome === 'parked')).toBe(true);
    await waitFor(async () => (await ch.checkQueue(QUEUES.matchingEvents)).messageCount === 40, { what: '40 in matching.events' });
    await waitFor(async () => (await ch.checkQueue(QUEUES.unroutable)).messageCount === 40, { what: '40 in rs.unroutable' });
  });

  it('an admin redrives parked events to where they were sent once a queue is bound; the still unroutable stay parked', async () => {
    await ch.purgeQueue(QUEUES.unroutable);
    const completed = envelope('round.completed', roundCompletedExample);
    const closed = envelope('order.closed', orderClosedExample);
    await bus.publish(EXCHANGES.events, 'round.completed', completed);
    await bus.publish(EXCHANGES.events, 'order.closed', closed);
    expect(reports.map((r) => r.routingKey)).toEqual(['round.completed', 'order.closed']);

    // order-intake.events now consumes round.completed; nothing consumes order.closed here.
    await declareTopology(ch, [SERVICE_QUEUES.orderIntakeEvents]);
    const session = await openParked(world.amqpUrl);
    try {
      const parked = await session.read();
      expect(parked.map((p) => [p.id, p.exchange, p.routingKey])).toEqual([
        [completed.id, EXCHANGES.events, 'round.completed'],
        [closed.id, EXCHANGES.events, 'order.closed'],
      ]);
      expect(await Promise.all(parked.map((p) => session.redrive(p)))).toEqual(['redriven', 'still-unroutable']);
    } finally {
      await session.close();
    }
    const delivered = await waitFor(() => get(QUEUES.orderIntakeEvents), { what: 'round.completed in order-intake.events' });
    expect(delivered.properties.messageId).toBe(completed.id);
    expect(Object.keys(delivered.properties.headers ?? {})).not.toContain(UNROUTABLE_HEADERS.exchange);
    const left = await waitFor(() => get(QUEUES.unroutable), { what: 'order.closed still parked' });
    expect(left.properties.messageId).toBe(closed.id);
    expect(await get(QUEUES.unroutable)).toBeUndefined();
  });
});
