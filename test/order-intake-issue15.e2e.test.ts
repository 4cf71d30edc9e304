import { silentLogger } from '@rs/bus';
import { type Connector, createConnector } from '@rs/connector';
import { EXCHANGES, jobcentreQueue, type PayloadOf } from '@rs/contracts';
import {
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
  type Watch,
} from '@rs/testkit';
import request from 'supertest';

/**
 * Issue 15 end to end: the phone line takes a call from a Dragør
 * company → the order is routed to Tårnby (R1) → broadcast opens a cooperation round → a
 * recipient replies with a candidate → the lead presents the candidate (the order is "candidates
 * presented", and the 3-working-day clock stops as met) → the company hires (start date, hours,
 * a large project) → the onboarding consultant's follow-up is due → its outcome is recorded.
 *
 * The phone-line call finds the registered company by CVR and becomes the order; the lead
 * completes it (hours, requirements, large project) before the presentation.
 */
const DRAGOR = 155;
const CVR = '24256790';
const TARNBY = 185;
const REPLIER = 147;
/** Six weeks before the test runs: the 4-week follow-up is due, the 13-week one is not. */
const START = new Date(Date.now() - 42 * 86_400_000).toISOString().slice(0, 10);

describe('issue 15: from a phone call to a hire', () => {
  let platform: TestPlatform;
  let intake: RunningService;
  let events: Watch;
  let leadInbox: Watch;
  let connector: Connector | undefined;
  const broadcasts: PayloadOf<'round.order-broadcast'>[] = [];
  const phoneLine = tokenFor({ role: 'phone-line', sub: 'operator-7' });
  const lead = jobcentreToken(TARNBY);

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [REPLIER] });
    await platform.start('broadcast', { REPLY_WINDOW_MODE: 'clock', REMINDER_OFFSETS_SECONDS: 'none' });
    intake = await platform.start('order-intake');
    events = await platform.bus.watch(EXCHANGES.events, ['order.*', 'round.*']);
    leadInbox = await platform.bus.drain([jobcentreQueue(TARNBY)]);
    connector = createConnector(
      { url: jobcentreAmqpUrl(platform.world, REPLIER), jobcentre: REPLIER, logger: silentLogger },
      {
        'round.order-broadcast': async (data) => {
          broadcasts.push(data);
        },
      },
    );
  }, 90_000);
  afterAll(async () => {
    await connector?.stop();
    await platform.dispose();
  });

  it('routes a Dragør company’s order to Tårnby, broadcasts it, stops the clock on the presentation, records the hire and its follow-up', async () => {
    // The company is known (registered once, by CVR); the phone line takes its call and finds it by CVR.
    await request(intake.url)
      .post('/companies')
      .set('authorization', `Bearer ${phoneLine}`)
      .send({
        cvr: CVR,
        name: 'Dragør Havnekiosk',
        address: { street: 'Havnen 2', postalCode: '2791', city: 'Dragør' },
        municipality: DRAGOR,
      })
      .expect(201);
    const call = await request(intake.url)
      .post('/calls')
      .set('authorization', `Bearer ${phoneLine}`)
      .send({
        caller: { name: 'Mette Holm', phone: '+45 32 00 00 00' },
        company: { cvr: CVR },
        need: 'new-order',
        note: 'Mangler en butiksmedarbejder snarest',
        order: { title: 'Butiksmedarbejder', occupation: '5223', positions: 1, broadcast: { scope: 'cooperation' } },
      })
      .expect(201);
    expect(call.body).toMatchObject({ outcome: 'order-created', routedTo: TARNBY, company: { id: CVR } });
    const orderId = call.body.orderId as string;
    // The call is in the call log, found by the company's CVR and by the reference the caller quotes, by the lead it was routed to.
    const logged = await request(intake.url).get(`/calls?cvr=${CVR}`).set('authorization', `Bearer ${lead}`).expect(200);
    expect(logged.body.calls.map((c: { id: string }) => c.id)).toContain(call.body.id);
    const quoted = await request(intake.url)
      .get(`/calls?reference=${encodeURIComponent(call.body.reference)}`)
      .set('authorization', `Bearer ${lead}`)
      .expect(200);
    expect(quoted.body.calls).toEqual([expect.objectContaining({ id: call.body.id, orderId })]);
    const registered = await request(intake.url).get(`/orders/${orderId}`).set('authorization', `Bearer ${lead}`).expect(200);
    expect(registered.body).toMatchObject({ leadJobcentre: TARNBY, cooperation: 'HRS', channel: 'phone-line', company: { id: CVR } });

    // The lead completes the order with the company: hours, a language requirement, a large project.
    const completed = await request(intake.url)
      .patch(`/orders/${orderId}`)
      .set('authorization', `Bearer ${lead}`)
      .send({
        weeklyHours: 30,
        workingTime: 'part-time',
        requirements: { languages: [{ language: 'da', level: 'B2' }] },
        shortNotice: true,
        largeProject: true,
      })
      .expect(200);
    expect(completed.body).toMatchObject({ largeProject: true, details: { weeklyHours: 30 } });

    // Broadcast opens the round; the order is searching, and the recipient got it on its queue.
    const offered = await waitFor(() => broadcasts.find((b) => b.orderId === orderId), { what: 'the round on the recipient’s queue' });
    await waitFor(
      async () => (await request(intake.url).get(`/orders/${orderId}`).set('authorization', `Bearer ${lead}`)).body.status === 'searching',
      {
        what: 'the order searching',
      },
    );
    // The recipient may open the order it received.
    await request(intake.url)
      .get(`/orders/${orderId}`)
      .set('authorization', `Bearer ${jobcentreToken(REPLIER)}`)
      .expect(200);

    await connector!.reply({
      roundId: offered.roundId,
      orderId,
      answer: 'candidates',
      candidates: [{ candidateRef: 'c-147-55', summary: 'Butiksmedarbejder, 4 års erfaring' }],
    });
    const reply = await waitFor(
      () =>
        leadInbox.seen
          .filter((m) => m.name === 'round.reply-received')
          .map((m) => m.envelope?.data as PayloadOf<'round.reply-received'>)
          .find((d) => d.orderId === orderId),
      { what: 'the reply on the lead’s queue' },
    );
    const candidate = reply.candidates[0]!;

    const presented = await request(intake.url)
      .post(`/orders/${orderId}/referrals`)
      .set('authorization', `Bearer ${lead}`)
      .send({ jobcentre: REPLIER, candidateRef: candidate.candidateRef, screening: ['qualifications', 'interest', 'availability'] })
      .expect(201);
    expect([presented.body.status, presented.body.lawStatus]).toEqual(['candidates-presented', 'inactive-enough-referrals']);

    // R4: candidates presented within 3 working days — the clock stopped, met.
    const goals = await waitFor(
      async () => {
        const res = await request(intake.url).get(`/orders/${orderId}/service-goals`).set('authorization', `Bearer ${lead}`);
        const candidates = (res.body.goals as { goal: string; standing: string }[] | undefined)?.find((g) => g.goal === 'candidates');
        return candidates?.standing === 'met' ? res.body : undefined;
      },
      { what: 'the 3-working-day goal met' },
    );
    expect(goals.goals.find((g: { goal: string }) => g.goal === 'candidates')).toMatchObject({
      standing: 'met',
      metBy: 'candidates-presented',
    });

    // The candidate started weeks ago, so the first follow-up (4 weeks after the start) is due today.
    const hired = await request(intake.url)
      .post(`/orders/${orderId}/hires`)
      .set('authorization', `Bearer ${lead}`)
      .send({ jobcentre: REPLIER, candidateRef: candidate.candidateRef, startDate: START, weeklyHours: 30 })
      .expect(201);
    expect(hired.body.referrals[0].outcome.kind).toBe('hired');
    const hire = await waitFor(
      () => events.data<PayloadOf<'order.candidate-hired'>>('order.candidate-hired').find((e) => e.orderId === orderId),
      { what: 'order.candidate-hired' },
    );
    expect(hire).toMatchObject({
      jobcentre: REPLIER,
      candidateRef: 'c-147-55',
      startDate: START,
      weeklyHours: 30,
      followUp: true,
      cooperation: 'HRS',
    });

    const onboarding = tokenFor({ role: 'onboarding', sub: 'onboarding-hrs', cooperation: 'HRS' });
    const due = await waitFor(
      async () => {
        const res = await request(intake.url).get(`/follow-ups?orderId=${orderId}`).set('authorization', `Bearer ${onboarding}`);
        return (res.body.followUps as { id: string; state: string }[] | undefined)?.find((f) => f.state === 'due');
      },
      { what: 'a follow-up due for the onboarding consultant' },
    );
    expect(due).toMatchObject({ candidateRef: 'c-147-55', jobcentre: REPLIER, startDate: START, weeksAfterStart: 4 });
    const recorded = await request(intake.url)
      .post(`/follow-ups/${due.id}/outcome`)
      .set('authorization', `Bearer ${onboarding}`)
      .send({ status: 'still-employed' });
    expect(recorded.status).toBe(201);
    const done = await request(intake.url).get(`/follow-ups/${due.id}`).set('authorization', `Bearer ${onboarding}`).expect(200);
    expect(done.body).toMatchObject({ state: 'done', outcome: { status: 'still-employed', recordedBy: 'onboarding-hrs' } });

    await request(intake.url)
      .post(`/orders/${orderId}/close`)
      .set('authorization', `Bearer ${lead}`)
      .send({ outcome: 'filled' })
      .expect(200);
    const changes = await waitFor(
      () => {
        const seen = events.data<PayloadOf<'order.status-changed'>>('order.status-changed').filter((e) => e.orderId === orderId);
        return seen.length >= 3 ? seen : undefined;
      },
      { what: 'three transitions' },
    );
    expect(changes.map((c) => c.to)).toEqual(['searching', 'candidates-presented', 'filled']);
  });
});
