import { callRoute, jobcentreToken, type RunningService, routeTable, type TestPlatform, testPlatform, tokenFor } from '@rs/testkit';
import request from 'supertest';
import { orderIntakeRoutes } from '../src/adapters/http/routes';

/**
 * PATCH /companies/:id on a real order-intake: a partial change of a company's data, never
 * half-applied, each change a line of its history; a new lead with its reason: the next order
 * goes to it, an order registered before keeps its lead; who may; bad input naming the field.
 */
const operator = tokenFor({ role: 'phone-line', sub: 'operator-1' });
const admin = tokenFor({ role: 'admin', sub: 'admin-1' });
const tårnby = jobcentreToken(185);
const københavn = jobcentreToken(101);
const hrs = tokenFor({ role: 'secretariat', sub: 'secretariat-hrs', cooperation: 'HRS' });

// Valid CVR numbers (modulus 11).
const CVR = '31000009';
const OTHER_CVR = '31000017';

const aCompany = (cvr: string) => ({
  cvr,
  name: 'Dragør Bådebyggeri ApS',
  address: { street: 'Havnen 3', postalCode: '2791', city: 'Dragør' },
  municipality: 155,
  contacts: [{ name: 'Mette Holm', phone: '+45 32 00 00 00' }],
});

describe('changing a company (PATCH /companies/:id)', () => {
  let platform: TestPlatform;
  let intake: RunningService;

  beforeAll(async () => {
    platform = await testPlatform();
    intake = await platform.start('order-intake');
    for (const cvr of [CVR, OTHER_CVR]) {
      await request(intake.url).post('/companies').set('authorization', `Bearer ${operator}`).send(aCompany(cvr)).expect(201);
    }
  }, 60_000);
  afterAll(() => platform.dispose());

  const patch = (id: string, token: string, body: unknown) =>
    request(intake.url)
      .patch(`/companies/${id}`)
      .set('authorization', `Bearer ${token}`)
      .send(body as object);
  const get = (id: string, token = admin) => request(intake.url).get(`/companies/${id}`).set('authorization', `Bearer ${token}`);
  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

  it('changes only the fields named, records who changed which, and a repeat adds no line', async () => {
    const contacts = [
      { name: 'Mette Holm', phone: '+45 32 00 00 00' },
      { name: 'Ole Berg', email: 'ole@example.dk' },
    ];
    const changed = await patch(CVR, operator, { contacts, name: 'Dragør Bådebyggeri A/S' }).expect(200);
    expect(changed.body).toMatchObject({ name: 'Dragør Bådebyggeri A/S', contacts, leadJobcentre: 185, address: { city: 'Dragør' } });
    expect(changed.body.history).toEqual([{ at: expect.any(String), by: 'operator-1', kind: 'amended', fields: ['name', 'contacts'] }]);
    await patch(CVR, operator, { contacts, name: 'Dragør Bådebyggeri A/S' }).expect(200);
    expect((await get(CVR).expect(200)).body.history).toHaveLength(1);
    // Found by its new name.
    const found = await request(intake.url).get('/companies?name=dragør båd').set('authorization', `Bearer ${operator}`).expect(200);
    expect(found.body.companies.map((c: { name: string }) => c.name)).toContain('Dragør Bådebyggeri A/S');
  });

  it('refuses bad input naming the field, and applies nothing of a refused change', async () => {
    const before = (await get(OTHER_CVR).expect(200)).body;
    expect(fields(await patch(OTHER_CVR, operator, { name: 'Ny', cvr: '24256790' }).expect(400))).toEqual(['body.cvr']);
    expect(fields(await patch(OTHER_CVR, operator, { name: { $ne: null } }).expect(400))).toEqual(['body.name']);
    expect(
      fields(await patch(OTHER_CVR, operator, { name: 'Ny', address: { street: 'X', postalCode: '279', city: 'Y' } }).expect(400)),
    ).toEqual(['body.address.postalCode']);
    expect(fields(await patch(OTHER_CVR, operator, { name: 'Ny', municipality: 998 }).expect(400))).toEqual(['body.municipality']);
    expect(fields(await patch(OTHER_CVR, operator, { name: 'Ny', lead: { jobcentre: 101 } }).expect(400))).toEqual(['body.lead.reason']);
    expect(fields(await patch(OTHER_CVR, operator, { name: 'Ny', lead: { jobcentre: 155, reason: 'x' } }).expect(400))).toEqual([
      'body.lead.jobcentre',
    ]);
    await patch(OTHER_CVR, operator, {}).expect(400);
    await patch(OTHER_CVR, operator, { name: 'x'.repeat(1_000_000) }).expect(413);
    expect((await get(OTHER_CVR).expect(200)).body).toEqual(before);
  });

  it('who: the phone line, the lead and admins; the secretariat is refused; another jobcentre finds no company', async () => {
    await patch(OTHER_CVR, hrs, { name: 'Sekretariatet' }).expect(403);
    await patch(OTHER_CVR, københavn, { name: 'København' }).expect(404);
    await patch('31000025', operator, { name: 'Findes ikke' }).expect(404);
    const byLead = await patch(OTHER_CVR, tårnby, { address: { street: 'Havnen 5', postalCode: '2791', city: 'Dragør' } }).expect(200);
    expect(byLead.body.history.at(-1)).toMatchObject({ by: 'consultant-185', kind: 'amended', fields: ['address'] });
  });

  it('a new lead with its reason: the next order goes to it, the open order keeps its lead until handed over', async () => {
    const order = { companyId: CVR, title: 'Bådebygger', occupation: '7115', positions: 1 };
    const before = await request(intake.url).post('/orders').set('authorization', `Bearer ${operator}`).send(order).expect(201);
    expect(before.body.leadJobcentre).toBe(185);

    const moved = await patch(CVR, tårnby, { lead: { jobcentre: 101, reason: 'Virksomheden ønsker København som tovholder' } }).expect(200);
    expect(moved.body).toMatchObject({ leadJobcentre: 101, leadChosen: true, cooperation: 'HRS' });
    expect(moved.body.history.at(-1)).toEqual({
      at: expect.any(String),
      by: 'consultant-185',
      kind: 'lead-changed',
      from: 185,
      to: 101,
      reason: 'Virksomheden ønsker København som tovholder',
    });
    // The company is now København's: Tårnby no longer sees it.
    await get(CVR, tårnby).expect(404);
    await get(CVR, københavn).expect(200);

    const after = await request(intake.url).post('/orders').set('authorization', `Bearer ${operator}`).send(order).expect(201);
    expect(after.body.leadJobcentre).toBe(101);
    const open = await request(intake.url).get(`/orders/${before.body.id}`).set('authorization', `Bearer ${tårnby}`).expect(200);
    expect(open.body.leadJobcentre).toBe(185);
  });

  it('answers PATCH /companies/:id as its declaration says, valid and invalid', async () => {
    const { routes } = routeTable('order-intake', orderIntakeRoutes({} as never, {} as never));
    for (const [call, status] of [
      [{ method: 'PATCH', path: `/companies/${OTHER_CVR}`, token: admin, body: { name: 'Dragør Både ApS' } }, 200],
      [{ method: 'PATCH', path: `/companies/${OTHER_CVR}`, token: admin, body: { name: 5 } }, 400],
      [{ method: 'PATCH', path: '/companies/not-a-cvr', token: admin, body: { name: 'X' } }, 400],
    ] as const) {
      const answer = await callRoute(intake.url, routes, call);
      expect([call.path, answer.status, answer.problems]).toEqual([call.path, status, []]);
    }
  });
});
