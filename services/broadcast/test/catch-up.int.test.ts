import { silentLogger } from '@rs/bus';
import { catchUp, type Connector, createConnector } from '@rs/connector';
import { jobcentreQueue, type OrderBroadcast } from '@rs/contracts';
import {
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  registerOrder,
  type TestPlatform,
  testPlatform,
  waitFor,
} from '@rs/testkit';
import request from 'supertest';

/**
 * Issue 4, catch-up: a jobcentre whose queue lost messages (offline too long, or newly joined)
 * reads what it missed from the feed, then goes on with its queue, without gaps or duplicates.
 */
describe('catch-up feed', () => {
  let platform: TestPlatform;
  let broadcast: RunningService;
  let intake: RunningService;
  let connector: Connector | undefined;
  const lead = jobcentreToken(101);
  const own = jobcentreToken(147);

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [147] });
    broadcast = await platform.start('broadcast', { REPLY_WINDOW_MODE: 'clock', REMINDER_OFFSETS_SECONDS: 'none' });
    intake = await platform.start('order-intake');
  }, 60_000);
  afterAll(async () => {
    await connector?.stop();
    await platform.dispose();
  });

  const broadcastOrder = (title: string) =>
    registerOrder(intake, lead, {
      company: { name: 'Bageriet', municipality: 101 },
      title,
      occupation: '7512',
      broadcast: { scope: 'cooperation' },
    });
  const depth = (queue: string) => platform.bus.depth(queue);

  it('hands over what the queue no longer holds, once, and then continues on the queue', async () => {
    const since = new Date();
    const lost = await broadcastOrder('Bager');
    await waitFor(async () => (await depth(jobcentreQueue(147))) === 1, { what: 'the first order in the queue' });
    // The queue loses it (as if it expired while the connector was away).
    await platform.bus.purge(jobcentreQueue(147));
    const queued = await broadcastOrder('Konditor');
    await waitFor(async () => (await depth(jobcentreQueue(147))) === 1, { what: 'the second order in the queue' });

    const handled: OrderBroadcast[] = [];
    const duplicates: string[] = [];
    connector = createConnector(
      {
        url: jobcentreAmqpUrl(platform.world, 147),
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
    expect(bad.body.detail).toContain('query.since');
    // The response says from when the feed still keeps messages (FEED_RETENTION_DAYS, default 90).
    const page = await request(broadcast.url).get(`/jobcentres/147/feed?since=${since}`).set('authorization', `Bearer ${own}`).expect(200);
    const retainedFrom = Date.parse(page.body.retainedFrom);
    expect(Math.abs(Date.now() - 90 * 86_400_000 - retainedFrom)).toBeLessThan(60_000);
  });
});
