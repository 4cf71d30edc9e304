import { randomUUID } from 'node:crypto';
import { courseSummaryExample, danishDay, EXCHANGES, jobcentreQueue, QUEUES } from '@rs/contracts';
import { allJobcentres, cooperation, isJobcentre } from '@rs/reference-data';
import {
  anOrder,
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
 * Issue 20 part 5, every follower: the admin adds Hillerød (219, in no cooperation so far) to HRS
 * through reporting's API; without a restart order-intake registers a cooperation round for it,
 * broadcast sends HRS rounds to it, matching's cooperation scope includes it, upskilling-seat
 * offers it HRS courses and lets it lead one, reporting's figures and tokens treat it as HRS's —
 * and the next round's window is the 24 hours the admin set — while the round opened before the
 * change keeps the recipients and the 48-hour deadline it opened with. Then the admin creates a
 * cooperation none of them ever saw (NRS, Region Nordjylland's jobcentres) and every service
 * follows that too, without a restart.
 */
const admin = tokenFor({ role: 'admin', sub: 'admin-1' });
const HILLERØD = 219;
const KØBENHAVN = 101;
const HRS = [...cooperation('HRS')!.members].sort((a, b) => a - b);
const NORDJYLLAND = allJobcentres()
  .filter((j) => j.regionCode === 1081)
  .map((j) => j.code)
  .sort((a, b) => a - b);
const AALBORG = 851;
const HJØRRING = 860;

describe('every service follows a change of the cooperations without a restart', () => {
  let platform: TestPlatform;
  let reporting: RunningService;
  let intake: RunningService;
  let broadcast: RunningService;
  let matching: RunningService;
  let upskilling: RunningService;
  let rounds: Watch;
  let notices: Watch;

  beforeAll(async () => {
    platform = await testPlatform();
    // One at a time: five services starting at once on a small machine outwait their readiness bound.
    reporting = await platform.start('reporting');
    intake = await platform.start('order-intake');
    // No REPLY_WINDOW_SECONDS: each round's window is its cooperation's policy (clock hours here).
    broadcast = await platform.start('broadcast', {
      REPLY_WINDOW_MODE: 'clock',
      REMINDER_OFFSETS_SECONDS: 'none',
    });
    matching = await platform.start('matching');
    upskilling = await platform.start('upskilling-seat');
    rounds = await platform.bus.watch(EXCHANGES.events, ['round.opened']);
    notices = await platform.bus.watch(EXCHANGES.jobcentres, [jobcentreQueue(AALBORG)]);
  }, 120_000);
  afterAll(() => platform?.dispose());

  const order = (lead: number) =>
    request(intake.url)
      .post('/orders')
      .set('authorization', `Bearer ${jobcentreToken(lead)}`)
      .send(anOrder({ company: { name: 'Vognmand Hansen', municipality: lead }, broadcast: { scope: 'cooperation' } }));
  const roundOf = async (orderId: string) => {
    const opened = () =>
      rounds
        .data<{ orderId: string; roundId: string; recipients: number[]; openedAt: string; deadline: string }>('round.opened')
        .find((d) => d.orderId === orderId);
    await waitFor(() => opened() !== undefined, { what: `the round of ${orderId}` });
    return opened()!;
  };
  const search = (jobcentre: number) =>
    request(matching.url)
      .post('/candidate-searches')
      .set('authorization', `Bearer ${jobcentreToken(jobcentre)}`)
      .send({ occupation: '5321', scope: 'cooperation', purpose: 'ordre til plejecenter' });
  const course = (lead: number) =>
    request(upskilling.url)
      .post('/courses')
      .set('authorization', `Bearer ${jobcentreToken(lead)}`)
      .set('idempotency-key', randomUUID())
      .send({
        ...courseSummaryExample,
        seats: 4,
        pricePerSeatDkk: 10_000,
        startDate: '2030-01-07',
        endDate: '2030-01-18',
        windowClosesAt: new Date(Date.now() + 3_600_000).toISOString(),
        budgetCeilings: [],
      });
  const figures = (token: string, query: string) => request(reporting.url).get(`/figures${query}`).set('authorization', `Bearer ${token}`);

  const followers = () =>
    [
      [intake, QUEUES.orderIntakeCooperations],
      [broadcast, QUEUES.broadcastCooperations],
      [matching, QUEUES.matchingCooperations],
      [upskilling, QUEUES.upskillingCooperations],
      [reporting, QUEUES.reportingCooperations],
    ] as const;
  /** Waits until every service has acked this many cooperation.changed on its own queue. */
  const everyServiceFollowed = async (changes: number) => {
    for (const [service, queue] of followers()) {
      await waitFor(async () => (await settledCount(service, queue, 'ack')) >= changes, { what: `${service.name} to follow the change` });
    }
  };

  it('adds a member: order-intake, broadcast, matching, upskilling and reporting use it at once; the open round keeps its recipients', async () => {
    expect(isJobcentre(HILLERØD)).toBe(true);
    expect(HRS).not.toContain(HILLERØD);

    // Before: Hillerød is in no cooperation anywhere.
    await order(HILLERØD).expect(422);
    await search(HILLERØD).expect(403);
    expect((await search(KØBENHAVN).expect(200)).body.jobcentres).toBe(HRS.length);
    expect((await course(HILLERØD)).status).toBe(422);
    await figures(jobcentreToken(HILLERØD), '').expect(403);
    expect((await figures(admin, `?cooperation=HRS&jobcentre=${HILLERØD}`).expect(400)).body.errors[0].field).toBe('query.jobcentre');
    const before = await roundOf((await order(KØBENHAVN).expect(201)).body.id);
    expect(before.recipients).toEqual(HRS.filter((j) => j !== KØBENHAVN));
    const hours = (r: { openedAt: string; deadline: string }) => (Date.parse(r.deadline) - Date.parse(r.openedAt)) / 3_600_000;
    expect(hours(before)).toBe(48);

    // The admin adds Hillerød to HRS from today and shortens its reply window to 24 hours, through reporting's API.
    const made = await request(reporting.url)
      .post('/cooperations/HRS/changes')
      .set('authorization', `Bearer ${admin}`)
      .set('idempotency-key', randomUUID())
      .send({
        expectedVersion: 1,
        reason: 'Hillerød træder ind / Hillerød joins',
        join: { jobcentre: HILLERØD, from: danishDay(new Date()) },
        replyWindow: { hours: 24, mode: 'clock' },
      })
      .expect(201);
    expect(made.body.changed).toEqual(['members', 'replyWindow']);
    // Each service has its own copy of cooperation.changed, on its own queue.
    await everyServiceFollowed(1);
    const withHillerød = [...HRS, HILLERØD].sort((a, b) => a - b);

    // order-intake: Hillerød leads an HRS order; broadcast: its cooperation round goes to HRS's other members.
    const hillerødOrder = (await order(HILLERØD).expect(201)).body;
    expect(hillerødOrder.cooperation).toBe('HRS');
    expect((await roundOf(hillerødOrder.id)).recipients).toEqual(HRS);
    // broadcast: København's next cooperation round goes to the new member too …
    const after = await roundOf((await order(KØBENHAVN).expect(201)).body.id);
    expect(after.recipients).toEqual(withHillerød.filter((j) => j !== KØBENHAVN));
    expect(hours(after)).toBe(24);
    // … while the round opened before the change keeps the recipients it opened with.
    const open = await request(broadcast.url).get(`/rounds/${before.roundId}`).set('authorization', `Bearer ${admin}`).expect(200);
    expect(open.body.status).toBe('open');
    expect(open.body.recipients.map((r: { jobcentre: number }) => r.jobcentre)).toEqual(before.recipients);
    expect(open.body.deadline).toBe(before.deadline);

    // matching: the cooperation scope is HRS with Hillerød, for Hillerød and for København.
    expect((await search(HILLERØD).expect(200)).body.jobcentres).toBe(withHillerød.length);
    expect((await search(KØBENHAVN).expect(200)).body.jobcentres).toBe(withHillerød.length);

    // upskilling-seat: Hillerød leads an HRS course offered to every member; København's reaches Hillerød.
    const own = await course(HILLERØD).expect(201);
    expect(own.body).toMatchObject({ cooperation: 'HRS', inScope: withHillerød });
    expect((await course(KØBENHAVN).expect(201)).body.inScope).toEqual(withHillerød);

    // reporting: Hillerød's figures are HRS's; the admin may ask for Hillerød within HRS.
    expect((await figures(jobcentreToken(HILLERØD), '').expect(200)).body.cooperation).toBe('HRS');
    await figures(admin, `?cooperation=HRS&jobcentre=${HILLERØD}`).expect(200);
    // An id no cooperation has is refused at its field; a token naming one is not let in.
    const unknown = await figures(admin, '?cooperation=NRS').expect(400);
    expect(unknown.body.errors.map((e: { field: string }) => e.field)).toEqual(['query.cooperation']);
    await figures(tokenFor({ role: 'secretariat', sub: 's', cooperation: 'NRS' }), '').expect(401);
    await figures(tokenFor({ role: 'secretariat', sub: 's', cooperation: 'HRS' }), '').expect(200);
  }, 180_000);
  it('creates a cooperation no service ever saw: each follows it without a restart, its rounds reach exactly its members', async () => {
    const secretariat = tokenFor({ role: 'secretariat', sub: 'sek-nrs', cooperation: 'NRS' });
    // Before: Hjørring and Aalborg are in no cooperation, and no token may name NRS.
    await order(HJØRRING).expect(422);
    await search(AALBORG).expect(403);
    await figures(jobcentreToken(AALBORG), '').expect(403);
    await figures(secretariat, '').expect(401);
    const acked = await Promise.all(followers().map(([service, queue]) => settledCount(service, queue, 'ack')));

    const today = danishDay(new Date());
    await request(reporting.url)
      .post('/cooperations')
      .set('authorization', `Bearer ${admin}`)
      .set('idempotency-key', randomUUID())
      .send({
        id: 'NRS',
        name: 'Nordjyllands Rekrutteringsservice',
        members: NORDJYLLAND.map((jobcentre) => ({ jobcentre, from: today })),
        secretariat: { jobcentre: AALBORG, since: today },
        targets: { placementsPerYear: 200 },
        reason: 'Region Nordjyllands jobcentre går sammen / The North Jutland jobcentres join forces',
      })
      .expect(201);
    for (const [i, [service, queue]] of followers().entries()) {
      await waitFor(async () => (await settledCount(service, queue, 'ack')) === acked[i]! + 1, { what: `${service.name} to follow NRS` });
    }

    // order-intake: Hjørring leads an NRS order; broadcast: its round reaches exactly NRS's other members,
    // with the 48-hour window the seed's policy gives, and the secretariat in Aalborg hears of it.
    const nrsOrder = (await order(HJØRRING).expect(201)).body;
    expect(nrsOrder.cooperation).toBe('NRS');
    const round = await roundOf(nrsOrder.id);
    expect(round.recipients).toEqual(NORDJYLLAND.filter((j) => j !== HJØRRING));
    expect((Date.parse(round.deadline) - Date.parse(round.openedAt)) / 3_600_000).toBe(48);
    await waitFor(
      () =>
        notices.seen.some(
          (s) => s.name === 'round.secretariat-notice' && (s.envelope?.data as { roundId?: string } | undefined)?.roundId === round.roundId,
        ),
      { what: 'the secretariat notice in Aalborg' },
    );
    // matching: the cooperation scope is NRS; upskilling-seat: an NRS course for its members.
    expect((await search(AALBORG).expect(200)).body.jobcentres).toBe(NORDJYLLAND.length);
    expect((await course(AALBORG).expect(201)).body).toMatchObject({ cooperation: 'NRS', inScope: NORDJYLLAND });
    // reporting: a consultant's figures are NRS's, with the target the admin set; a token naming NRS is let in.
    expect((await figures(jobcentreToken(AALBORG), '').expect(200)).body.cooperation).toBe('NRS');
    expect((await figures(secretariat, '').expect(200)).body.cooperation).toBe('NRS');
    const all = (await figures(admin, '?cooperation=NRS').expect(200)).body;
    expect(all.jobcentres).toHaveLength(NORDJYLLAND.length);
    expect(all.figures.placements.target).toBe(50);
    // HRS (with Hillerød, above) is as it was.
    expect((await search(KØBENHAVN).expect(200)).body.jobcentres).toBe(HRS.length + 1);
  }, 120_000);
});
