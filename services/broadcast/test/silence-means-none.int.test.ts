import { EXCHANGES } from '@rs/contracts';
import { cooperation } from '@rs/reference-data';
import { type RunningService, type TestPlatform, testPlatform, tokenFor, waitFor, type Watch } from '@rs/testkit';
import request from 'supertest';

/**
 * R6's "unless agreed otherwise": a company whose recruitment agreement says jobcentres without
 * qualified candidates need not reply. Its order (registered by company id) carries the term on
 * order.registered; at the round's deadline broadcast records each silent recipient as "none",
 * in time, and nobody is overdue — while an order of a company without the term gets every
 * silent recipient overdue. Real order-intake and broadcast processes, a 3-second window.
 */
const TÅRNBY = 185;
const recipients = cooperation('HRS')!.members.filter((m) => m !== TÅRNBY);
const operator = tokenFor({ role: 'phone-line', sub: 'operator-1' });
const tårnby = tokenFor({ role: 'jobcentre', sub: 'consultant-185', jobcentre: TÅRNBY });

describe('a company that agreed silence means "no qualified candidates"', () => {
  let platform: TestPlatform;
  let intake: RunningService;
  let events: Watch;

  beforeAll(async () => {
    platform = await testPlatform();
    await platform.start('broadcast', { REPLY_WINDOW_SECONDS: '3', REPLY_WINDOW_MODE: 'clock', REMINDER_OFFSETS_SECONDS: 'none' });
    intake = await platform.start('order-intake');
    // Bound once the services declared the exchanges, before the first order.
    events = await platform.bus.watch(EXCHANGES.events, ['round.*', 'order.registered']);
  }, 60_000);
  afterAll(() => platform.dispose());

  const company = (cvr: string, name: string) => ({
    cvr,
    name,
    address: { street: 'Kastrup Lufthavnsvej 1', postalCode: '2770', city: 'Kastrup' },
    municipality: TÅRNBY,
  });
  const post = (path: string, token: string, body: object) =>
    request(intake.url).post(path).set('authorization', `Bearer ${token}`).send(body);

  it('records every silent recipient as "none" at the deadline for its orders, and overdue for others', async () => {
    await post('/companies', operator, company('24256790', 'Lufthavnens Catering')).expect(201);
    await post('/companies', operator, company('10103940', 'Kastrup Rengøring')).expect(201);
    const agreement = await post('/companies/24256790/agreements', tårnby, {
      period: { from: '2026-01-01' },
      expectedHires: 20,
      terms: { silenceMeansNone: true, other: 'Kun jobcentre med kandidater svarer' },
    }).expect(201);
    expect(agreement.body.terms.silenceMeansNone).toBe(true);

    const order = { title: 'Kok', occupation: '5120', positions: 2, broadcast: { scope: 'cooperation' } };
    const agreed = (await post('/orders', operator, { companyId: '24256790', ...order }).expect(201)).body;
    const plain = (await post('/orders', operator, { companyId: '10103940', ...order }).expect(201)).body;
    expect([agreed.leadJobcentre, plain.leadJobcentre]).toEqual([TÅRNBY, TÅRNBY]);
    expect(agreed.company).toMatchObject({ id: '24256790', cvr: '24256790' });
    const registered = (id: string) =>
      events.data<{ orderId: string; silenceMeansNone?: boolean }>('order.registered').find((d) => d.orderId === id);
    await waitFor(() => registered(agreed.id) && registered(plain.id), { what: 'both orders registered' });
    expect(registered(agreed.id)?.silenceMeansNone).toBe(true);
    expect(registered(plain.id)?.silenceMeansNone).toBeUndefined();

    const completed = (orderId: string) =>
      events.data<{ orderId: string; overdue: number[]; replied: number[] }>('round.completed').find((d) => d.orderId === orderId);
    await waitFor(() => completed(agreed.id) && completed(plain.id), {
      timeoutMs: 30_000,
      what: 'both rounds to complete at their deadline',
    });

    const ofOrder = <T extends { orderId: string }>(name: string, orderId: string) =>
      events.data<T>(name).filter((d) => d.orderId === orderId);
    expect(completed(agreed.id)).toMatchObject({ overdue: [], replied: recipients });
    expect(ofOrder('round.recipient-overdue', agreed.id)).toEqual([]);
    const nones = ofOrder<{ orderId: string; recipient: number; answer: string; late: boolean }>('round.reply-recorded', agreed.id);
    expect(nones.map((r) => r.recipient).sort((a, b) => a - b)).toEqual(recipients);
    expect(nones.every((r) => r.answer === 'none' && !r.late)).toBe(true);

    expect(completed(plain.id)).toMatchObject({ overdue: recipients, replied: [] });
    expect(ofOrder('round.reply-recorded', plain.id)).toEqual([]);

    // R7 in order-intake: everyone has answered the agreed order's round; the other one's has not.
    const view = async (id: string) =>
      (await request(intake.url).get(`/orders/${id}`).set('authorization', `Bearer ${operator}`).expect(200)).body;
    await waitFor(async () => (await view(agreed.id)).everyJobcentreSearched === true, { what: 'order-intake to see everyone searched' });
    expect((await view(plain.id)).everyJobcentreSearched).toBe(false);
  }, 60_000);
});
