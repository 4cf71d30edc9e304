import { silentLogger } from '@rs/bus';
import { catchUp, type Connector, createConnector } from '@rs/connector';
import { jobcentreQueue, jobcentreUsername, type OrderBroadcast } from '@rs/contracts';
import {
  createTestWorld,
  provisionJobcentres,
  type RunningService,
  startService,
  type TestWorld,
  testPassword,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import amqplib from 'amqplib';
import request from 'supertest';

/**
 * Issue 4, catch-up: a jobcentre whose queue lost messages (offline too long, or newly joined)
 * reads what it missed from the feed, then goes on with its queue, without gaps or duplicates.
 */
describe('catch-up feed', () => {
  let world: TestWorld;
  let broadcast: RunningService;
  let intake: RunningService;
  let connector: Connector | undefined;
  const lead = tokenFor({ role: 'jobcentre', sub: 'consultant-101', jobcentre: 101 });
  const own = tokenFor({ role: 'jobcentre', sub: 'connector-147', jobcentre: 147 });

  beforeAll(async () => {
    world = await createTestWorld();
    await provisionJobcentres(world, [147]);
    broadcast = await startService(world, 'broadcast', { REPLY_WINDOW_MODE: 'clock', REMINDER_OFFSETS_SECONDS: 'none' });
    intake = await startService(world, 'order-intake');
  }, 60_000);
  afterAll(async () => {
    await connector?.stop();
    await Promise.all([broadcast?.stop(), intake?.stop()]);
    await world.dispose();
  });

  async function broadcastOrder(title: string): Promise<string> {
    const res = await request(intake.url)
      .post('/orders')
      .set('authorization', `Bearer ${lead}`)
      .send({
        company: { name: 'Bageriet', municipality: 101 },
        title,
        occupation: '7512',
        positions: 1,
        broadcast: { scope: 'cooperation' },
      })
      .expect(201);
    return res.body.id;
  }

  async function depth(queue: string): Promise<number> {
    const conn = await amqplib.connect(world.amqpUrl);
    try {
      return (await (await conn.createChannel()).checkQueue(queue)).messageCount;
    } finally {
      await conn.close();
    }
  }

  it('hands over what the queue no longer holds, once, and then continues on the queue', async () => {
    const since = new Date();
    const lost = await broadcastOrder('Bager');
    await waitFor(async () => (await depth(jobcentreQueue(147))) === 1, { what: 'the first order in the queue' });
    // The queue loses it (as if it expired while the connector was away).
    const conn = await amqplib.connect(world.amqpUrl);
    await (await conn.createChannel()).purgeQueue(jobcentreQueue(147));
    await conn.close();
    const queued = await broadcastOrder('Konditor');
    await waitFor(async () => (await depth(jobcentreQueue(147))) === 1, { what: 'the second order in the queue' });

    const handled: OrderBroadcast[] = [];
    const duplicates: string[] = [];
    connector = createConnector(
      {
        url: world.amqpUrlFor(jobcentreUsername(147), testPassword(147)),
        jobcentre: 147,
        logger: silentLogger,
        onDuplicate: (id) => duplicates.push(id),
      },
      { 'round.order-broadcast': async (order) => void handled.push(order) },
    );
    await waitFor(() => handled.length === 1, { what: 'the queued order from the queue' });
    const gaps: Date[] = [];
    const fromFeed = await catchUp(connector, {
      baseUrl: broadcast.url,
      token: own,
      since,
      pageSize: 1,
      onRetentionGap: (d) => gaps.push(d),
    });
    expect(fromFeed).toBe(2);
    expect(gaps).toEqual([]);
    expect(handled.map((o) => o.orderId).sort()).toEqual([lost, queued].sort());
    expect(duplicates).toHaveLength(1);

    const later = await broadcastOrder('Chokolatier');
    await waitFor(() => handled.length === 3, { what: 'a new order on the queue' });
    expect(handled.map((o) => o.orderId).sort()).toEqual([lost, queued, later].sort());

    // Asking for more than the feed keeps (90 days by default) is said once, not silently cut.
    const longAgo = new Date(Date.now() - 200 * 86_400_000);
    expect(await catchUp(connector, { baseUrl: broadcast.url, token: own, since: longAgo, onRetentionGap: (d) => gaps.push(d) })).toBe(3);
    expect(handled).toHaveLength(3);
    expect(gaps).toHaveLength(1);
    expect(Math.abs(gaps[0]!.getTime() - (Date.now() - 90 * 86_400_000))).toBeLessThan(60_000);
  }, 60_000);

  it('shows a jobcentre only its own feed, and asks for a starting point', async () => {
    const since = encodeURIComponent(new Date(0).toISOString());
    await request(broadcast.url).get(`/jobcentres/147/feed?since=${since}`).set('authorization', `Bearer ${lead}`).expect(404);
    await request(broadcast.url).get(`/jobcentres/147/feed?since=${since}`).expect(401);
    const bad = await request(broadcast.url).get('/jobcentres/147/feed').set('authorization', `Bearer ${own}`).expect(400);
    expect(bad.body.message).toContain('query.since');
    // The response says from when the feed still keeps messages (FEED_RETENTION_DAYS, default 90).
    const page = await request(broadcast.url).get(`/jobcentres/147/feed?since=${since}`).set('authorization', `Bearer ${own}`).expect(200);
    const retainedFrom = Date.parse(page.body.retainedFrom);
    expect(Math.abs(Date.now() - 90 * 86_400_000 - retainedFrom)).toBeLessThan(60_000);
  });
});
