import { EXCHANGES, makeEnvelope, type PayloadOf } from '@rs/contracts';
import {
  anOrder,
  callRoute,
  jobcentreToken,
  type RunningService,
  routeTable,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
  type Watch,
} from '@rs/testkit';
import request from 'supertest';
import { ordersRoutes } from '../src/adapters/http/orders.routes';

/**
 * Issue 15 over HTTP, on a real order-intake process: the full job order, its lifecycle (one
 * order.status-changed per transition, illegal moves refused naming the state, R7 and the admin
 * override), the referral log with the screening checklist, amendments and lead handover told to
 * the recipients' queues, hires with start date and hours, and who may see and do what. Broadcast
 * is not running: the test publishes its round.opened as broadcast would.
 */
const LEAD = 185; // Tårnby (HRS), the lead for Dragør companies
const RECIPIENTS = [147, 151];
const OUTSIDER = 157; // in HRS, but no round of these orders reaches it
const lead = jobcentreToken(LEAD);
const recipient = jobcentreToken(147);
const outsider = jobcentreToken(OUTSIDER);
const admin = tokenFor({ role: 'admin', sub: 'admin-1' });
const phoneLine = tokenFor({ role: 'phone-line', sub: 'operator-1' });
const secretariat = tokenFor({ role: 'secretariat', sub: 'secretariat-hrs', cooperation: 'HRS' });
const onboarding = tokenFor({ role: 'onboarding', sub: 'onboarding-hrs', cooperation: 'HRS' });
const table = routeTable('order-intake', ordersRoutes({} as never));

const fullOrder = (over: Record<string, unknown> = {}) =>
  anOrder({
    company: { name: 'Dragør Vognmandsforretning', cvr: '12345674', municipality: 155 },
    title: 'Lastbilchauffør',
    occupation: '8332',
    occupationText: 'Chauffør til kranbil',
    positions: 2,
    description: 'Kørsel i Storkøbenhavn',
    employmentType: 'permanent',
    workingTime: 'full-time',
    weeklyHours: 37,
    startBy: '2027-01-04',
    applicationDeadline: '2026-12-18',
    requirements: { certificates: ['driver-cpc'], licences: ['CE'], languages: [{ language: 'da', level: 'B1' }] },
    wishes: ['Erfaring med kran'],
    shortNotice: true,
    contact: { name: 'Jens Hansen', phone: '+45 12345678', email: 'jens@example.dk' },
    largeProject: true,
    ...over,
  });
const hireOf = (candidateRef: string, over: Record<string, unknown> = {}) => ({
  jobcentre: 151,
  candidateRef,
  startDate: '2027-01-04',
  weeklyHours: 37,
  ...over,
});

describe('order lifecycle, referral log, amendments and handover', () => {
  let platform: TestPlatform;
  let intake: RunningService;
  let events: Watch;
  let queues: Watch;
  let roundSeq = 0;

  beforeAll(async () => {
    platform = await testPlatform();
    // Every order's service goals warn at registration (the lead time is longer than any window), none breaches: GET /orders?goal= has both kinds to tell apart.
    intake = await platform.start('order-intake', { SERVICE_GOAL_WARN_BEFORE_SECONDS: '100000000' });
    events = await platform.bus.watch(EXCHANGES.events, ['order.*']);
    // Matching ranks each order, and each amendment, once.
    await platform.start('matching');
    // The recipients' own queues, as the platform declares them before the first round.
    queues = await platform.bus.watch(
      EXCHANGES.jobcentres,
      [...RECIPIENTS, OUTSIDER].map((j) => `jobcentre.${j}`),
    );
  }, 60_000);
  afterAll(() => platform.dispose());

  const call = (c: Parameters<typeof callRoute>[2]) => callRoute(intake.url, table.routes, { token: lead, ...c });
  const send = (method: 'post' | 'patch', path: string, token: string, body: unknown) =>
    request(intake.url)
      [method](path)
      .set('authorization', `Bearer ${token}`)
      .send(body as object);
  const get = (path: string, token: string) => request(intake.url).get(path).set('authorization', `Bearer ${token}`);
  const register = async (over: Record<string, unknown> = {}, token = phoneLine) => {
    const res = await send('post', '/orders', token, fullOrder(over));
    expect([res.status, res.body.detail]).toEqual([201, undefined]);
    return res.body as { id: string; leadJobcentre: number };
  };
  /** What broadcast publishes when it opens a round of the order. */
  const openRound = async (orderId: string, recipients = RECIPIENTS) => {
    const roundId = `${orderId}-${++roundSeq}`;
    const data: PayloadOf<'round.opened'> = {
      roundId,
      orderId,
      leadJobcentre: LEAD,
      scope: 'cooperation',
      recipients,
      openedAt: new Date().toISOString(),
      deadline: new Date(Date.now() + 86_400_000).toISOString(),
    };
    const envelope = makeEnvelope('round.opened', data, {
      id: `opened-${roundId}`,
      time: new Date(),
      source: '/services/broadcast',
      correlationId: orderId,
    });
    await platform.bus.publish(EXCHANGES.events, 'round.opened', envelope);
    await waitFor(
      async () => (await get(`/orders/${orderId}`, admin)).body.rounds?.some((r: { roundId: string }) => r.roundId === roundId),
      {
        what: `round ${roundId} folded into the order`,
      },
    );
    return roundId;
  };
  const statusEvents = (orderId: string) =>
    events.data<PayloadOf<'order.status-changed'>>('order.status-changed').filter((e) => e.orderId === orderId);
  /**
   * Waits until the relay has published a write made after everything before it (a new order's
   * order.registered), so a count taken then includes any duplicate the earlier writes caused.
   */
  const settle = async () => {
    const { id } = await register({ company: { name: 'Markør ApS', municipality: 155 } });
    await waitFor(() => events.data<{ orderId: string }>('order.registered').some((e) => e.orderId === id), { what: 'the marker order' });
  };
  const notices = <T>(name: string, orderId: string) =>
    queues.seen
      .filter((s) => s.name === name && (s.envelope?.data as { orderId?: string } | undefined)?.orderId === orderId)
      .map((s) => ({
        queue: s.routingKey,
        data: s.envelope?.data as T,
      }));

  it('registers a full job order from the phone line for a Dragør company: Tårnby leads, every field kept', async () => {
    const created = await call({ method: 'POST', path: '/orders', token: phoneLine, body: fullOrder() });
    expect([created.status, created.problems]).toEqual([201, []]);
    const order = created.body as Record<string, unknown>;
    expect(order).toMatchObject({
      leadJobcentre: LEAD,
      cooperation: 'HRS',
      channel: 'phone-line',
      status: 'registered',
      lawStatus: 'in-progress',
      largeProject: true,
      positions: { wanted: 2, filled: 0 },
      details: {
        occupation: { code: '8332', taxonomy: 'DISCO-08', text: 'Chauffør til kranbil' },
        workplaceMunicipality: 155,
        employmentType: 'permanent',
        requirements: { licences: ['CE'], languages: [{ language: 'da', level: 'B1' }] },
        wishes: ['Erfaring med kran'],
        shortNotice: true,
        applicationDeadline: '2026-12-18',
        contact: { name: 'Jens Hansen' },
      },
      timeline: [{ kind: 'registered', by: 'operator-1', to: 'registered' }],
    });
    // A jobcentre may say an a-kasse brought the order; only the phone line registers phone-line orders.
    const viaFund = await send('post', '/orders', recipient, fullOrder({ company: { name: 'A', municipality: 147 }, channel: 'a-kasse' }));
    expect([viaFund.status, viaFund.body.channel]).toEqual([201, 'a-kasse']);
    const spoofed = await send('post', '/orders', recipient, fullOrder({ channel: 'phone-line' }));
    expect([spoofed.status, spoofed.body.errors?.[0]?.field]).toEqual([400, 'body.channel']);
  });

  it('runs the lifecycle: one order.status-changed per transition, illegal moves refused naming the state', async () => {
    const { id } = await register();
    const toDialogue = await call({
      method: 'POST',
      path: `/orders/${id}/transitions`,
      body: { to: 'in-dialogue', reason: 'Ringet til Jens' },
    });
    expect([toDialogue.status, toDialogue.problems, (toDialogue.body as { status: string }).status]).toEqual([200, [], 'in-dialogue']);
    // The same move again is a retried request: 200, nothing new.
    expect((await send('post', `/orders/${id}/transitions`, lead, { to: 'in-dialogue' })).status).toBe(200);

    await openRound(id);
    await waitFor(async () => (await get(`/orders/${id}`, lead)).body.status === 'searching', { what: 'searching once the round opened' });
    const back = await send('post', `/orders/${id}/transitions`, lead, { to: 'in-dialogue' });
    expect([back.status, back.body.type]).toEqual([409, 'urn:rs:problem:illegal-transition']);
    expect(back.body.detail).toContain('the order is searching; it cannot go to in-dialogue');
    expect(back.body.detail_da).toContain('ordren er søger; den kan ikke gå til i dialog');

    const presented = await call({
      method: 'POST',
      path: `/orders/${id}/referrals`,
      body: { jobcentre: 151, candidateRef: 'c-151-7', screening: ['qualifications', 'interest', 'availability'] },
    });
    expect([presented.status, presented.problems]).toEqual([201, []]);
    expect(presented.body).toMatchObject({
      status: 'candidates-presented',
      lawStatus: 'inactive-enough-referrals',
      referrals: [
        { id: '151-c-151-7', jobcentre: 151, screening: ['availability', 'interest', 'qualifications'], presentedBy: `consultant-${LEAD}` },
      ],
    });
    const hired = await send('post', `/orders/${id}/hires`, lead, hireOf('c-151-7'));
    expect([hired.status, hired.body.positions]).toEqual([201, { wanted: 2, filled: 1 }]);
    expect(hired.body.referrals[0].outcome).toMatchObject({ kind: 'hired' });
    const unfilled = await send('post', `/orders/${id}/close`, lead, { outcome: 'unfilled' });
    expect([unfilled.status, unfilled.body.type]).toEqual([409, 'urn:rs:problem:hires']);
    const closed = await send('post', `/orders/${id}/close`, lead, { outcome: 'partly-filled', reason: 'Kun én chauffør fundet' });
    expect([closed.status, closed.body.status, closed.body.lawStatus]).toEqual([200, 'partly-filled', 'closed-filled']);
    const again = await send('post', `/orders/${id}/close`, lead, { outcome: 'filled' });
    expect([again.status, again.body.detail]).toEqual([409, expect.stringContaining('partly-filled')]);

    const moves = [
      ['registered', 'in-dialogue', `consultant-${LEAD}`],
      ['in-dialogue', 'searching', 'system'],
      ['searching', 'candidates-presented', `consultant-${LEAD}`],
      ['candidates-presented', 'partly-filled', `consultant-${LEAD}`],
    ];
    const published = await waitFor(() => (statusEvents(id).length >= 4 ? statusEvents(id) : undefined), { what: 'four transitions' });
    expect(published.map((e) => [e.from, e.to, e.by])).toEqual(moves);
    expect(published.map((e) => e.lawStatus)).toEqual(['in-progress', 'in-progress', 'inactive-enough-referrals', 'closed-filled']);
    const { body } = await get(`/orders/${id}`, lead);
    const transitions = (body.timeline as { id: string; kind: string; from?: string; to?: string }[]).filter(
      (t) => t.kind === 'status-changed',
    );
    // Each transition's timeline entry is the one its event names, once.
    expect(transitions.map((t) => t.id)).toEqual(published.map((e) => e.entryId));
    expect(new Set(body.timeline.map((t: { id: string }) => t.id)).size).toBe(body.timeline.length);
    expect(body.timeline.map((t: { kind: string }) => t.kind)).toEqual([
      'registered',
      'status-changed',
      'status-changed',
      'referral-presented',
      'status-changed',
      'hire',
      'status-changed',
    ]);
    const candidateHired = await waitFor(
      () => events.data<PayloadOf<'order.candidate-hired'>>('order.candidate-hired').find((e) => e.orderId === id),
      { what: 'order.candidate-hired' },
    );
    expect(candidateHired).toMatchObject({
      jobcentre: 151,
      candidateRef: 'c-151-7',
      startDate: '2027-01-04',
      weeklyHours: 37,
      followUp: true,
      cooperation: 'HRS',
    });
    const closedEvent = await waitFor(() => events.data<PayloadOf<'order.closed'>>('order.closed').find((e) => e.orderId === id), {
      what: 'order.closed',
    });
    expect(closedEvent.outcome).toBe('filled');
    await settle();
    expect(statusEvents(id)).toHaveLength(4);
  });

  it('refuses closing as unfilled before every jobcentre answered (R7); an admin overrides with a written reason', async () => {
    const { id } = await register();
    await openRound(id);
    const early = await send('post', `/orders/${id}/close`, lead, { outcome: 'closed-unfilled' });
    expect([early.status, early.body.type]).toEqual([409, 'urn:rs:problem:r7-not-met']);
    expect(early.body.detail).toMatch(/R7/);
    expect(
      (await send('post', `/orders/${id}/close`, lead, { outcome: 'unfilled', override: true, reason: 'Virksomheden lukker afdelingen' }))
        .status,
    ).toBe(403);
    const noReason = await send('post', `/orders/${id}/close`, admin, { outcome: 'unfilled', override: true });
    expect([noReason.status, noReason.body.errors?.[0]?.field]).toEqual([400, 'body.reason']);
    const overridden = await send('post', `/orders/${id}/close`, admin, {
      outcome: 'unfilled',
      override: true,
      reason: 'Virksomheden lukker afdelingen',
    });
    expect([overridden.status, overridden.body.status]).toEqual([200, 'closed-unfilled']);
    expect(overridden.body.timeline.at(-1)).toMatchObject({
      kind: 'status-changed',
      to: 'closed-unfilled',
      by: 'admin-1',
      override: true,
      reason: 'Virksomheden lukker afdelingen',
    });
  });

  it('tells every recipient of an open round of an amendment, and asks matching to rank again', async () => {
    const { id } = await register();
    const roundId = await openRound(id);
    const amended = await call({
      method: 'PATCH',
      path: `/orders/${id}`,
      body: { requirements: { licences: ['C', 'CE'], certificates: [], languages: [] }, positions: 3 },
    });
    expect([amended.status, amended.problems]).toEqual([200, []]);
    expect(amended.body).toMatchObject({
      amendments: 1,
      details: { positions: 3, requirements: { licences: ['C', 'CE'] } },
      order: { positions: 3 },
    });
    const told = await waitFor(
      () => {
        const seen = notices<PayloadOf<'round.order-amended'>>('round.order-amended', id);
        return seen.length >= 2 ? seen : undefined;
      },
      { what: 'round.order-amended on both recipients’ queues' },
    );
    expect(told.map((t) => [t.queue, t.data.recipient, t.data.roundId, t.data.amendment]).sort()).toEqual([
      ['jobcentre.147', 147, roundId, 1],
      ['jobcentre.151', 151, roundId, 1],
    ]);
    expect(told[0]?.data).toMatchObject({ changed: ['positions', 'requirements'], terms: { requirements: { licences: ['C', 'CE'] } } });
    const forMatching = await waitFor(() => events.data<PayloadOf<'order.amended'>>('order.amended').find((e) => e.orderId === id), {
      what: 'order.amended',
    });
    expect(forMatching).toMatchObject({ amendment: 1, changed: ['positions', 'requirements'], order: { positions: 3 } });
    // Matching ranked the order when it was registered, and again for the amendment.
    await waitFor(() => events.data<{ orderId: string }>('order.shortlisted').filter((e) => e.orderId === id).length === 2, {
      what: 'a second order.shortlisted after the amendment',
    });
    // The same change again, and a change of the contact only, tell nobody.
    await send('patch', `/orders/${id}`, lead, { positions: 3 }).expect(200);
    await send('patch', `/orders/${id}`, lead, { contact: { name: 'Mette Hansen' } }).expect(200);
    const bad = await send('patch', `/orders/${id}`, lead, {});
    expect(bad.status).toBe(400);
    await settle();
    expect(notices('round.order-amended', id)).toHaveLength(2);
    expect((await get(`/orders/${id}`, lead)).body).toMatchObject({ amendments: 1, details: { contact: { name: 'Mette Hansen' } } });
    expect(events.data<{ orderId: string }>('order.shortlisted').filter((e) => e.orderId === id)).toHaveLength(2);
  });

  it('hands the lead over to another jobcentre of the cooperation, telling the recipients of open rounds', async () => {
    const { id } = await register();
    const roundId = await openRound(id);
    const outside = await send('post', `/orders/${id}/handover`, lead, { to: 253, reason: 'Flytter' });
    expect([outside.status, outside.body.errors?.[0]?.field]).toEqual([422, 'body.to']);
    await send('post', `/orders/${id}/handover`, recipient, { to: 101, reason: 'Ikke vores' }).expect(404);
    const handed = await call({
      method: 'POST',
      path: `/orders/${id}/handover`,
      body: { to: 101, reason: 'Virksomhedens HR sidder i København' },
    });
    expect([handed.status, handed.problems, (handed.body as { leadJobcentre: number }).leadJobcentre]).toEqual([200, [], 101]);
    const told = await waitFor(
      () => {
        const seen = notices<PayloadOf<'round.lead-changed'>>('round.lead-changed', id);
        return seen.length >= 2 ? seen : undefined;
      },
      { what: 'round.lead-changed on both recipients’ queues' },
    );
    expect(told.map((t) => [t.queue, t.data.roundId, t.data.from, t.data.to]).sort()).toEqual([
      ['jobcentre.147', roundId, LEAD, 101],
      ['jobcentre.151', roundId, LEAD, 101],
    ]);
    // The old lead no longer runs (or sees) the order; the new one does.
    await get(`/orders/${id}`, lead).expect(404);
    await send('post', `/orders/${id}/transitions`, lead, { to: 'searching' }).expect(404);
    const { body } = await get(`/orders/${id}`, jobcentreToken(101)).expect(200);
    expect(body.timeline.at(-1)).toMatchObject({
      kind: 'lead-handover',
      note: `${LEAD} → 101`,
      reason: 'Virksomhedens HR sidder i København',
    });
  });

  it('lets a recipient open the order it received and shows it only its own candidates; roles see what they may', async () => {
    const { id } = await register();
    await openRound(id);
    await send('post', `/orders/${id}/referrals`, lead, { jobcentre: 151, candidateRef: 'c-151-1', screening: ['interest'] }).expect(201);
    await send('post', `/orders/${id}/referrals`, lead, { jobcentre: 147, candidateRef: 'c-147-1', screening: [] }).expect(201);

    const asRecipient = await get(`/orders/${id}`, recipient).expect(200);
    expect(asRecipient.body.referrals.map((r: { id: string }) => r.id)).toEqual(['147-c-147-1']);
    expect(((await get('/orders?limit=200', recipient)).body.orders as { id: string }[]).map((o) => o.id)).toContain(id);
    const asPhoneLine = await get(`/orders/${id}`, phoneLine).expect(200);
    expect([asPhoneLine.body.referrals, asPhoneLine.body.hires]).toEqual([[], []]);
    expect(asPhoneLine.body.timeline.filter((t: { note?: string }) => t.note?.includes('c-151-1'))).toEqual([]);
    expect((await get(`/orders/${id}`, secretariat).expect(200)).body.referrals).toHaveLength(2);

    await get(`/orders/${id}`, outsider).expect(404);
    expect(((await get('/orders?limit=200', outsider)).body.orders as { id: string }[]).map((o) => o.id)).not.toContain(id);
    await get(`/orders/${id}`, onboarding).expect(403);
    await get('/orders', onboarding).expect(403);
    // Running the order is the lead's (or an admin's): a recipient or an outsider is told it is not there, other roles are refused.
    for (const token of [recipient, outsider]) await send('post', `/orders/${id}/hires`, token, hireOf('c-151-1')).expect(404);
    for (const token of [phoneLine, secretariat, onboarding]) {
      await send('post', `/orders/${id}/hires`, token, hireOf('c-151-1')).expect(403);
      await send('post', `/orders/${id}/close`, token, { outcome: 'cancelled' }).expect(403);
      await send('patch', `/orders/${id}`, token, { positions: 4 }).expect(403);
    }
    await send('post', '/orders', secretariat, fullOrder()).expect(403);
  });

  it('records outcomes on the referral log: interview, then rejected with a reason', async () => {
    const { id } = await register();
    await send('post', `/orders/${id}/referrals`, lead, { jobcentre: 147, candidateRef: 'c-147-9', screening: ['qualifications'] }).expect(
      201,
    );
    const interview = await call({ method: 'POST', path: `/orders/${id}/referrals/147-c-147-9/outcome`, body: { outcome: 'interview' } });
    expect([interview.status, interview.problems]).toEqual([200, []]);
    const noReason = await send('post', `/orders/${id}/referrals/147-c-147-9/outcome`, lead, { outcome: 'rejected' });
    expect([noReason.status, noReason.body.errors?.[0]?.field]).toEqual([400, 'body.reason']);
    const rejected = await send('post', `/orders/${id}/referrals/147-c-147-9/outcome`, lead, { outcome: 'rejected', reason: 'Mangler CE' });
    expect(rejected.body.referrals[0].outcome).toMatchObject({ kind: 'rejected', reason: 'Mangler CE' });
    await send('post', `/orders/${id}/referrals/147-nobody/outcome`, lead, { outcome: 'interview' }).expect(409);
    const unknownPrinciple = await send('post', `/orders/${id}/referrals`, lead, {
      jobcentre: 147,
      candidateRef: 'c-147-8',
      screening: ['astrology'],
    });
    expect([unknownPrinciple.status, unknownPrinciple.body.errors?.[0]?.field]).toEqual([400, 'body.screening']);
    const checklist = await callRoute(intake.url, table.routes, {
      method: 'GET',
      path: '/screening-principles?cooperation=HRS',
      token: lead,
    });
    expect([checklist.status, checklist.problems]).toEqual([200, []]);
    expect((checklist.body as { principles: { id: string }[] }).principles.map((p) => p.id)).toContain('qualifications');
  });

  it('never hires one candidate twice for overlapping positions', async () => {
    const a = await register();
    const b = await register();
    await send('post', `/orders/${a.id}/hires`, lead, hireOf('c-151-77')).expect(201);
    const twice = await send('post', `/orders/${b.id}/hires`, lead, hireOf('c-151-77'));
    expect([twice.status, twice.body.detail]).toEqual([409, expect.stringContaining('overlapping')]);
    const sameOrder = await send('post', `/orders/${a.id}/hires`, lead, hireOf('c-151-77', { startDate: '2027-03-01' }));
    expect(sameOrder.status).toBe(409);
    // Two part-time positions that fit in one week are not overlapping.
    await send('post', `/orders/${a.id}/hires`, lead, hireOf('c-151-78', { weeklyHours: 15 })).expect(201);
    await send('post', `/orders/${b.id}/hires`, lead, hireOf('c-151-78', { weeklyHours: 20 })).expect(201);
  });

  it('hires a candidate once when two orders hire them at the same moment (a unique claim decides)', async () => {
    const a = await register({ positions: 10 });
    const b = await register({ positions: 10 });
    const refs = Array.from({ length: 6 }, (_, i) => `c-151-race-${i}`);
    const pairs = await Promise.all(
      refs.map((ref) =>
        Promise.all([send('post', `/orders/${a.id}/hires`, lead, hireOf(ref)), send('post', `/orders/${b.id}/hires`, lead, hireOf(ref))]),
      ),
    );
    for (const pair of pairs) {
      expect(pair.map((r) => r.status).sort()).toEqual([201, 409]);
      const lost = pair.find((r) => r.status === 409);
      // Refused either while the winner is being recorded (hire-in-progress) or after it (overlapping).
      expect(lost?.body.detail).toMatch(/being hired on another order|overlapping/);
    }
    const hired = [...(await get(`/orders/${a.id}`, lead)).body.hires, ...(await get(`/orders/${b.id}`, lead)).body.hires];
    expect(hired.map((h: { candidateRef: string }) => h.candidateRef).sort()).toEqual(refs);
    // The loser, tried again, is decided against the hire that won.
    const loser = pairs[0]?.[0]?.status === 409 ? a.id : b.id;
    const again = await send('post', `/orders/${loser}/hires`, lead, hireOf(refs[0] as string));
    expect([again.status, again.body.detail]).toEqual([409, expect.stringContaining('overlapping')]);
  });

  it('refuses bad input naming the field, never half-applied', async () => {
    const { id } = await register();
    const cases: [string, unknown, string][] = [
      ['NoSQL operator object', fullOrder({ title: { $gt: '' } }), 'body.title'],
      ['operator in a nested field', fullOrder({ company: { name: { $ne: null }, municipality: 155 } }), 'body.company.name'],
      ['unknown field', fullOrder({ salary: 500 }), 'body.salary'],
      ['wrong type', fullOrder({ positions: '2' }), 'body.positions'],
      ['not a DISCO code', fullOrder({ occupation: 'driver' }), 'body.occupation'],
      ['unknown licence', fullOrder({ requirements: { licences: ['Z'] } }), 'body.requirements.licences.0'],
      // Matching filters by its own vocabulary: a free-text certificate would never be tested (a wish goes in wishes).
      [
        'certificate outside the vocabulary',
        fullOrder({ requirements: { certificates: ['Kranbevis'] } }),
        'body.requirements.certificates.0',
      ],
      ['prototype key', JSON.parse('{"__proto__": {"admin": true}, "title": "x"}'), 'body.__proto__'],
    ];
    for (const [what, body, field] of cases) {
      const res = await send('post', '/orders', phoneLine, body);
      expect([what, res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([
        what,
        400,
        expect.arrayContaining([field]),
      ]);
    }
    const hireBad = await send('post', `/orders/${id}/hires`, lead, hireOf('c-1', { weeklyHours: { $gt: 0 } }));
    expect([hireBad.status, hireBad.body.errors?.[0]?.field]).toEqual([400, 'body.weeklyHours']);
    for (const query of [
      'status=open',
      'status[$ne]=x',
      'lead=abc',
      'lawStatus=closed',
      'cooperation=hrs%24',
      'goal=late',
      'channel=fax',
    ]) {
      expect([query, (await get(`/orders?${query}`, lead)).status]).toEqual([query, 400]);
    }
    const huge = await request(intake.url)
      .post('/orders')
      .set('authorization', `Bearer ${phoneLine}`)
      .set('content-type', 'application/json')
      .send(JSON.stringify(fullOrder({ description: 'x'.repeat(1_048_576) })));
    expect([huge.status, huge.body.type]).toEqual([413, 'urn:rs:problem:payload-too-large']);
    const transitionToClosed = await send('post', `/orders/${id}/transitions`, lead, { to: 'filled' });
    expect([transitionToClosed.status, transitionToClosed.body.errors?.[0]?.field]).toEqual([400, 'body.to']);
    // Nothing of the refused calls was applied.
    const { body } = await get(`/orders/${id}`, lead);
    expect([body.status, body.hires, body.timeline.length]).toEqual(['registered', [], 1]);
  });

  it('every route: an operator object, an unknown field, a wrong type, a wrong role and another jobcentre are refused', async () => {
    const { id } = await register();
    await send('post', `/orders/${id}/referrals`, lead, { jobcentre: 147, candidateRef: 'c-147-m', screening: [] }).expect(201);
    /** Each route with a valid body, the field an operator object is put in, and a wrong-typed field. */
    const routes: { method: 'post' | 'patch'; path: string; body: Record<string, unknown>; field: string; wrongType: [string, unknown] }[] =
      [
        { method: 'patch', path: `/orders/${id}`, body: { positions: 2 }, field: 'title', wrongType: ['shortNotice', 'yes'] },
        { method: 'post', path: `/orders/${id}/transitions`, body: { to: 'in-dialogue' }, field: 'to', wrongType: ['reason', 7] },
        { method: 'post', path: `/orders/${id}/close`, body: { outcome: 'cancelled' }, field: 'outcome', wrongType: ['override', 'true'] },
        {
          method: 'post',
          path: `/orders/${id}/referrals`,
          body: { jobcentre: 151, candidateRef: 'c-151-m', screening: [] },
          field: 'candidateRef',
          wrongType: ['screening', 'interest'],
        },
        {
          method: 'post',
          path: `/orders/${id}/referrals/147-c-147-m/outcome`,
          body: { outcome: 'interview' },
          field: 'reason',
          wrongType: ['outcome', 1],
        },
        { method: 'post', path: `/orders/${id}/hires`, body: hireOf('c-151-m'), field: 'startDate', wrongType: ['weeklyHours', '37'] },
        { method: 'post', path: `/orders/${id}/handover`, body: { to: 101, reason: 'Skifter' }, field: 'reason', wrongType: ['to', '101'] },
      ];
    for (const r of routes) {
      const what = `${r.method.toUpperCase()} ${r.path}`;
      const operator = await send(r.method, r.path, lead, { ...r.body, [r.field]: { $ne: null } });
      expect([what, operator.status, operator.body.errors?.map((e: { field: string }) => e.field)]).toEqual([
        what,
        400,
        [`body.${r.field}`],
      ]);
      const unknown = await send(r.method, r.path, lead, { ...r.body, $where: 'sleep(1000)' });
      expect([what, unknown.status, unknown.body.errors?.[0]?.field]).toEqual([what, 400, 'body.$where']);
      const wrong = await send(r.method, r.path, lead, { ...r.body, [r.wrongType[0]]: r.wrongType[1] });
      expect([what, wrong.status, wrong.body.errors?.[0]?.field]).toEqual([what, 400, `body.${r.wrongType[0]}`]);
      expect([what, (await send(r.method, r.path, phoneLine, r.body)).status]).toEqual([what, 403]);
      expect([what, (await send(r.method, r.path, outsider, r.body)).status]).toEqual([what, 404]);
      expect([what, (await send(r.method, r.path.replace(id, 'no-such-order'), lead, r.body)).status]).toEqual([what, 404]);
    }
    // Nothing of it was applied.
    const { body } = await get(`/orders/${id}`, lead);
    expect([body.status, body.leadJobcentre, body.hires, body.referrals.length]).toEqual(['candidates-presented', LEAD, [], 1]);
  });

  it('replays a repeated POST with the same Idempotency-Key', async () => {
    const headers = { authorization: `Bearer ${lead}`, 'content-type': 'application/json', 'idempotency-key': 'lifecycle-key-1' };
    const body = JSON.stringify(fullOrder({ company: { name: 'Tårnby Tømrer', municipality: 185 } }));
    const first = await fetch(`${intake.url}/orders`, { method: 'POST', headers, body });
    const second = await fetch(`${intake.url}/orders`, { method: 'POST', headers, body });
    expect([first.status, second.status, second.headers.get('idempotency-replayed')]).toEqual([201, 201, 'true']);
    const { id } = (await first.json()) as { id: string };
    expect(((await second.json()) as { id: string }).id).toBe(id);

    const referral = JSON.stringify({ jobcentre: 147, candidateRef: 'c-147-idem', screening: ['interest'] });
    const refHeaders = { ...headers, 'idempotency-key': 'lifecycle-key-2' };
    const r1 = await fetch(`${intake.url}/orders/${id}/referrals`, { method: 'POST', headers: refHeaders, body: referral });
    const r2 = await fetch(`${intake.url}/orders/${id}/referrals`, { method: 'POST', headers: refHeaders, body: referral });
    expect([r1.status, r2.status, r2.headers.get('idempotency-replayed')]).toEqual([201, 201, 'true']);
    const hireHeaders = { ...headers, 'idempotency-key': 'lifecycle-key-3' };
    const hire = JSON.stringify(hireOf('c-151-idem'));
    const h1 = await fetch(`${intake.url}/orders/${id}/hires`, { method: 'POST', headers: hireHeaders, body: hire });
    const h2 = await fetch(`${intake.url}/orders/${id}/hires`, { method: 'POST', headers: hireHeaders, body: hire });
    expect([h1.status, h2.status]).toEqual([201, 201]);
    const { body: order } = await get(`/orders/${id}`, lead);
    expect([order.referrals.length, order.hires.length]).toEqual([1, 1]);
    const hiredEvents = () => events.data<PayloadOf<'order.candidate-hired'>>('order.candidate-hired').filter((e) => e.orderId === id);
    await waitFor(() => hiredEvents().length > 0, { what: 'order.candidate-hired of the keyed hire' });
    await settle();
    expect(hiredEvents()).toHaveLength(1);
  });

  it('filters lists by state, law status, lead, cooperation, channel and goal', async () => {
    const { id } = await register({ company: { name: 'Filter ApS', municipality: 155 } });
    await send('post', `/orders/${id}/transitions`, lead, { to: 'in-dialogue' }).expect(200);
    const ids = async (query: string, token = admin) => {
      const res = await call({ method: 'GET', path: `/orders?limit=200&${query}`, token });
      expect([query, res.status, res.problems]).toEqual([query, 200, []]);
      return (res.body as { orders: { id: string }[] }).orders.map((o) => o.id);
    };
    expect(await ids('status=in-dialogue')).toContain(id);
    expect(await ids('status=registered')).not.toContain(id);
    expect(await ids('lawStatus=in-progress')).toContain(id);
    expect(await ids('lawStatus=closed-filled')).not.toContain(id);
    expect(await ids(`lead=${LEAD}`)).toContain(id);
    expect(await ids('lead=101')).not.toContain(id);
    expect(await ids('cooperation=HRS')).toContain(id);
    expect(await ids('cooperation=JRS')).not.toContain(id);
    expect(await ids('channel=phone-line')).toContain(id);
    expect(await ids('channel=api')).not.toContain(id);
    expect(await ids('goal=breached')).not.toContain(id);
    await waitFor(async () => (await ids('goal=warned')).includes(id), { what: 'the order among those with a warned goal' });
    // A secretariat asking for another cooperation gets nothing of it.
    expect(await ids('cooperation=JRS', secretariat)).toEqual([]);
    const page = await call({ method: 'GET', path: '/orders?limit=1&channel=phone-line', token: admin });
    expect((page.body as { next: string }).next).toContain('channel=phone-line');
  });
});
