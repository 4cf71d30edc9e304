import { randomUUID } from 'node:crypto';
import { type CooperationState, danishDay, EXCHANGES, jobcentreQueue, makeEnvelope, orderRegisteredExample, QUEUES } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';
import {
  jobcentreToken,
  type RunningService,
  settledCount,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
  type Watch,
} from '@rs/testkit';
import request from 'supertest';

/**
 * R15 end to end on real processes: an admin changes HRS through reporting's API (the secretariat
 * moves from Ballerup to Albertslund, Vallensbæk leaves from today); cooperation.changed carries
 * the whole new state; broadcast's NEXT round follows it (its recipients, its secretariat notice),
 * the round already open keeps the recipients it opened with; an older version is ignored; both
 * services keep the change across a restart.
 */
const admin = tokenFor({ role: 'admin', sub: 'admin-1' });
const BALLERUP = 151;
const ALBERTSLUND = 165;
const VALLENSBÆK = 187;
const LEAD = 101;

describe('cooperations administered as data', () => {
  let platform: TestPlatform;
  let reporting: RunningService;
  let broadcast: RunningService;
  let events: Watch;
  let notices: Watch;
  const broadcastEnv = {
    REPLY_WINDOW_SECONDS: '3600',
    REPLY_WINDOW_MODE: 'clock',
    REMINDER_OFFSETS_SECONDS: 'none',
    COOPERATION_RELOAD_SECONDS: '1',
  };

  beforeAll(async () => {
    platform = await testPlatform();
    [reporting, broadcast] = await Promise.all([platform.start('reporting'), platform.start('broadcast', broadcastEnv)]);
    events = await platform.bus.watch(EXCHANGES.events, ['round.opened', 'cooperation.changed']);
    notices = await platform.bus.watch(EXCHANGES.jobcentres, [jobcentreQueue(BALLERUP), jobcentreQueue(ALBERTSLUND)]);
  }, 90_000);
  afterAll(() => platform?.dispose());

  /** Registers an order of København's and resolves with its first (cooperation) round's recipients. */
  const openRound = async (): Promise<{ orderId: string; roundId: string; recipients: number[] }> => {
    const orderId = randomUUID();
    const data = { ...orderRegisteredExample, orderId, leadJobcentre: LEAD, registeredAt: new Date().toISOString() };
    await platform.bus.publish(
      EXCHANGES.events,
      'order.registered',
      makeEnvelope('order.registered', data, { id: randomUUID(), time: new Date(), source: '/services/order-intake' }),
    );
    const opened = () =>
      events.data<{ orderId: string; roundId: string; recipients: number[] }>('round.opened').find((d) => d.orderId === orderId);
    await waitFor(() => opened() !== undefined, { what: `round of ${orderId} to open` });
    return opened()!;
  };
  const secretariatNotices = (roundId: string) =>
    notices.seen
      .filter((s) => s.name === 'round.secretariat-notice' && (s.envelope?.data as { roundId?: string } | undefined)?.roundId === roundId)
      .map((s) => s.routingKey);
  const change = (body: object, key = randomUUID()) =>
    request(reporting.url).post('/cooperations/HRS/changes').set('authorization', `Bearer ${admin}`).set('idempotency-key', key).send(body);

  it('is seeded from the reference data, read by every signed-in user, and only an admin may change it or read its history', async () => {
    const list = await request(reporting.url).get('/cooperations').set('authorization', `Bearer ${admin}`).expect(200);
    expect(list.body.map((c: CooperationState) => [c.id, c.version])).toEqual([
      ['HRS', 1],
      ['JRS', 1],
    ]);
    expect(list.body[0]).toEqual(cooperationSeeds()[0]);
    for (const token of [jobcentreToken(151), tokenFor({ role: 'secretariat', sub: 's', cooperation: 'HRS' })]) {
      const read = await request(reporting.url).get('/cooperations').set('authorization', `Bearer ${token}`).expect(200);
      expect(read.body).toEqual(list.body);
      await request(reporting.url).get('/cooperations/HRS').set('authorization', `Bearer ${token}`).expect(403);
      await change({ reason: 'nej', targets: { placementsPerYear: 1 } })
        .set('authorization', `Bearer ${token}`)
        .expect(403);
    }
    await request(reporting.url).get('/cooperations/XYZ').set('authorization', `Bearer ${admin}`).expect(404);
  });

  it('refuses a bad change at its field, in both languages, and stores nothing', async () => {
    const bad = await change({ reason: 'x', secretariat: { jobcentre: 'Ballerup', since: '2026-13-01' } }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'body.reason',
      'body.secretariat.jobcentre',
      'body.secretariat.since',
    ]);
    const outside = await change({ reason: 'Flytter til Roskilde', secretariat: { jobcentre: 265, since: danishDay(new Date()) } }).expect(
      422,
    );
    expect(outside.body.errors).toEqual([
      {
        field: 'body.secretariat.jobcentre',
        message: 'Must be a member of the cooperation / Skal være medlem af samarbejdet',
        message_en: 'Must be a member of the cooperation',
        message_da: 'Skal være medlem af samarbejdet',
      },
    ]);
    const detail = await request(reporting.url).get('/cooperations/HRS').set('authorization', `Bearer ${admin}`).expect(200);
    expect(detail.body.cooperation.version).toBe(1);
  });

  it('moves the secretariat: the next round follows, the open round keeps its recipients, a restart keeps the change', async () => {
    const before = await openRound();
    expect(before.recipients).toContain(VALLENSBÆK);
    await waitFor(() => secretariatNotices(before.roundId).length === 1, { what: 'the secretariat notice of the first round' });
    expect(secretariatNotices(before.roundId)).toEqual([jobcentreQueue(BALLERUP)]);

    const today = danishDay(new Date());
    const body = {
      expectedVersion: 1,
      reason: 'Sekretariatet flytter til Albertslund; Vallensbæk udtræder',
      secretariat: { jobcentre: ALBERTSLUND, since: today },
      leave: { jobcentre: VALLENSBÆK, from: today },
    };
    const key = randomUUID();
    const made = await change(body, key).expect(201);
    expect(made.body.changed).toEqual(['members', 'secretariat']);
    expect(made.body.state).toMatchObject({
      version: 2,
      secretariat: { jobcentre: ALBERTSLUND },
      changedBy: 'admin-1',
      reason: body.reason,
    });
    // A retry with the same key answers the same and changes nothing more.
    const replay = await change(body, key).expect(201);
    expect(replay.headers['idempotency-replayed']).toBe('true');
    expect(replay.body).toEqual(made.body);
    // The same change made again without the key is an outdated version.
    await change(body).expect(409);

    await waitFor(() => events.data<{ cooperation: CooperationState }>('cooperation.changed').length === 1, {
      what: 'cooperation.changed',
    });
    const published = events.data<{ cooperation: CooperationState; changed: string[] }>('cooperation.changed')[0]!;
    expect(published.cooperation).toEqual(made.body.state);
    await waitFor(async () => (await settledCount(broadcast, QUEUES.broadcastCooperations, 'ack')) === 1, { what: 'broadcast to follow' });

    const after = await openRound();
    expect(after.recipients).not.toContain(VALLENSBÆK);
    expect(after.recipients).toEqual(before.recipients.filter((j) => j !== VALLENSBÆK));
    await waitFor(() => secretariatNotices(after.roundId).length === 1, { what: 'the secretariat notice of the next round' });
    expect(secretariatNotices(after.roundId)).toEqual([jobcentreQueue(ALBERTSLUND)]);

    // The round opened before the change keeps every recipient it was opened with.
    const open = await request(broadcast.url).get(`/rounds/${before.roundId}`).set('authorization', `Bearer ${admin}`).expect(200);
    expect(open.body.recipients.map((r: { jobcentre: number }) => r.jobcentre)).toEqual(before.recipients);
    expect(open.body.status).toBe('open');

    // An older version arriving late (a redelivered seed) changes nothing.
    const seed = cooperationSeeds()[0]!;
    await platform.bus.publish(
      EXCHANGES.events,
      'cooperation.changed',
      makeEnvelope(
        'cooperation.changed',
        { cooperation: seed, changed: [] },
        { id: randomUUID(), time: new Date(), source: '/services/reporting' },
      ),
    );
    await waitFor(async () => (await settledCount(broadcast, QUEUES.broadcastCooperations, 'ack')) === 2, {
      what: 'the old version acked',
    });

    // Both services restart and keep the change: broadcast from its own store, reporting from its own.
    await broadcast.stop();
    await reporting.stop();
    [reporting, broadcast] = await Promise.all([platform.start('reporting'), platform.start('broadcast', broadcastEnv)]);
    const restarted = await openRound();
    expect(restarted.recipients).toEqual(after.recipients);
    await waitFor(() => secretariatNotices(restarted.roundId).length === 1, { what: 'the notice after the restart' });
    expect(secretariatNotices(restarted.roundId)).toEqual([jobcentreQueue(ALBERTSLUND)]);

    const detail = await request(reporting.url).get('/cooperations/HRS').set('authorization', `Bearer ${admin}`).expect(200);
    expect(detail.body.cooperation.version).toBe(2);
    expect(
      detail.body.history.map((v: { state: CooperationState; changed: string[] }) => [v.state.version, v.state.changedBy, v.changed]),
    ).toEqual([
      [2, 'admin-1', ['members', 'secretariat']],
      [1, 'reference-data', []],
    ]);
  }, 120_000);
});
