import { EXCHANGES } from '@rs/contracts';
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
import { orderIntakeRoutes } from '../src/adapters/http/routes';

/**
 * Companies and their agreements over HTTP on a real order-intake: R1 (the lead is the company's,
 * Dragør → Tårnby, Ishøj → Vallensbæk), the CVR check, search by CVR and by Danish name prefix,
 * who sees what, bad input of every kind, Idempotency-Key, and orders by companyId taking their
 * lead and agreed terms from the company.
 */
const operator = tokenFor({ role: 'phone-line', sub: 'operator-1' });
const admin = tokenFor({ role: 'admin', sub: 'admin-1' });
const tårnby = jobcentreToken(185);
const vallensbæk = jobcentreToken(187);
const københavn = jobcentreToken(101);
const hrs = tokenFor({ role: 'secretariat', sub: 'secretariat-hrs', cooperation: 'HRS' });
const jrs = tokenFor({ role: 'secretariat', sub: 'secretariat-jrs', cooperation: 'JRS' });
const onboarding = tokenFor({ role: 'onboarding', sub: 'onboarding-hrs', cooperation: 'HRS' });

// Valid CVR numbers (modulus 11).
const DRAGØR_CVR = '24256790';
const ISHØJ_CVR = '10103940';
const CHOSEN_CVR = '25313763';
const NAMES_CVR = ['29403473', '61126228', '30808460'];

const aCompany = (over: Record<string, unknown> = {}) => ({
  cvr: DRAGØR_CVR,
  name: 'ÆBLEGÅRDEN Dragør ApS',
  address: { street: 'Kongevejen 1', postalCode: '2791', city: 'Dragør' },
  municipality: 155,
  contacts: [{ name: 'Mette Holm', role: 'HR', phone: '+45 32 00 00 00', email: 'mette@example.dk' }],
  ...over,
});

describe('companies', () => {
  let platform: TestPlatform;
  let intake: RunningService;
  let events: Watch;

  beforeAll(async () => {
    platform = await testPlatform();
    intake = await platform.start('order-intake');
    events = await platform.bus.watch(EXCHANGES.events, ['order.registered']);
  }, 60_000);
  afterAll(() => platform.dispose());

  const post = (path: string, token: string, body: unknown, key?: string) => {
    const r = request(intake.url).post(path).set('authorization', `Bearer ${token}`);
    if (key) r.set('idempotency-key', key);
    return r.send(body as object);
  };
  const get = (path: string, token: string) => request(intake.url).get(path).set('authorization', `Bearer ${token}`);
  const fields = (res: { body: { errors?: { field: string }[] } }) => (res.body.errors ?? []).map((e) => e.field);

  it('gives a Dragør company Tårnby and an Ishøj company Vallensbæk as lead (R1), or the jobcentre it chose', async () => {
    const dragør = await post('/companies', operator, aCompany()).expect(201);
    expect(dragør.headers.location).toBe(`/companies/${DRAGØR_CVR}`);
    expect(dragør.body).toMatchObject({ id: DRAGØR_CVR, leadJobcentre: 185, leadChosen: false, cooperation: 'HRS', municipality: 155 });
    const ishøj = await post('/companies', operator, aCompany({ cvr: ISHØJ_CVR, name: 'Ishøj Is', municipality: 183 })).expect(201);
    expect(ishøj.body).toMatchObject({ leadJobcentre: 187, leadChosen: false });
    const chosen = await post('/companies', operator, aCompany({ cvr: CHOSEN_CVR, name: 'Øresund Logistik', leadJobcentre: 101 })).expect(
      201,
    );
    expect(chosen.body).toMatchObject({ leadJobcentre: 101, leadChosen: true });
    // A workplace (P-number) of a company is a company of its own, under the same CVR.
    const unit = await post('/companies', operator, aCompany({ pNumber: '1003388394', name: 'Æblegården Kastrup' })).expect(201);
    expect(unit.body.id).toBe(`${DRAGØR_CVR}-1003388394`);
    // 155 Dragør is a municipality, not a jobcentre.
    const notJobcentre = await post('/companies', operator, aCompany({ cvr: '29403473', leadJobcentre: 155 })).expect(400);
    expect(fields(notJobcentre)).toEqual(['body.leadJobcentre']);
  });

  it('registers the same company once: a retry answers it (200), another company under its CVR is a conflict (409)', async () => {
    await post('/companies', operator, aCompany()).expect(200);
    const other = await post('/companies', operator, aCompany({ name: 'Et andet firma' })).expect(409);
    expect(other.body).toMatchObject({ type: 'urn:rs:problem:conflict', detail_da: expect.stringMatching(/CVR/) });
    const keyed = aCompany({ cvr: NAMES_CVR[0], name: 'Ærø Færgeri', municipality: 101 });
    const first = await post('/companies', operator, keyed, 'company-key-1').expect(201);
    const again = await post('/companies', operator, keyed, 'company-key-1').expect(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    await post('/companies', operator, { ...keyed, name: 'Ærø Færger' }, 'company-key-1').expect(422);
  });

  it('refuses a bad CVR, operators, unknown fields, wrong types and a 1 MB body, naming the field', async () => {
    const badCheck = await post('/companies', operator, aCompany({ cvr: '24256791' })).expect(400);
    expect(fields(badCheck)).toEqual(['body.cvr']);
    expect(badCheck.body.errors[0].message).toMatch(/modulus-11/);
    expect(fields(await post('/companies', operator, aCompany({ cvr: '2425679' })).expect(400))).toEqual(['body.cvr']);
    expect(fields(await post('/companies', operator, aCompany({ cvr: { $ne: '' } })).expect(400))).toEqual(['body.cvr']);
    expect(fields(await post('/companies', operator, aCompany({ name: { $gt: '' } })).expect(400))).toEqual(['body.name']);
    expect(fields(await post('/companies', operator, aCompany({ owner: 'x' })).expect(400))).toEqual(['body.owner']);
    expect(fields(await post('/companies', operator, aCompany({ municipality: '155' })).expect(400))).toEqual(['body.municipality']);
    expect(fields(await post('/companies', operator, aCompany({ pNumber: '12' })).expect(400))).toEqual(['body.pNumber']);
    const badAddress = await post('/companies', operator, aCompany({ address: { street: 'x', postalCode: '279', city: 'y' } })).expect(400);
    expect(fields(badAddress)).toEqual(['body.address.postalCode']);
    expect(fields(await post('/companies', operator, aCompany({ contacts: [{ name: 'A', email: 'no' }] })).expect(400))).toEqual([
      'body.contacts.0.email',
    ]);
    const big = await post('/companies', operator, aCompany({ name: 'x'.repeat(1024 * 1024) })).expect(413);
    expect(big.body.type).toBe('urn:rs:problem:payload-too-large');
    await request(intake.url).post('/companies').send(aCompany()).expect(401);
    const unknownMunicipality = await post('/companies', operator, aCompany({ municipality: 999 })).expect(400);
    expect(fields(unknownMunicipality)).toEqual(['body.municipality']);
  });

  it('lets the phone line, jobcentres (as lead) and admins register; not a secretariat or the onboarding consultant', async () => {
    await post('/companies', hrs, aCompany({ cvr: NAMES_CVR[1] })).expect(403);
    await post('/companies', onboarding, aCompany({ cvr: NAMES_CVR[1] })).expect(403);
    const byJobcentre = await post(
      '/companies',
      vallensbæk,
      aCompany({ cvr: NAMES_CVR[1], name: 'Vallensbæk VVS', municipality: 187 }),
    ).expect(201);
    expect(byJobcentre.body.leadJobcentre).toBe(187);
    const asOther = await post('/companies', vallensbæk, aCompany({ cvr: NAMES_CVR[2], leadJobcentre: 101 })).expect(403);
    expect(asOther.body.detail_da).toBeDefined();
    await post('/companies', admin, aCompany({ cvr: NAMES_CVR[2], name: 'Åens Bådebyggeri', municipality: 147 })).expect(201);
  });

  it("shows a company to its lead, its cooperation's secretariat, the phone line and admins; to another jobcentre it is not there", async () => {
    await get(`/companies/${DRAGØR_CVR}`, tårnby).expect(200);
    await get(`/companies/${DRAGØR_CVR}`, hrs).expect(200);
    await get(`/companies/${DRAGØR_CVR}`, admin).expect(200);
    await get(`/companies/${DRAGØR_CVR}`, københavn).expect(404);
    await get(`/companies/${DRAGØR_CVR}`, jrs).expect(404);
    await get(`/companies/${DRAGØR_CVR}`, onboarding).expect(404);
    await get('/companies/24256791x', operator).expect(400);
    const ids = async (path: string, token: string) =>
      ((await get(path, token).expect(200)).body.companies as { id: string }[]).map((c) => c.id);
    expect(await ids('/companies', tårnby)).toEqual([DRAGØR_CVR, `${DRAGØR_CVR}-1003388394`]);
    expect(await ids('/companies?lead=101', tårnby)).toEqual([]);
    expect(await ids('/companies', onboarding)).toEqual([]);
    expect(await ids('/companies', jrs)).toEqual([]);
    expect((await ids('/companies', hrs)).length).toBeGreaterThanOrEqual(5);
  });

  it('finds companies by CVR and by the start of the name, Danish letters in any case, escaped, a page at a time', async () => {
    const names = async (path: string) => ((await get(path, operator).expect(200)).body.companies as { name: string }[]).map((c) => c.name);
    expect(await names(`/companies?cvr=${DRAGØR_CVR}`)).toEqual(['ÆBLEGÅRDEN Dragør ApS', 'Æblegården Kastrup']);
    expect(await names('/companies?name=æblegården%20d')).toEqual(['ÆBLEGÅRDEN Dragør ApS']);
    expect(await names(`/companies?name=${encodeURIComponent('ÆBLE')}`)).toHaveLength(2);
    expect(await names(`/companies?name=${encodeURIComponent('ærø')}`)).toEqual(['Ærø Færgeri']);
    expect(await names(`/companies?name=${encodeURIComponent('åens')}`)).toEqual(['Åens Bådebyggeri']);
    expect(await names(`/companies?name=${encodeURIComponent('Ø')}`)).toEqual(['Øresund Logistik']);
    // A regex or operator typed as a name is only text.
    expect(await names(`/companies?name=${encodeURIComponent('.*')}`)).toEqual([]);
    expect(await names(`/companies?name=${encodeURIComponent('$ne')}`)).toEqual([]);
    expect(await names(`/companies?name=${encodeURIComponent('^Æ')}`)).toEqual([]);
    await get('/companies?cvr=24256791', operator).expect(400);
    await get('/companies?limit=0x10', operator).expect(400);
    const first = await get('/companies?limit=2', operator).expect(200);
    expect(first.body.companies).toHaveLength(2);
    const second = await get(first.body.next, operator).expect(200);
    const seen = [...first.body.companies, ...second.body.companies].map((c: { id: string }) => c.id);
    expect(new Set(seen).size).toBe(seen.length);
    await get('/companies?cursor=bm90LWEtY3Vyc29y', operator).expect(400);
  });

  it("keeps recruitment agreements by the company's lead; other jobcentres and the phone line may not make them", async () => {
    const body = {
      period: { from: '2026-01-01', to: '2027-12-31' },
      expectedHires: 12,
      terms: { silenceMeansNone: true, other: 'Ring før kl. 15' },
    };
    await post(`/companies/${DRAGØR_CVR}/agreements`, operator, body).expect(403);
    await post(`/companies/${DRAGØR_CVR}/agreements`, københavn, body).expect(404);
    const bad = await post(`/companies/${DRAGØR_CVR}/agreements`, tårnby, {
      ...body,
      period: { from: '2026-02-01', to: '2026-01-01' },
    }).expect(400);
    expect(fields(bad)).toEqual(['body.period.to']);
    expect(fields(await post(`/companies/${DRAGØR_CVR}/agreements`, tårnby, { ...body, expectedHires: '12' }).expect(400))).toEqual([
      'body.expectedHires',
    ]);
    expect(
      fields(await post(`/companies/${DRAGØR_CVR}/agreements`, tårnby, { ...body, terms: { silenceMeansNone: 'yes' } }).expect(400)),
    ).toEqual(['body.terms.silenceMeansNone']);
    const made = await post(`/companies/${DRAGØR_CVR}/agreements`, tårnby, body, 'agreement-1').expect(201);
    expect(made.body).toMatchObject({ companyId: DRAGØR_CVR, leadJobcentre: 185, expectedHires: 12, terms: { silenceMeansNone: true } });
    const again = await post(`/companies/${DRAGØR_CVR}/agreements`, tårnby, body, 'agreement-1').expect(201);
    expect(again.body.id).toBe(made.body.id);
    const listed = await get(`/companies/${DRAGØR_CVR}/agreements`, hrs).expect(200);
    expect(listed.body.agreements.map((a: { id: string }) => a.id)).toEqual([made.body.id]);
    await get(`/companies/${DRAGØR_CVR}/agreements`, københavn).expect(404);
  });

  it('keeps agreements with unemployment funds per cooperation, made by its secretariat', async () => {
    const body = {
      fund: '3F A-kasse',
      cooperation: 'HRS',
      period: { from: '2026-01-01' },
      contact: { name: 'Jens Berg', email: 'jb@example.dk' },
    };
    await post('/fund-agreements', tårnby, body).expect(403);
    await post('/fund-agreements', jrs, body).expect(403);
    expect(fields(await post('/fund-agreements', hrs, { ...body, cooperation: 'XYZ' }).expect(400))).toEqual(['body.cooperation']);
    expect(fields(await post('/fund-agreements', hrs, { ...body, fund: { $ne: null } }).expect(400))).toEqual(['body.fund']);
    const made = await post('/fund-agreements', hrs, body).expect(201);
    expect(made.body).toMatchObject({ fund: '3F A-kasse', cooperation: 'HRS', notes: '' });
    const list = async (token: string, q = '') =>
      ((await get(`/fund-agreements${q}`, token).expect(200)).body.agreements as unknown[]).length;
    expect(await list(hrs)).toBe(1);
    expect(await list(tårnby)).toBe(1);
    expect(await list(jrs)).toBe(0);
    expect(await list(jrs, '?cooperation=HRS')).toBe(0);
    expect(await list(admin, '?cooperation=HRS')).toBe(1);
  });

  it('registers an order by companyId with the company’s lead, data and agreed terms; the inline body still works', async () => {
    const order = { companyId: DRAGØR_CVR, title: 'Gartner', occupation: '6113', positions: 1 };
    const byOperator = await post('/orders', operator, order).expect(201);
    expect(byOperator.body).toMatchObject({
      leadJobcentre: 185,
      cooperation: 'HRS',
      channel: 'phone-line',
      company: { id: DRAGØR_CVR, cvr: DRAGØR_CVR, name: 'ÆBLEGÅRDEN Dragør ApS', municipality: 155 },
      order: { companyName: 'ÆBLEGÅRDEN Dragør ApS', municipality: 155 },
    });
    const byLead = await post('/orders', tårnby, order).expect(201);
    expect(byLead.body.leadJobcentre).toBe(185);
    const registered = await waitFor(
      () => events.data<{ orderId: string; silenceMeansNone?: boolean }>('order.registered').find((d) => d.orderId === byOperator.body.id),
      { what: 'order.registered' },
    );
    expect(registered.silenceMeansNone).toBe(true);
    // Another jobcentre does not see the company, so cannot order for it.
    const other = await post('/orders', københavn, order).expect(422);
    expect(fields(other)).toEqual(['body.companyId']);
    await post('/orders', operator, { ...order, companyId: '12345674' }).expect(422);
    const both = await post('/orders', operator, { ...order, company: { name: 'X', municipality: 101 } }).expect(400);
    expect(fields(both)).toEqual(['body.companyId']);
    expect(fields(await post('/orders', operator, { ...order, companyId: { $ne: '' } }).expect(400))).toEqual(['body.companyId']);
    const inline = await post('/orders', københavn, anOrder()).expect(201);
    expect(inline.body).toMatchObject({ leadJobcentre: 101, company: { name: 'Vognmand Hansen' } });
    const plain = await waitFor(
      () => events.data<{ orderId: string; silenceMeansNone?: boolean }>('order.registered').find((d) => d.orderId === inline.body.id),
      { what: 'order.registered of the inline order' },
    );
    expect(plain.silenceMeansNone).toBeUndefined();
  });
  it("takes a registered company's lead and terms when the inline company names its CVR; refuses several units, another lead's or a bad CVR naming the field", async () => {
    const inline = {
      title: 'Gartner',
      occupation: '6113',
      positions: 1,
      company: { name: 'Ishøj Is A/S', cvr: ISHØJ_CVR, municipality: 101 },
    };
    // Written out as if in København: the stored company (Ishøj, lead Vallensbæk) decides, not the text.
    const taken = await post('/orders', operator, inline).expect(201);
    expect(taken.body).toMatchObject({ leadJobcentre: 187, company: { id: ISHØJ_CVR, name: 'Ishøj Is', municipality: 183 } });
    const elsewhere = await post('/orders', københavn, inline).expect(409);
    expect(fields(elsewhere)).toEqual(['body.company.cvr']);
    expect(elsewhere.body).toMatchObject({
      type: 'urn:rs:problem:company-registered',
      detail: expect.stringMatching(/another lead jobcentre/),
      detail_da: expect.stringMatching(/andet ledende jobcenter/),
    });
    // Dragør is registered as two units (a P-number): which one is not guessed.
    const units = await post('/orders', operator, { ...inline, company: { ...inline.company, cvr: DRAGØR_CVR } }).expect(409);
    expect([fields(units), units.body.detail]).toEqual([['body.company.cvr'], expect.stringMatching(/several units: give companyId/)]);
    const typo = await post('/orders', københavn, { ...inline, company: { ...inline.company, cvr: '24256791' } }).expect(400);
    expect(fields(typo)).toEqual(['body.company.cvr']);
  });

  it('answers every company and agreement route as its declaration says, valid and invalid', async () => {
    const { routes } = routeTable('order-intake', orderIntakeRoutes({} as never, {} as never));
    const calls: [Parameters<typeof callRoute>[2], number][] = [
      [{ method: 'GET', path: '/companies?name=%C3%A6ble', token: operator }, 200],
      [{ method: 'GET', path: '/companies?municipality=1550', token: operator }, 400],
      [{ method: 'GET', path: `/companies/${DRAGØR_CVR}`, token: tårnby }, 200],
      [{ method: 'GET', path: `/companies/${DRAGØR_CVR}`, token: københavn }, 404],
      [{ method: 'POST', path: '/companies', token: operator, body: aCompany() }, 200],
      [{ method: 'POST', path: '/companies', token: operator, body: aCompany({ cvr: '11111111' }) }, 400],
      [{ method: 'GET', path: `/companies/${DRAGØR_CVR}/agreements`, token: tårnby }, 200],
      [
        {
          method: 'POST',
          path: `/companies/${DRAGØR_CVR}/agreements`,
          token: tårnby,
          body: { period: { from: '2026-01-01' }, expectedHires: 1 },
        },
        201,
      ],
      [
        {
          method: 'POST',
          path: `/companies/${DRAGØR_CVR}/agreements`,
          token: tårnby,
          body: { period: { from: 'soon' }, expectedHires: 1 },
        },
        400,
      ],
      [{ method: 'GET', path: '/fund-agreements?cooperation=HRS', token: admin }, 200],
      [{ method: 'GET', path: '/fund-agreements?cooperation=hrs', token: admin }, 400],
      [
        {
          method: 'POST',
          path: '/fund-agreements',
          token: hrs,
          body: { fund: 'FOA', cooperation: 'HRS', period: { from: '2026-01-01' }, contact: { name: 'K' } },
        },
        201,
      ],
      [{ method: 'POST', path: '/fund-agreements', token: hrs, body: { fund: 'FOA', cooperation: 'HRS' } }, 400],
    ];
    for (const [call, status] of calls) {
      const answer = await callRoute(intake.url, routes, call);
      expect([call.method, call.path, answer.status, answer.problems]).toEqual([call.method, call.path, status, []]);
    }
  });
});
