import { EXCHANGES } from '@rs/contracts';
import { anOrder, jobcentreToken, type RunningService, type TestPlatform, testPlatform, tokenFor, waitFor, type Watch } from '@rs/testkit';
import request from 'supertest';

/**
 * Order-intake on its own (a real process on real servers): an order registered over HTTP is
 * stored with its order.registered, which reaches every queue bound to it; the lead alone may
 * close it or record hires (others get 404, broken rules 409); a jobcentre sees only its orders.
 */
const LEAD = 101;
const OTHER = 147;
const lead = jobcentreToken(LEAD);
const other = jobcentreToken(OTHER);

describe('order-intake', () => {
  let platform: TestPlatform;
  let intake: RunningService;
  let events: Watch;

  beforeAll(async () => {
    platform = await testPlatform();
    intake = await platform.start('order-intake');
    // Bound before the first order, as broadcast's and matching's queues are.
    events = await platform.bus.watch(EXCHANGES.events, ['order.*']);
  }, 60_000);
  afterAll(() => platform.dispose());

  const register = async (token: string, body = anOrder()) =>
    (await request(intake.url).post('/orders').set('authorization', `Bearer ${token}`).send(body).expect(201)).body as {
      id: string;
      leadJobcentre: number;
    };
  const post = (path: string, token: string, body: object) =>
    request(intake.url).post(path).set('authorization', `Bearer ${token}`).send(body);

  it('registers an order and publishes order.registered once, to every bound queue', async () => {
    const res = await post('/orders', lead, anOrder({ broadcast: { scope: 'cooperation' } })).expect(201);
    expect(res.headers.location).toBe(`/orders/${res.body.id}`);
    expect(res.body).toMatchObject({ leadJobcentre: LEAD, cooperation: 'HRS', status: 'registered', channel: 'jobcentre' });
    const registered = await waitFor(() => events.data<{ orderId: string }>('order.registered').find((d) => d.orderId === res.body.id), {
      what: 'order.registered on the bound queue',
    });
    expect(registered).toMatchObject({ leadJobcentre: LEAD, cooperation: 'HRS', broadcast: { scope: 'cooperation' } });
    expect(registered).toMatchObject({
      order: { title: 'Chauffør', occupation: '8332', municipality: LEAD, companyName: 'Vognmand Hansen' },
    });
  });

  it('shows a jobcentre only the orders it leads; the cooperation’s secretariat sees them all', async () => {
    const own = await register(lead);
    const theirs = await register(other, anOrder({ company: { name: 'Bageriet', municipality: OTHER } }));
    const list = async (token: string) =>
      ((await request(intake.url).get('/orders').set('authorization', `Bearer ${token}`).expect(200)).body.orders as { id: string }[]).map(
        (o) => o.id,
      );
    expect(await list(lead)).toContain(own.id);
    expect(await list(lead)).not.toContain(theirs.id);
    expect(await list(other)).toEqual([theirs.id]);
    await request(intake.url).get(`/orders/${own.id}`).set('authorization', `Bearer ${other}`).expect(404);
    await request(intake.url).get(`/orders/${own.id}`).set('authorization', `Bearer ${lead}`).expect(200);
    const secretariat = tokenFor({ role: 'secretariat', sub: 'secretariat-hrs', cooperation: 'HRS' });
    expect(await list(secretariat)).toEqual(expect.arrayContaining([own.id, theirs.id]));
    await request(intake.url).get(`/orders/${own.id}`).expect(401);
  });

  it('lets only the lead close: 404 for another jobcentre, 409 for unfilled before R7 and for a second close', async () => {
    const { id } = await register(lead);
    await post(`/orders/${id}/close`, other, { outcome: 'filled' }).expect(404);
    await post('/orders/no-such-order/close', lead, { outcome: 'filled' }).expect(404);
    const early = await post(`/orders/${id}/close`, lead, { outcome: 'unfilled' }).expect(409);
    expect(early.body.detail).toMatch(/R7/);
    const bad = await post(`/orders/${id}/close`, lead, { outcome: 'maybe' }).expect(400);
    expect(bad.body.detail).toMatch(/outcome/);
    const closed = await post(`/orders/${id}/close`, lead, { outcome: 'cancelled' }).expect(200);
    expect(closed.body.status).toBe('cancelled');
    await post(`/orders/${id}/close`, lead, { outcome: 'filled' }).expect(409);
    const event = await waitFor(() => events.data<{ orderId: string }>('order.closed').find((d) => d.orderId === id), {
      what: 'order.closed',
    });
    expect(event).toMatchObject({ leadJobcentre: LEAD, outcome: 'cancelled' });
  });

  it('records a hire once, refuses it beyond the positions or on a closed order (409), and to others (404)', async () => {
    const { id } = await register(lead);
    const hire = { jobcentre: OTHER, candidateRef: 'c-147-1', startDate: '2027-01-04', weeklyHours: 37 };
    await post(`/orders/${id}/hires`, other, hire).expect(404);
    const first = await post(`/orders/${id}/hires`, lead, hire).expect(201);
    expect(first.body.hires).toEqual([expect.objectContaining(hire)]);
    // The same hire again is a retried request: nothing new.
    await post(`/orders/${id}/hires`, lead, hire).expect(200);
    const full = await post(`/orders/${id}/hires`, lead, { ...hire, candidateRef: 'c-147-2' }).expect(409);
    expect(full.body.detail).toMatch(/positions/);
    await post(`/orders/${id}/hires`, lead, { ...hire, jobcentre: 99 }).expect(400);
    await waitFor(() => events.data<{ orderId: string }>('order.candidate-hired').filter((d) => d.orderId === id).length === 1, {
      what: 'order.candidate-hired',
    });

    const other2 = await register(lead, anOrder({ positions: 3 }));
    await post(`/orders/${other2.id}/close`, lead, { outcome: 'filled' }).expect(200);
    await post(`/orders/${other2.id}/hires`, lead, hire).expect(409);
    expect(events.data<{ orderId: string }>('order.candidate-hired').filter((d) => d.orderId === id)).toHaveLength(1);
  });
});
