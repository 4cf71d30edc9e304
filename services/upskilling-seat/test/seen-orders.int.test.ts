import { EXCHANGES, makeEnvelope, QUEUES } from '@rs/contracts';
import { type RunningService, settledCount, type TestPlatform, testPlatform, waitFor } from '@rs/testkit';
import mongoose from 'mongoose';
import request from 'supertest';

/**
 * Upskilling-seat as it is today (a real process on real servers): it starts, is ready on the
 * database, the broker and Redis it uses (its course windows are BullMQ timers), records each order it hears
 * of once however often the broker delivers it, and stops cleanly on SIGTERM.
 */
describe('upskilling-seat', () => {
  let platform: TestPlatform;
  let upskilling: RunningService;

  beforeAll(async () => {
    platform = await testPlatform();
    upskilling = await platform.start('upskilling-seat');
  }, 60_000);
  afterAll(() => platform.dispose());

  const registered = (orderId: string, envelopeId: string) =>
    makeEnvelope(
      'order.registered',
      {
        orderId,
        leadJobcentre: 101,
        cooperation: 'HRS',
        registeredAt: '2026-12-01T09:00:00.000Z',
        order: { title: 'Murer', occupation: '7112', positions: 1, municipality: 101, companyName: 'Murerfirma A/S', description: '' },
        broadcast: null,
      },
      { id: envelopeId, time: new Date(), source: '/services/order-intake', correlationId: orderId },
    );
  const publish = (envelope: ReturnType<typeof registered>) =>
    platform.bus.publish(EXCHANGES.events, 'order.registered', envelope, {
      messageId: envelope.id,
      contentType: 'application/cloudevents+json',
    });
  it('is ready on exactly the servers it uses', async () => {
    await request(upskilling.url).get('/healthz').expect(200);
    const ready = await request(upskilling.url).get('/readyz').expect(200);
    expect(ready.body.checks).toEqual({ database: true, broker: true, redis: true });
  });

  it('records an order it sees once, even when the same message is delivered again', async () => {
    const orderId = `${platform.world.id}-o1`;
    const first = registered(orderId, 'registered-1');
    await publish(first);
    const conn = await mongoose.createConnection(platform.world.mongoUrl, { dbName: platform.world.dbName('upskilling-seat') }).asPromise();
    try {
      const seen = conn.collection('seen_orders');
      // findOne answers null, not undefined, while nothing is there: waitFor would take that as done.
      const recorded = await waitFor(async () => (await seen.findOne({ _id: orderId as never })) ?? undefined, {
        what: 'the order recorded',
      });
      // The broker's at-least-once: the same envelope again, then another order after it.
      await publish(first);
      await publish(registered(`${platform.world.id}-o2`, 'registered-2'));
      await waitFor(async () => (await settledCount(upskilling, QUEUES.upskillingEvents, 'ack')) === 3, {
        what: 'all three deliveries settled',
      });
      expect(await seen.countDocuments({ _id: orderId as never })).toBe(1);
      expect(await seen.findOne({ _id: orderId as never })).toEqual(recorded);
      expect(await seen.countDocuments()).toBe(2);
    } finally {
      await conn.close();
    }
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await upskilling.stop()).toBe(0);
    expect(upskilling.output()).toMatch(/"msg":"stopped"/);
  });
});
