import { type Bus } from '@rs/bus';
import { jobcentreQueue, type RoundShortlist, type SharedCv } from '@rs/contracts';
import {
  aCv,
  poolFilled,
  jobcentreToken,
  type RunningService,
  registerOrder,
  type TestPlatform,
  testPlatform,
  waitFor,
  type Watch,
} from '@rs/testkit';
import request from 'supertest';
import { sharePools } from './pool-kit';

/**
 * Issue 15, amendments: matching ranks an amended order again and publishes a newer shortlist;
 * broadcast replaces the kept lists and sends a recipient of the open round its new list once,
 * only when its own list changed.
 */
const LEAD = 101;
const DRIVERS_TOO = 147;
const WAREHOUSE_ONLY = 151;

const cv = (ref: string, occupation: string, headline: string) => aCv(ref, { occupations: [occupation], headline, summary: headline });

describe('a newer shortlist after an amendment', () => {
  let platform: TestPlatform;
  let broadcast: RunningService;
  let intake: RunningService;
  let matching: RunningService;
  const buses: Bus[] = [];
  let inbox: Watch;
  const lead = jobcentreToken(LEAD);

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [LEAD, DRIVERS_TOO, WAREHOUSE_ONLY] });
    broadcast = await platform.start('broadcast', { REPLY_WINDOW_MODE: 'clock', REMINDER_OFFSETS_SECONDS: 'none' });
    intake = await platform.start('order-intake');
    matching = await platform.start('matching');
    const pools: Record<number, SharedCv[]> = {
      [DRIVERS_TOO]: [cv('w147-1', '9321', 'Lagerarbejder'), cv('d147-1', '8332', 'Lastbilchauffør')],
      [WAREHOUSE_ONLY]: [cv('w151-1', '9321', 'Lagerarbejder')],
    };
    buses.push(...(await sharePools(platform, pools)));
    await poolFilled(matching, DRIVERS_TOO, 2);
    inbox = await platform.bus.drain([DRIVERS_TOO, WAREHOUSE_ONLY].map((code) => jobcentreQueue(code)));
  }, 90_000);
  afterAll(async () => {
    await Promise.all(buses.map((b) => b.close()));
    await platform.dispose();
  });

  const refsIn = (code: number, type: string, orderId: string) =>
    inbox.seen
      .filter((m) => m.routingKey === jobcentreQueue(code) && m.name === type)
      .map((m) => m.envelope?.data as { orderId: string; shortlist?: RoundShortlist['shortlist'] })
      .filter((data) => data.orderId === orderId)
      .map((data) => (data.shortlist ?? []).map((c) => c.candidateRef));

  it('sends the recipient whose list changed its new list once, and nothing to one whose list did not', async () => {
    const orderId = await registerOrder(intake, lead, {
      company: { name: 'Lager A/S', municipality: 101 },
      title: 'Lagerarbejder',
      occupation: '9321',
      broadcast: { scope: 'cooperation' },
    });
    // The first ranking reaches each recipient with the broadcast or just after it.
    const firstOf = (code: number) =>
      [...refsIn(code, 'round.order-broadcast', orderId), ...refsIn(code, 'round.shortlist', orderId)].flat();
    await waitFor(() => firstOf(DRIVERS_TOO).includes('w147-1') && firstOf(WAREHOUSE_ONLY).includes('w151-1'), {
      what: 'the first shortlists',
    });
    const before = refsIn(DRIVERS_TOO, 'round.shortlist', orderId).length;
    const beforeWarehouse = refsIn(WAREHOUSE_ONLY, 'round.shortlist', orderId).length;

    await request(intake.url)
      .patch(`/orders/${orderId}`)
      .set('authorization', `Bearer ${lead}`)
      .send({ title: 'Lastbilchauffør', occupation: '8332' })
      .expect(200);
    const lists = await waitFor(
      () => {
        const got = refsIn(DRIVERS_TOO, 'round.shortlist', orderId).slice(before);
        return got.length > 0 && got;
      },
      { what: 'the new shortlist to the recipient with drivers' },
    );
    expect(lists[0]?.[0]).toBe('d147-1');

    // Once: the round records the ranking, so a later delivery attempt for the same one sends
    // nothing; the marker is another order's broadcast to the same queue, sent after.
    const marker = await registerOrder(intake, lead, {
      company: { name: 'Lager A/S', municipality: 101 },
      title: 'Lagerarbejder',
      occupation: '9321',
      broadcast: { scope: 'cooperation' },
    });
    await waitFor(() => refsIn(DRIVERS_TOO, 'round.order-broadcast', marker).length === 1, { what: 'the marker round' });
    const round = (await request(broadcast.url).get(`/rounds/${orderId}-1`).set('authorization', `Bearer ${lead}`).expect(200)).body;
    expect(round.shortlistVersion).toBeDefined();
    expect(refsIn(DRIVERS_TOO, 'round.shortlist', orderId).slice(before)).toHaveLength(1);
    // The warehouse-only jobcentre has no drivers: its own list gained none, nothing new to send.
    expect(refsIn(WAREHOUSE_ONLY, 'round.shortlist', orderId)).toHaveLength(beforeWarehouse);
  }, 90_000);
});
