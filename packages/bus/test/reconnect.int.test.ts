import { randomUUID } from 'node:crypto';
import { type Bus, type Consumer, connectBus, consume, declareTopology, silentLogger } from '@rs/bus';
import { connectorRoutingKey, EXCHANGES, makeEnvelope, QUEUES, roundReplyExample, SERVICE_QUEUES } from '@rs/contracts';
import { createTestWorld, infra, type TestWorld, waitFor } from '@rs/testkit';

/**
 * A connection closed from the broker's side (an operator, a node restart, a network cut) is
 * reopened by the bus by itself: setup is replayed, the consumer re-subscribes and publishing works.
 */
const NAME = `test-reconnect-${randomUUID()}`;

/** The management API's connections of this bus, found by its client-provided name. */
async function brokerConnections(vhost: string): Promise<string[]> {
  const url = new URL(infra.managementUrl());
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  const res = await fetch(`${url.origin}/api/vhosts/${encodeURIComponent(vhost)}/connections`, { headers: { authorization: auth } });
  if (!res.ok) throw new Error(`GET connections: ${res.status}`);
  const list = (await res.json()) as Array<{ name: string; client_properties?: { connection_name?: string } }>;
  return list.filter((c) => c.client_properties?.connection_name === NAME).map((c) => c.name);
}

async function closeFromBroker(connection: string): Promise<void> {
  const url = new URL(infra.managementUrl());
  const auth = `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString('base64')}`;
  const res = await fetch(`${url.origin}/api/connections/${encodeURIComponent(connection)}`, {
    method: 'DELETE',
    headers: { authorization: auth, 'x-reason': 'test: closed by the operator' },
  });
  if (!res.ok && res.status !== 204) throw new Error(`DELETE connection: ${res.status}`);
}

describe('bus reconnects after the broker closes its connection', () => {
  let world: TestWorld;
  let bus: Bus;
  let consumer: Consumer;
  const received: string[] = [];
  let connects = 0;
  let disconnects = 0;

  beforeAll(async () => {
    world = await createTestWorld();
    bus = connectBus({
      url: world.amqpUrl,
      name: NAME,
      logger: silentLogger,
      setup: (ch) => declareTopology(ch, [SERVICE_QUEUES.broadcastReplies]),
    });
    bus.connection.on('connect', () => connects++);
    bus.connection.on('disconnect', () => disconnects++);
    consumer = consume(bus, SERVICE_QUEUES.broadcastReplies, {
      'round.reply': async (_data, ctx) => {
        received.push(ctx.envelope.id);
      },
    });
  }, 30_000);
  afterAll(async () => {
    await consumer?.stop();
    await bus?.close();
    await world?.dispose();
  });

  const publish = (id: string) =>
    bus.publish(
      EXCHANGES.connectors,
      connectorRoutingKey(147, 'round.reply'),
      makeEnvelope('round.reply', roundReplyExample, { id, time: new Date(), source: '/test' }),
    );

  it('reconnects by itself, and a consumer receives a message published afterwards', async () => {
    const before = `before-${randomUUID()}`;
    await publish(before);
    await waitFor(() => received.includes(before), { what: 'a message before the close' });
    expect(bus.isConnected()).toBe(true);

    const [connection] = await waitFor(
      async () => {
        const found = await brokerConnections(world.vhost);
        return found.length === 1 ? found : undefined;
      },
      { what: `the connection named ${NAME} in the management API` },
    );
    const connectsBefore = connects;
    await closeFromBroker(connection!);

    await waitFor(() => disconnects === 1, { what: 'the bus to notice the close' });
    await waitFor(() => connects === connectsBefore + 1 && bus.isConnected(), { what: 'the bus connected again' });
    const after = `after-${randomUUID()}`;
    await publish(after);
    await waitFor(() => received.includes(after), { what: 'a message published after the reconnect' });
    expect(received.filter((id) => id === after)).toHaveLength(1);
  });
});
