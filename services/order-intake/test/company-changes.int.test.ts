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
  const register = (cvr: string, token = operator, extra: object = {}) =>
    request(intake.url)
      .post('/companies')
      .set('authorization', `Bearer ${token}`)
      .send({ ...aCompany(cvr), ...extra });
  // Valid CVR numbers (modulus 11) after the two above, one per call.
  let serial = 3100010;
  const nextCvr = (): string => {
    for (;;) {
      const digits = String(serial++);
      const sum = [...digits].reduce((s, d, i) => s + Number(d) * ([2, 7, 6, 5, 4, 3, 2][i] ?? 0), 0);
      const check = (11 - (sum % 11)) % 11;
      if (check < 10) return `${digits}${check}`;
    }
  };

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

  it('gives each version an ETag; If-Match with an older one is refused with 412 and writes nothing', async () => {
    const cvr = nextCvr();
    const created = await register(cvr);
    expect([created.headers.etag, created.body.version]).toEqual(['"1"', 1]);
    const read = await get(cvr).expect(200);
    expect([read.headers.etag, read.body.version]).toEqual(['"1"', 1]);

    const first = await patch(cvr, operator, { name: 'Version to' }).set('if-match', '"1"').expect(200);
    expect([first.headers.etag, first.body.version]).toEqual(['"2"', 2]);
    const stale = await patch(cvr, operator, { name: 'Fra en gammel side' }).set('if-match', '"1"').expect(412);
    expect(stale.body).toMatchObject({
      type: 'urn:rs:problem:precondition-failed',
      detail: expect.stringContaining('changed since version 1'),
      detail_da: expect.stringContaining('ændret siden version 1'),
      title_da: 'Forudsætningen er ikke opfyldt',
    });
    // A weak tag and `*` (any version) are understood; a tag that is no version is refused naming the header.
    await patch(cvr, operator, { name: 'Version tre' }).set('if-match', 'W/"2"').expect(200);
    await patch(cvr, operator, { name: 'Version fire' }).set('if-match', '*').expect(200);
    expect(fields(await patch(cvr, operator, { name: 'X' }).set('if-match', '"abc"').expect(400))).toEqual(['header.if-match']);
    // The document declares the header (optional), its pattern taking exactly what the handler takes.
    const doc = await request(intake.url).get('/openapi.json').expect(200);
    const declared = (
      doc.body.paths['/companies/{id}'].patch.parameters as { in: string; name: string; required?: boolean; schema: { pattern: string } }[]
    ).find((p) => p.in === 'header' && p.name === 'If-Match');
    expect(declared?.required ?? false).toBe(false);
    const pattern = new RegExp(declared!.schema.pattern);
    expect(['"1"', 'W/"2"', '*', '"4"', '"abc"'].map((v) => pattern.test(v))).toEqual([true, true, true, true, false]);
    // Nothing differs: no new version, whatever If-Match names as long as it is current.
    await patch(cvr, operator, { name: 'Version fire' }).set('if-match', '"4"').expect(200);
    const after = (await get(cvr).expect(200)).body;
    expect([after.name, after.version, after.history.length]).toEqual(['Version fire', 4, 3]);
    // Another jobcentre learns nothing of the version either.
    await patch(cvr, københavn, { name: 'X' }).set('if-match', '"1"').expect(404);
  });

  it('of two PATCHes from the same version exactly one wins, in every one of 8 parallel pairs (a unique claim decides)', async () => {
    const cvrs = Array.from({ length: 8 }, () => nextCvr());
    for (const cvr of cvrs) await register(cvr);
    const pairs = await Promise.all(
      cvrs.map((cvr) =>
        Promise.all([
          patch(cvr, operator, { name: `A ${cvr}` }).set('if-match', '"1"'),
          patch(cvr, tårnby, { name: `B ${cvr}` }).set('if-match', '"1"'),
        ]),
      ),
    );
    for (const [i, pair] of pairs.entries()) {
      expect(pair.map((r) => r.status).sort()).toEqual([200, 412]);
      const won = pair.find((r) => r.status === 200)!;
      const company = (await get(cvrs[i]!).expect(200)).body;
      // The winner's change is what is stored, once; the loser's is nowhere.
      expect([company.name, company.version, company.history.length]).toEqual([won.body.name, 2, 1]);
    }
  });

  it('without If-Match a PATCH that loses the race gets 409 in both languages, and no change is lost', async () => {
    const cvrs = Array.from({ length: 8 }, () => nextCvr());
    for (const cvr of cvrs) await register(cvr);
    const pairs = await Promise.all(
      cvrs.map((cvr) =>
        Promise.all([
          patch(cvr, operator, { address: { street: 'Havnen 7', postalCode: '2791', city: 'Dragør' } }),
          patch(cvr, tårnby, { contacts: [{ name: 'Lis Holm' }] }),
        ]),
      ),
    );
    let lost = 0;
    for (const [i, pair] of pairs.entries()) {
      const won = pair.filter((r) => r.status === 200).length;
      expect(won + pair.filter((r) => r.status === 409).length).toBe(2);
      for (const r of pair.filter((r) => r.status === 409)) {
        lost += 1;
        expect(r.body).toMatchObject({
          type: 'urn:rs:problem:edit-conflict',
          detail: expect.stringContaining('at the same moment'),
          detail_da: expect.stringContaining('i samme øjeblik'),
        });
      }
      // Every change that was answered 200 is in the company (none overwritten unseen by the other).
      const company = (await get(cvrs[i]!).expect(200)).body;
      expect([company.version, company.history.length]).toEqual([1 + won, won]);
      if (pair[0]!.status === 200) expect(company.address.street).toBe('Havnen 7');
      if (pair[1]!.status === 200) expect(company.contacts).toEqual([{ name: 'Lis Holm' }]);
    }
    // How many of the 8 pairs really met (both loaded version 1) depends on scheduling; reported, not asserted.
    process.stdout.write(`PATCH pairs without If-Match: ${lost} of 8 lost the race (409)\n`);
  });

  it('only an admin moves the lead outside the cooperation of the company’s municipality (Dragør: HRS)', async () => {
    const cvr = nextCvr();
    await register(cvr);
    // Greve (253) is in JRS, not HRS.
    for (const token of [operator, tårnby]) {
      const refused = await patch(cvr, token, { lead: { jobcentre: 253, reason: 'Virksomheden ønsker Greve' } }).expect(422);
      expect(refused.body.errors).toEqual([
        expect.objectContaining({
          field: 'body.lead.jobcentre',
          message_en: expect.stringContaining('not in HRS'),
          message_da: expect.stringContaining('ikke med i HRS'),
        }),
      ]);
    }
    expect((await get(cvr).expect(200)).body).toMatchObject({ leadJobcentre: 185, version: 1 });
    const moved = await patch(cvr, admin, { lead: { jobcentre: 253, reason: 'Aftalt med styregruppen' } }).expect(200);
    expect(moved.body).toMatchObject({ leadJobcentre: 253, cooperation: 'JRS', leadChosen: true });

    // Registration: the phone line may choose only within HRS, a JRS jobcentre may not lead a Dragør company; an admin may.
    const chosen = await register(nextCvr(), operator, { leadJobcentre: 253 });
    expect([chosen.status, fields(chosen)]).toEqual([422, ['body.leadJobcentre']]);
    const byGreve = await register(nextCvr(), jobcentreToken(253));
    expect([byGreve.status, fields(byGreve)]).toEqual([422, ['body.municipality']]);
    expect((await register(nextCvr(), operator, { leadJobcentre: 101 })).status).toBe(201);
    expect((await register(nextCvr(), admin, { leadJobcentre: 253 })).body).toMatchObject({ leadJobcentre: 253 });
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
