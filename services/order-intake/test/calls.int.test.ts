import { createHmac, randomUUID } from 'node:crypto';
import { danishDay } from '@rs/contracts';
import { callRoute, jobcentreToken, type RunningService, routeTable, type TestPlatform, testPlatform, tokenFor } from '@rs/testkit';
import request from 'supertest';
import { orderIntakeRoutes } from '../src/adapters/http/routes';

/**
 * The shared phone line on a real order-intake: an operator records a call that finds its company
 * by CVR, name or as a new company, becomes an order for the company's lead or is attached to
 * one, and gives the caller a reference; the call log pages and filters; the telephony system's
 * signed webhook creates calls and refuses replays. Every route with bad input and wrong roles.
 */
const SECRET = 'telephony-secret-that-is-at-least-32-characters';
const operator = tokenFor({ role: 'phone-line', sub: 'operator-1' });
const admin = tokenFor({ role: 'admin', sub: 'admin-1' });
const tårnby = jobcentreToken(185);
const københavn = jobcentreToken(101);
const hrs = tokenFor({ role: 'secretariat', sub: 'secretariat-hrs', cooperation: 'HRS' });
const jrs = tokenFor({ role: 'secretariat', sub: 'secretariat-jrs', cooperation: 'JRS' });
const onboarding = tokenFor({ role: 'onboarding', sub: 'onboarding-hrs', cooperation: 'HRS' });
const REFERENCE = /^[2-9AFHJKMNQRSWXY]{3}-[2-9AFHJKMNQRSWXY]{3}$/;

const DRAGØR_CVR = '24256790';
const dragørCompany = {
  cvr: DRAGØR_CVR,
  name: 'Dragør Havnekiosk',
  address: { street: 'Havnen 2', postalCode: '2791', city: 'Dragør' },
  municipality: 155,
};
const job = { title: 'Ekspedient', occupation: '5223', positions: 1 };

describe('the shared phone line', () => {
  let platform: TestPlatform;
  let intake: RunningService;

  beforeAll(async () => {
    platform = await testPlatform();
    intake = await platform.start('order-intake', { TELEPHONY_WEBHOOK_SECRET: SECRET, TELEPHONY_WEBHOOK_TOLERANCE_SECONDS: '60' });
  }, 60_000);
  afterAll(() => platform.dispose());

  const post = (path: string, token: string, body: unknown, key?: string) => {
    const r = request(intake.url).post(path).set('authorization', `Bearer ${token}`);
    if (key) r.set('idempotency-key', key);
    return r.send(body as object);
  };
  const get = (path: string, token: string) => request(intake.url).get(path).set('authorization', `Bearer ${token}`);
  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);
  const aCall = (over: Record<string, unknown> = {}) => ({
    caller: { name: 'Mette Holm', phone: '+45 32 00 00 00', role: 'indehaver' },
    company: { new: dragørCompany },
    need: 'new-order',
    note: 'Mangler en ekspedient fra 1. januar',
    order: job,
    ...over,
  });

  let firstCall: { id: string; reference: string; orderId: string };

  it('records a call for a new company: the company is registered, the order goes to its lead (Dragør → Tårnby), the caller gets a reference', async () => {
    const res = await post('/calls', operator, aCall()).expect(201);
    expect(res.headers.location).toBe(`/calls/${res.body.id}`);
    expect(res.body).toMatchObject({
      source: 'operator',
      recordedBy: 'operator-1',
      company: { id: DRAGØR_CVR, cvr: DRAGØR_CVR, name: 'Dragør Havnekiosk' },
      need: 'new-order',
      outcome: 'order-created',
      routedTo: 185,
      cooperation: 'HRS',
    });
    expect(res.body.reference).toMatch(REFERENCE);
    expect(res.body.requestHash).toBeUndefined();
    firstCall = res.body;
    const order = await get(`/orders/${res.body.orderId}`, tårnby).expect(200);
    expect(order.body).toMatchObject({ leadJobcentre: 185, channel: 'phone-line', company: { id: DRAGØR_CVR } });
    await get(`/companies/${DRAGØR_CVR}`, tårnby).expect(200);
  });

  it('finds the company by CVR or exact name (any case), attaches a call to an existing order, logs a question', async () => {
    const byCvr = await post('/calls', operator, aCall({ company: { cvr: DRAGØR_CVR } })).expect(201);
    expect(byCvr.body).toMatchObject({ outcome: 'order-created', routedTo: 185, company: { id: DRAGØR_CVR } });
    expect(byCvr.body.orderId).not.toBe(firstCall.orderId);
    const byName = await post(
      '/calls',
      operator,
      aCall({ company: { name: 'DRAGØR  havnekiosk' }, order: undefined, orderId: firstCall.orderId, need: 'existing-order' }),
    ).expect(201);
    expect(byName.body).toMatchObject({ outcome: 'attached', orderId: firstCall.orderId, routedTo: 185 });
    const question = await post(
      '/calls',
      operator,
      aCall({ company: undefined, order: undefined, need: 'question', caller: { phone: '+45 11 22 33 44' } }),
    ).expect(201);
    expect(question.body).toMatchObject({ outcome: 'logged', cooperation: null });
    expect(question.body.routedTo).toBeUndefined();
    expect(new Set([firstCall.reference, byCvr.body.reference, byName.body.reference, question.body.reference]).size).toBe(4);
  });

  it('refuses what it cannot resolve: an unknown CVR or name (422), two companies of one name (409), an order of another company', async () => {
    const unknown = await post('/calls', operator, aCall({ company: { cvr: '12345674' } })).expect(422);
    expect(fields(unknown)).toEqual(['body.company.cvr']);
    expect(fields(await post('/calls', operator, aCall({ company: { name: 'Ingen Sådan' } })).expect(422))).toEqual(['body.company.name']);
    const twin = { ...dragørCompany, cvr: '12345682', name: 'Tvilling ApS' };
    await post('/companies', operator, twin).expect(201);
    await post('/companies', operator, { ...twin, cvr: '12345690' }).expect(201);
    const ambiguous = await post('/calls', operator, aCall({ company: { name: 'tvilling aps' } })).expect(409);
    expect(ambiguous.body.detail_da).toMatch(/CVR/);
    const wrongOrder = await post(
      '/calls',
      operator,
      aCall({ company: { cvr: '12345682' }, order: undefined, orderId: firstCall.orderId }),
    ).expect(422);
    expect(fields(wrongOrder)).toEqual(['body.orderId']);
    await post('/calls', operator, aCall({ company: undefined })).expect(400);
    expect(fields(await post('/calls', operator, aCall({ orderId: firstCall.orderId })).expect(400))).toEqual(['body.orderId']);
    const conflict = await post('/calls', operator, aCall({ company: { new: { ...dragørCompany, name: 'Et andet navn' } } })).expect(409);
    expect(fields(conflict)).toEqual(['body.company.new.cvr']);
  });

  it('takes the whole order on the phone (issue 15 part 2): DISCO-08 code, hours, deadline, hard requirements, contact; each bad field named', async () => {
    const full = {
      title: 'Lagermedarbejder',
      occupation: '9321',
      occupationText: 'Lagerarbejder med truck',
      positions: 2,
      municipality: 185,
      description: 'Plukning og pakning',
      employmentType: 'permanent',
      workingTime: 'full-time',
      weeklyHours: 37,
      startBy: '2027-01-04',
      applicationDeadline: '2026-12-18',
      requirements: { certificates: ['forklift'], licences: ['B'], languages: [{ language: 'da', level: 'B1' }] },
      wishes: ['Erfaring med scanner'],
      shortNotice: true,
      contact: { name: 'Mette Holm', phone: '+45 32 00 00 00' },
    };
    const res = await post('/calls', operator, aCall({ company: { cvr: DRAGØR_CVR }, order: full })).expect(201);
    const order = await get(`/orders/${res.body.orderId}`, tårnby).expect(200);
    expect(order.body).toMatchObject({
      channel: 'phone-line',
      leadJobcentre: 185,
      details: {
        occupation: { code: '9321', taxonomy: 'DISCO-08', text: 'Lagerarbejder med truck' },
        positions: 2,
        workplaceMunicipality: 185,
        employmentType: 'permanent',
        weeklyHours: 37,
        applicationDeadline: '2026-12-18',
        requirements: { certificates: ['forklift'], licences: ['B'] },
        shortNotice: true,
        contact: { name: 'Mette Holm' },
      },
      order: { requirements: { certificates: ['forklift'] } },
    });
    for (const [bad, field] of [
      [{ occupation: 'Lagerarbejder' }, 'body.order.occupation'],
      [{ weeklyHours: 90 }, 'body.order.weeklyHours'],
      [{ applicationDeadline: '18-12-2026' }, 'body.order.applicationDeadline'],
      [{ requirements: { certificates: ['juggling'] } }, 'body.order.requirements.certificates.0'],
      [{ channel: 'api' }, 'body.order.channel'],
    ] as const) {
      const refused = await post('/calls', operator, aCall({ company: { cvr: DRAGØR_CVR }, order: { ...full, ...bad } })).expect(400);
      expect(fields(refused)).toEqual([field]);
    }
  });

  it('refuses bad input of every kind, naming the field', async () => {
    const badCvr = await post('/calls', operator, aCall({ company: { cvr: '24256791' } })).expect(400);
    expect(fields(badCvr)).toEqual(expect.arrayContaining(['body.company.cvr']));
    expect((await post('/calls', operator, aCall({ company: { cvr: { $ne: '' } } })).expect(400)).body.type).toBe(
      'urn:rs:problem:invalid-request',
    );
    expect(fields(await post('/calls', operator, aCall({ note: { $where: '1' } })).expect(400))).toEqual(['body.note']);
    expect(fields(await post('/calls', operator, aCall({ orderId: { $gt: '' }, order: undefined })).expect(400))).toEqual(['body.orderId']);
    expect(fields(await post('/calls', operator, aCall({ transcript: 'x' })).expect(400))).toEqual(['body.transcript']);
    expect(fields(await post('/calls', operator, aCall({ caller: { name: 'A', age: 40 } })).expect(400))).toEqual(['body.caller.age']);
    expect(fields(await post('/calls', operator, aCall({ need: 'pizza' })).expect(400))).toEqual(['body.need']);
    expect(fields(await post('/calls', operator, aCall({ order: { ...job, positions: '1' } })).expect(400))).toEqual([
      'body.order.positions',
    ]);
    expect(fields(await post('/calls', operator, aCall({ receivedAt: 'yesterday' })).expect(400))).toEqual(['body.receivedAt']);
    await post('/calls', operator, aCall({ note: 'x'.repeat(1024 * 1024) })).expect(413);
    await request(intake.url)
      .post('/calls')
      .set('authorization', `Bearer ${operator}`)
      .set('content-type', 'text/plain')
      .send('hello')
      .expect(415);
  });

  it('lets only the phone line and admins record calls', async () => {
    for (const token of [tårnby, hrs, onboarding]) await post('/calls', token, aCall({ company: { cvr: DRAGØR_CVR } })).expect(403);
    await post('/calls', admin, aCall({ company: { cvr: DRAGØR_CVR }, order: undefined, need: 'other' })).expect(201);
    await request(intake.url).post('/calls').send(aCall()).expect(401);
  });

  it('records a call once under a repeated Idempotency-Key: one call, one reference, one order', async () => {
    const body = aCall({ company: { cvr: DRAGØR_CVR }, order: { ...job, title: 'Kiosk-ekspedient' } });
    const first = await post('/calls', operator, body, 'call-key-1').expect(201);
    const again = await post('/calls', operator, body, 'call-key-1').expect(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect([again.body.id, again.body.reference, again.body.orderId]).toEqual([first.body.id, first.body.reference, first.body.orderId]);
    const orders = (await get('/orders?limit=200', tårnby).expect(200)).body.orders as { order: { title: string } }[];
    expect(orders.filter((o) => o.order.title === 'Kiosk-ekspedient')).toHaveLength(1);
    await post('/calls', operator, { ...body, note: 'another' }, 'call-key-1').expect(422);
  });

  it('keeps a call log that a lead reads for its own calls only, searchable by reference as said on the phone', async () => {
    await get(`/calls/${firstCall.id}`, tårnby).expect(200);
    await get(`/calls/${firstCall.id}`, hrs).expect(200);
    await get(`/calls/${firstCall.id}`, københavn).expect(404);
    await get(`/calls/${firstCall.id}`, jrs).expect(404);
    await get(`/calls/${firstCall.id}`, onboarding).expect(404);
    await get('/calls/a%20b', operator).expect(400);
    const said = firstCall.reference.toLowerCase().replace('-', ' ');
    const byRef = await get(`/calls?reference=${encodeURIComponent(said)}`, tårnby).expect(200);
    expect(byRef.body.calls.map((c: { id: string }) => c.id)).toEqual([firstCall.id]);
    expect((await get(`/calls?reference=${encodeURIComponent(said)}`, københavn).expect(200)).body.calls).toEqual([]);
    expect((await get('/calls?reference=OOO-III', operator).expect(200)).body.calls).toEqual([]);
    const ids = async (q: string, token = operator) =>
      ((await get(`/calls${q}`, token).expect(200)).body.calls as { id: string }[]).map((c) => c.id);
    expect(await ids('', københavn)).toEqual([]);
    expect(await ids('', onboarding)).toEqual([]);
    expect((await ids('?outcome=attached')).length).toBe(1);
    expect((await ids('?need=question')).length).toBe(1);
    expect((await ids(`?cvr=${DRAGØR_CVR}`, tårnby)).length).toBeGreaterThanOrEqual(4);
    expect(await ids(`?orderId=${firstCall.orderId}`)).toEqual(expect.arrayContaining([firstCall.id]));
    expect(await ids('?routedTo=101', tårnby)).toEqual([]);
    // The call log's days are Danish (Europe/Copenhagen): from 23:00 UTC in winter it is tomorrow there.
    const today = danishDay(new Date());
    expect((await ids(`?from=${today}&to=${today}`)).length).toBeGreaterThanOrEqual(6);
    expect(await ids('?to=2020-01-01')).toEqual([]);
    await get('/calls?from=2026-02-01&to=2026-01-31', operator).expect(400);
    await get('/calls?cvr=24256791', operator).expect(400);
    await get('/calls?outcome=lost', operator).expect(400);
    const page1 = await get('/calls?limit=2', operator).expect(200);
    const page2 = await get(page1.body.next, operator).expect(200);
    const seen = [...page1.body.calls, ...page2.body.calls].map((c: { id: string }) => c.id);
    expect(new Set(seen).size).toBe(4);
  });

  it('answers every call route as its declaration says, valid and invalid', async () => {
    const { routes } = routeTable('order-intake', orderIntakeRoutes({} as never, {} as never));
    const calls: [Parameters<typeof callRoute>[2], number][] = [
      [{ method: 'POST', path: '/calls', token: operator, body: aCall({ company: { cvr: DRAGØR_CVR } }) }, 201],
      [{ method: 'POST', path: '/calls', token: operator, body: aCall({ company: { cvr: 'x' } }) }, 400],
      [{ method: 'POST', path: '/calls', token: tårnby, body: aCall() }, 403],
      [{ method: 'GET', path: '/calls?limit=3&outcome=order-created', token: operator }, 200],
      [{ method: 'GET', path: '/calls?limit=-1', token: operator }, 400],
      [{ method: 'GET', path: `/calls/${firstCall.id}`, token: operator }, 200],
      [{ method: 'GET', path: `/calls/${firstCall.id}`, token: københavn }, 404],
      [{ method: 'POST', path: '/webhooks/telephony/calls', body: { callId: 'pbx-0', receivedAt: new Date().toISOString() } }, 401],
      // Unsigned: refused before the body is read, so no field is named.
      [{ method: 'POST', path: '/webhooks/telephony/calls', body: { callId: 'pbx-0' } }, 401],
      [{ method: 'POST', path: `/calls/${firstCall.id}/resolution`, token: operator, body: { order: job } }, 409],
      [{ method: 'POST', path: `/calls/${firstCall.id}/resolution`, token: operator, body: { order: 1 } }, 400],
    ];
    for (const [call, status] of calls) {
      const answer = await callRoute(intake.url, routes, call);
      expect([call.method, call.path, answer.status, answer.problems]).toEqual([call.method, call.path, status, []]);
    }
  });

  describe('telephony webhook', () => {
    const seconds = () => String(Math.floor(Date.now() / 1000));
    const sign = (timestamp: string, nonce: string, body: string, secret = SECRET) =>
      `sha256=${createHmac('sha256', secret).update(`${timestamp}.${nonce}.${body}`).digest('hex')}`;
    const send = (body: string, headers: Record<string, string>) =>
      request(intake.url).post('/webhooks/telephony/calls').set('content-type', 'application/json').set(headers).send(body);
    const signed = (payload: object, over: { timestamp?: string; nonce?: string; secret?: string; body?: string } = {}) => {
      const body = over.body ?? JSON.stringify(payload);
      const timestamp = over.timestamp ?? seconds();
      const nonce = over.nonce ?? randomUUID();
      return {
        body,
        headers: {
          'x-rs-timestamp': timestamp,
          'x-rs-nonce': nonce,
          'x-rs-signature': sign(timestamp, nonce, JSON.stringify(payload), over.secret),
        },
      };
    };
    const event = (callId: string) => ({
      callId,
      receivedAt: new Date().toISOString(),
      callerPhone: '+45 32 00 00 00',
      cvr: DRAGØR_CVR,
      need: 'new-order',
    });

    it('creates a call routed to the lead of the CVR the caller keyed in, with a reference; the same call id twice is one call', async () => {
      const first = signed(event('pbx-1'));
      const res = await send(first.body, first.headers).expect(201);
      expect(res.body).toMatchObject({
        source: 'telephony',
        recordedBy: 'telephony',
        telephonyCallId: 'pbx-1',
        routedTo: 185,
        outcome: 'logged',
      });
      expect(res.body.reference).toMatch(REFERENCE);
      const again = signed(event('pbx-1'));
      const second = await send(again.body, again.headers).expect(201);
      expect([second.body.id, second.body.reference, second.headers['idempotency-replayed']]).toEqual([
        res.body.id,
        res.body.reference,
        'true',
      ]);
      expect((await get('/calls?source=telephony', operator).expect(200)).body.calls).toHaveLength(1);
    });

    it('lets the operator complete a logged telephony call as an order for the lead, once', async () => {
      const logged = (await get('/calls?source=telephony', operator).expect(200)).body.calls[0] as { id: string; outcome: string };
      expect(logged.outcome).toBe('logged');
      const path = `/calls/${logged.id}/resolution`;
      await post(path, tårnby, { order: job }).expect(403);
      await post('/calls/no-such-call/resolution', operator, { order: job }).expect(404);
      expect(fields(await post(path, operator, {}).expect(400))).toEqual(['body.order']);
      expect(fields(await post(path, operator, { order: job, salary: 1 }).expect(400))).toEqual(['body.salary']);
      expect(fields(await post(path, operator, { order: { ...job, positions: { $gt: 0 } } }).expect(400))).toEqual([
        'body.order.positions',
      ]);
      const resolved = await post(path, operator, { order: job }).expect(200);
      expect(resolved.body).toMatchObject({ id: logged.id, outcome: 'order-created', routedTo: 185, resolvedBy: 'operator-1' });
      expect(resolved.body.resolutionHash).toBeUndefined();
      const order = await get(`/orders/${resolved.body.orderId}`, tårnby).expect(200);
      expect(order.body).toMatchObject({ leadJobcentre: 185, channel: 'phone-line', company: { id: DRAGØR_CVR } });
      const again = await post(path, operator, { order: job }).expect(200);
      expect([again.body.orderId, again.body.reference]).toEqual([resolved.body.orderId, resolved.body.reference]);
      await post(path, operator, { orderId: firstCall.orderId }).expect(409);
    });

    it('refuses a replayed nonce, a stale or future timestamp, a wrong secret, a changed body and a missing signature', async () => {
      const once = signed(event('pbx-2'));
      await send(once.body, once.headers).expect(201);
      // The same call again answers as stored; its nonce with another call is a replay.
      await send(once.body, once.headers).expect(201);
      const other = signed(event('pbx-2b'), { nonce: once.headers['x-rs-nonce'] });
      const replay = await send(other.body, other.headers).expect(409);
      expect(replay.body.type).toBe('urn:rs:problem:replayed');
      const stale = signed(event('pbx-3'), { timestamp: String(Math.floor(Date.now() / 1000) - 120) });
      expect((await send(stale.body, stale.headers).expect(401)).body.detail_da).toBeDefined();
      const future = signed(event('pbx-3'), { timestamp: String(Math.floor(Date.now() / 1000) + 120) });
      await send(future.body, future.headers).expect(401);
      const wrongSecret = signed(event('pbx-3'), { secret: 'another-secret-that-is-at-least-32-chars' });
      await send(wrongSecret.body, wrongSecret.headers).expect(401);
      const tampered = signed(event('pbx-3'), { body: JSON.stringify({ ...event('pbx-3'), cvr: '12345682' }) });
      await send(tampered.body, tampered.headers).expect(401);
      await send(JSON.stringify(event('pbx-3')), {}).expect(401);
      const shortNonce = signed(event('pbx-3'), { nonce: 'abc' });
      await send(shortNonce.body, shortNonce.headers).expect(401);
      // A bearer token is no credential here.
      await request(intake.url).post('/webhooks/telephony/calls').set('authorization', `Bearer ${admin}`).send(event('pbx-3')).expect(401);
      expect((await get('/calls?source=telephony', operator).expect(200)).body.calls).toHaveLength(2);
    });

    it('refuses bad bodies: a bad CVR, operators, unknown fields, wrong types', async () => {
      for (const [payload, field] of [
        [{ ...event('pbx-4'), cvr: '24256791' }, 'body.cvr'],
        [{ ...event('pbx-4'), callId: { $ne: '' } }, 'body.callId'],
        [{ ...event('pbx-4'), extension: 12 }, 'body.extension'],
        [{ ...event('pbx-4'), receivedAt: 17 }, 'body.receivedAt'],
      ] as const) {
        const req = signed(payload);
        const res = await send(req.body, req.headers).expect(400);
        expect(fields(res)).toEqual([field]);
      }
    });
  });
});
