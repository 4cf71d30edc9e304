import { silentLogger } from '@rs/bus';
import { type Connector, createConnector } from '@rs/connector';
import { EXCHANGES, jobcentreQueue, makeEnvelope, routeOf } from '@rs/contracts';
import { cooperation } from '@rs/reference-data';
import {
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  registerOrder,
  type TestPlatform,
  testPlatform,
  waitFor,
  type Watch,
} from '@rs/testkit';
import request from 'supertest';

/**
 * Issue 15, lead handover: broadcast follows order.lead-changed. Replies go to the new lead, not
 * the old; the new lead may manage the round, the old may not; a redelivered or older handover
 * changes nothing.
 */
const OLD_LEAD = 101;
const NEW_LEAD = 147;
const REPLIER = 151;
const HRS = cooperation('HRS')!.members;

describe('a round follows the lead handover', () => {
  let platform: TestPlatform;
  let broadcast: RunningService;
  let intake: RunningService;
  let replier: Connector;
  let inbox: Watch;
  const oldLead = jobcentreToken(OLD_LEAD);
  const newLead = jobcentreToken(NEW_LEAD);

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: HRS });
    broadcast = await platform.start('broadcast', {
      REPLY_WINDOW_MODE: 'clock',
      REPLY_WINDOW_SECONDS: '600',
      REMINDER_OFFSETS_SECONDS: 'none',
    });
    intake = await platform.start('order-intake');
    inbox = await platform.bus.drain([OLD_LEAD, NEW_LEAD].map((code) => jobcentreQueue(code)));
    replier = createConnector({ url: jobcentreAmqpUrl(platform.world, REPLIER), jobcentre: REPLIER, logger: silentLogger }, {});
  }, 90_000);
  afterAll(async () => {
    await replier.stop();
    await platform.dispose();
  });

  const received = (code: number, type: string, orderId: string) =>
    inbox.seen
      .filter((m) => m.routingKey === jobcentreQueue(code) && m.name === type)
      .map((m) => m.envelope?.data as { orderId: string; recipient?: number })
      .filter((data) => data.orderId === orderId);
  const roundAs = (token: string, roundId: string) =>
    request(broadcast.url).get(`/rounds/${roundId}`).set('authorization', `Bearer ${token}`);

  it('sends the reply after the handover to the new lead, lets it manage the round and not the old lead', async () => {
    const orderId = await registerOrder(intake, oldLead, {
      company: { name: 'Lager A/S', municipality: 101 },
      title: 'Lagerarbejder',
      occupation: '9321',
      broadcast: { scope: 'cooperation' },
    });
    const roundId = `${orderId}-1`;
    await waitFor(async () => (await roundAs(oldLead, roundId)).status === 200, { what: 'the round to open' });
    expect((await roundAs(oldLead, roundId)).body.leadJobcentre).toBe(OLD_LEAD);

    await request(intake.url)
      .post(`/orders/${orderId}/handover`)
      .set('authorization', `Bearer ${oldLead}`)
      .send({ to: NEW_LEAD, reason: 'Virksomheden rekrutterer fra Albertslund / the company recruits from Albertslund' })
      .expect(200);
    const managed = await waitFor(
      async () => {
        const res = await roundAs(newLead, roundId);
        return res.status === 200 && res.body.leadJobcentre === NEW_LEAD && res.body;
      },
      { what: 'broadcast to follow the handover' },
    );
    expect(managed.recipients).toBeDefined();
    // The replier's connector consumes its own queue; the test drains the leads' queues only.
    // The old lead is no recipient of its own round: it sees nothing of it now.
    await roundAs(oldLead, roundId).expect(404);
    await request(broadcast.url)
      .post('/rounds')
      .set('authorization', `Bearer ${oldLead}`)
      .send({ orderId, scope: 'east-denmark' })
      .expect(404);

    await replier.reply({ roundId, orderId, answer: 'candidates', candidates: [{ candidateRef: 'c-151-1', summary: 'Lagerarbejder' }] });
    await waitFor(() => received(NEW_LEAD, 'round.reply-received', orderId).length === 1, { what: 'the reply on the new lead’s queue' });
    expect(received(OLD_LEAD, 'round.reply-received', orderId)).toHaveLength(0);
  }, 60_000);

  it('changes nothing on a redelivered or an older handover', async () => {
    const open = async () => {
      const orderId = await registerOrder(intake, oldLead, {
        company: { name: 'Lager A/S', municipality: 101 },
        title: 'Lagerarbejder',
        occupation: '9321',
        broadcast: { scope: 'cooperation' },
      });
      await waitFor(async () => (await roundAs(oldLead, `${orderId}-1`)).status === 200, { what: 'the round to open' });
      return orderId;
    };
    const [orderId, marker] = [await open(), await open()];
    const publish = async (order: string, to: number, changedAt: string, id: string = crypto.randomUUID()) => {
      const envelope = makeEnvelope(
        'order.lead-changed',
        { orderId: order, from: OLD_LEAD, to, reason: 'test', changedAt },
        { id, time: new Date(), source: 'order-intake', correlationId: order },
      );
      await platform.bus.publish(EXCHANGES.events, routeOf('order.lead-changed').routingKey, envelope);
    };
    const leadOf = async (order: string) => (await roundAs(jobcentreToken(NEW_LEAD), `${order}-1`)).body.leadJobcentre;
    const first = crypto.randomUUID();
    await publish(orderId, NEW_LEAD, '2026-12-02T10:00:00.000Z', first);
    await waitFor(async () => (await leadOf(orderId)) === NEW_LEAD, { what: 'the handover' });
    // The same message again, then an older handover arriving late; the other order's handover
    // after them marks that both were consumed.
    await publish(orderId, NEW_LEAD, '2026-12-02T10:00:00.000Z', first);
    await publish(orderId, 153, '2026-12-02T09:00:00.000Z');
    await publish(marker, NEW_LEAD, '2026-12-02T09:30:00.000Z');
    await waitFor(async () => (await leadOf(marker)) === NEW_LEAD, { what: 'the marker handover' });
    const round = (await roundAs(newLead, `${orderId}-1`).expect(200)).body;
    expect([round.leadJobcentre, round.leadSince]).toEqual([NEW_LEAD, '2026-12-02T10:00:00.000Z']);
  }, 60_000);

  it('lets the new lead, not the old, open a round for an order that came without one (the snapshot follows)', async () => {
    const orderId = await registerOrder(intake, oldLead, {
      company: { name: 'Lager A/S', municipality: 101 },
      title: 'Lagerarbejder',
      occupation: '9321',
    });
    await request(intake.url)
      .post(`/orders/${orderId}/handover`)
      .set('authorization', `Bearer ${oldLead}`)
      .send({ to: NEW_LEAD, reason: 'Ny tovholder / new lead' })
      .expect(200);
    const opened = await waitFor(
      async () => {
        const res = await request(broadcast.url)
          .post('/rounds')
          .set('authorization', `Bearer ${newLead}`)
          .send({ orderId, scope: 'cooperation' });
        return res.status === 201 && res.body;
      },
      { what: 'the new lead to open a round' },
    );
    const round = (await roundAs(newLead, opened.id ?? `${orderId}-1`).expect(200)).body;
    expect(round.leadJobcentre).toBe(NEW_LEAD);
    expect(round.recipients.map((r: { jobcentre: number }) => r.jobcentre)).toContain(OLD_LEAD);
    await request(broadcast.url)
      .post('/rounds')
      .set('authorization', `Bearer ${oldLead}`)
      .send({ orderId, scope: 'east-denmark' })
      .expect(404);
  }, 60_000);
});
