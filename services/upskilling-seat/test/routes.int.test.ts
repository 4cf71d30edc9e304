import {
  conformanceProblems,
  jobcentreToken,
  type RunningService,
  routeFor,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import request from 'supertest';
import { aCourse, upskillingRoutes } from './course-kit';

/**
 * Every route of upskilling-seat on the real service (supertest against the process): the valid
 * call, bad input naming the field, the wrong role, another jobcentre — and each answer as the
 * document declares it. Roles: 101 leads (HRS), 147 and 151 are HRS members in scope, 751
 * (Aarhus) is in no cooperation, so outside an HRS course.
 */
const { routes } = upskillingRoutes();
const lead = jobcentreToken(101);
const j147 = jobcentreToken(147);
const j151 = jobcentreToken(151);
const outsider = jobcentreToken(751);
const hrs = tokenFor({ role: 'secretariat', sub: 'sek-hrs', cooperation: 'HRS' });
const jrs = tokenFor({ role: 'secretariat', sub: 'sek-jrs', cooperation: 'JRS' });
const phone = tokenFor({ role: 'phone-line', sub: 'phone' });

describe('upskilling-seat routes', () => {
  let platform: TestPlatform;
  let service: RunningService;
  let api: ReturnType<typeof request>;
  let courseId: string;
  let closedId: string;

  beforeAll(async () => {
    platform = await testPlatform();
    // A short grace after a window's close (the default is a minute), so the allocation comes soon after it.
    service = await platform.start('upskilling-seat', { COURSE_REQUEST_SKEW_SECONDS: '1' });
    api = request(service.url);
  }, 60_000);
  afterAll(() => platform.dispose());

  /** Calls a route and checks its answer against the declaration. */
  async function call(method: 'get' | 'post' | 'put' | 'delete', path: string, token: string | undefined, body?: unknown) {
    let req = api[method](path);
    if (token) req = req.set('authorization', `Bearer ${token}`);
    const res = body === undefined ? await req : await req.send(body as object);
    const route = routeFor(routes, method, path);
    if (!route) throw new Error(`no route for ${method} ${path}`);
    const json = res.headers['content-type']?.startsWith('text/csv') ? res.text : res.body;
    expect([method, path, res.status, conformanceProblems(route, res.status, res.headers['content-type'] ?? '', json)]).toEqual([
      method,
      path,
      res.status,
      [],
    ]);
    return res;
  }
  const count = async () => (await call('get', '/courses', hrs)).body.courses.length as number;

  it('POST /courses opens a course for its lead; refuses bad input, the wrong role and other leads, changing nothing', async () => {
    const opened = await call('post', '/courses', lead, aCourse(3600));
    expect(opened.status).toBe(201);
    courseId = opened.body.id;
    expect(opened.body).toMatchObject({ leadJobcentre: 101, status: 'open', cooperation: 'HRS', requests: [] });
    expect(opened.body.inScope).toEqual(expect.arrayContaining([101, 147, 151]));
    const before = await count();

    const bad = [
      [aCourse(3600, { seats: -1 }), 400, 'body.seats'],
      [aCourse(3600, { seats: 1_000_000 }), 400, 'body.seats'],
      [aCourse(3600, { colour: 'blue' }), 400, 'body.colour'],
      [aCourse(3600, { guarantee: { kind: 'none' } }), 422, 'body.guarantee'],
      [aCourse(-60), 422, 'body.windowClosesAt'],
      [aCourse(3600, { budgetCeilings: [{ jobcentre: 751, dkk: 5 }] }), 422, 'body.budgetCeilings.0.jobcentre'],
    ] as const;
    for (const [body, status, field] of bad) {
      const res = await call('post', '/courses', lead, body);
      expect([res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([status, expect.arrayContaining([field])]);
      expect(res.body.title_da).toBeTruthy();
    }
    expect((await call('post', '/courses', phone, aCourse(3600))).status).toBe(403);
    expect((await call('post', '/courses', j147, aCourse(3600, { leadJobcentre: 101 }))).status).toBe(403);
    expect((await call('post', '/courses', jrs, aCourse(3600, { leadJobcentre: 101 }))).status).toBe(403);
    expect((await call('post', '/courses', hrs, aCourse(3600))).body.errors?.[0]?.field).toBe('body.leadJobcentre');
    expect((await call('post', '/courses', undefined, aCourse(3600))).status).toBe(401);
    expect(await count()).toBe(before);

    // The secretariat may open one for a member; a retried create with its key is the same course.
    const key = `${platform.world.id}-course`;
    const body = aCourse(3600, { leadJobcentre: 147 });
    const create = () => api.post('/courses').set('authorization', `Bearer ${hrs}`).set('idempotency-key', key).send(body);
    const first = await create();
    const again = await create();
    expect([first.status, again.status, again.headers['idempotency-replayed'], again.body.id]).toEqual([201, 201, 'true', first.body.id]);
  });

  it('POST /courses refuses CPR-shaped text in every free-text field of the course, naming the field', async () => {
    const before = await count();
    const cpr = 'Kontakt 010190-1234';
    const declaration = { ...(aCourse(3600).guarantee as { declaration: Record<string, unknown> }).declaration, declaredBy: cpr };
    const bad = [
      [{ title: cpr }, 'body.title'],
      [{ provider: { kind: 'amu', name: cpr } }, 'body.provider.name'],
      [{ place: '0101901234' }, 'body.place'],
      [{ boughtBy: cpr }, 'body.boughtBy'],
      [{ company: { name: cpr } }, 'body.company.name'],
      [{ guarantee: { kind: 'job', declaration } }, 'body.guarantee.declaration.declaredBy'],
    ] as const;
    for (const [over, field] of bad) {
      const res = await call('post', '/courses', lead, aCourse(3600, over));
      expect([field, res.status, res.body.errors?.map((e: { field: string }) => e.field)]).toEqual([field, 400, [field]]);
      expect(res.body.errors[0].message).toContain('CPR');
    }
    expect(await count()).toBe(before);
  });

  it('GET /courses filters by status and pages through with the next link', async () => {
    const mine = tokenFor({ role: 'secretariat', sub: 'sek-hrs-pages', cooperation: 'HRS' });
    const all = (await call('get', '/courses?limit=200', mine)).body.courses as { id: string; status: string }[];
    expect(all.length).toBeGreaterThanOrEqual(2);
    const seen: string[] = [];
    let next: string | null = '/courses?limit=1';
    while (next) {
      const res = await call('get', next, mine);
      expect(res.body.courses.length).toBeLessThanOrEqual(1);
      seen.push(...res.body.courses.map((c: { id: string }) => c.id));
      next = res.body.next;
    }
    expect(seen).toEqual(all.map((c) => c.id));
    const open = (await call('get', '/courses?status=open', mine)).body.courses as { status: string }[];
    expect(open.length).toBe(all.filter((c) => c.status === 'open').length);
    expect(open.every((c) => c.status === 'open')).toBe(true);
    expect(
      (await call('get', '/courses?status=allocated', mine)).body.courses.every((c: { status: string }) => c.status === 'allocated'),
    ).toBe(true);
    expect((await call('get', '/courses?status=closed', mine)).status).toBe(400);
    expect((await call('get', '/courses?cursor=nonsense', mine)).status).toBe(400);
  });

  it('GET /courses and /courses/:id: the lead and secretariat see all, a jobcentre in scope its own part, others nothing', async () => {
    expect((await call('get', '/courses', j147)).body.courses.map((c: { id: string }) => c.id)).toContain(courseId);
    expect((await call('get', '/courses', outsider)).body.courses).toEqual([]);
    expect((await call('get', '/courses', phone)).status).toBe(403);
    expect((await call('get', '/courses?limit=0', lead)).status).toBe(400);

    expect((await call('get', `/courses/${courseId}`, lead)).body).toHaveProperty('requests');
    expect((await call('get', `/courses/${courseId}`, hrs)).body).toHaveProperty('requests');
    const own = (await call('get', `/courses/${courseId}`, j147)).body;
    expect(own).not.toHaveProperty('requests');
    expect([own.own, own.budgetCeilingDkk, own.maxSeats]).toEqual([null, 20_000, 2]);
    expect((await call('get', `/courses/${courseId}`, outsider)).status).toBe(404);
    expect((await call('get', `/courses/${courseId}`, jrs)).status).toBe(404);
    expect((await call('get', '/courses/a%20b', lead)).status).toBe(400);
    expect((await call('get', '/courses/nope', lead)).status).toBe(404);
  });

  it("PUT /courses/:id/requests/:jobcentre: a jobcentre's own request, never in another's name, within its ceiling", async () => {
    const put = (token: string, jobcentre: number | string, body: unknown) =>
      call('put', `/courses/${courseId}/requests/${jobcentre}`, token, body);
    const made = await put(j147, 147, { seats: 2, candidates: ['c-147-1', 'c-147-2'] });
    expect(made.status).toBe(200);
    expect(made.body).toMatchObject({ jobcentre: 147, seats: 2, allocated: null, costDkk: 20_000 });
    expect((await put(j151, 151, { seats: 3, candidates: ['c-151-1'] })).status).toBe(200);

    // GET: the jobcentre itself and the lead see the request; another jobcentre in scope does not.
    const read = (token: string, jobcentre: number) => call('get', `/courses/${courseId}/requests/${jobcentre}`, token);
    expect((await read(j147, 147)).body).toMatchObject({ jobcentre: 147, seats: 2, waitingListPlace: null });
    expect((await read(lead, 147)).body.candidates.map((c: { candidateRef: string }) => c.candidateRef)).toEqual(['c-147-1', 'c-147-2']);
    expect((await read(hrs, 151)).status).toBe(200);
    expect((await read(j151, 147)).status).toBe(404);
    expect((await read(outsider, 147)).status).toBe(404);
    expect((await read(lead, 101)).status).toBe(404);
    // Named candidates are personal work: every read is in the audit log, who and whose.
    const auditLines = () =>
      service
        .output()
        .split('\n')
        .filter((l) => l.includes('"audit":"seat-request-read"'))
        .map((l) => JSON.parse(l) as { by: string; jobcentre: number; course: string });
    await waitFor(() => auditLines().length >= 3, { timeoutMs: 5_000 });
    expect(auditLines().map((a) => [a.by, a.jobcentre, a.course])).toEqual([
      [expect.any(String), 147, courseId],
      [expect.any(String), 147, courseId],
      ['sek-hrs', 151, courseId],
    ]);
    const listed = (await call('get', '/courses', j147)).body.courses.find((c: { id: string }) => c.id === courseId);
    expect(listed.own).toEqual({ seats: 2, allocated: null, waitlisted: 0 });
    expect((await call('get', '/courses', hrs)).body.courses[0]).not.toHaveProperty('own');

    const overBudget = await put(j147, 147, { seats: 3 });
    expect([overBudget.status, overBudget.body.errors[0].field]).toEqual([422, 'body.seats']);
    expect(overBudget.body.detail).toContain('3 seats × 10000 kr = 30000 kr is over your budget ceiling of 20000 kr (at most 2 seats)');
    expect(overBudget.body.detail_da).toContain('budgetloft');
    for (const [body, status] of [
      [{ seats: 0 }, 400],
      [{ seats: -2 }, 400],
      [{ seats: 1e9 }, 400],
      [{ seats: 1.5 }, 400],
      [{ seats: 1, candidates: ['a', 'b'] }, 422],
      [{ seats: 5 }, 422],
      [{ seats: 1, extra: true }, 400],
    ] as const) {
      expect([body, (await put(j151, 151, body)).status]).toEqual([body, status]);
    }
    expect((await put(lead, 147, { seats: 1 })).status).toBe(403);
    expect((await put(hrs, 147, { seats: 1 })).status).toBe(403);
    expect((await put(outsider, 751, { seats: 1 })).status).toBe(404);
    expect((await put(j147, '0x93', { seats: 1 })).status).toBe(400);
    // Nothing of the refused calls was applied.
    const course = (await call('get', `/courses/${courseId}`, lead)).body;
    expect(course.requests.map((r: { jobcentre: number; seats: number }) => [r.jobcentre, r.seats])).toEqual([
      [147, 2],
      [151, 3],
    ]);
  });

  it('DELETE /courses/:id/requests/:jobcentre withdraws only the own request', async () => {
    expect((await call('delete', `/courses/${courseId}/requests/101`, lead)).status).toBe(404);
    expect((await call('put', `/courses/${courseId}/requests/101`, lead, { seats: 1 })).status).toBe(200);
    expect((await call('delete', `/courses/${courseId}/requests/101`, j147)).status).toBe(403);
    expect((await call('delete', `/courses/${courseId}/requests/101`, lead)).body).toEqual({ courseId, jobcentre: 101, withdrawn: true });
    expect((await call('delete', `/courses/${courseId}/requests/abc`, lead)).status).toBe(400);
  });

  it('POST /courses/:id/selections: only the lead (for the company) decides, on named candidates', async () => {
    const select = (token: string, body: unknown) => call('post', `/courses/${courseId}/selections`, token, body);
    const accepted = await select(lead, { jobcentre: 147, candidateRef: 'c-147-1', decision: 'accepted' });
    expect([accepted.status, accepted.body.candidates[0]]).toEqual([200, { candidateRef: 'c-147-1', selection: 'accepted' }]);
    expect((await select(j147, { jobcentre: 147, candidateRef: 'c-147-1', decision: 'declined' })).status).toBe(403);
    expect((await select(outsider, { jobcentre: 147, candidateRef: 'c-147-1', decision: 'declined' })).status).toBe(404);
    expect((await select(lead, { jobcentre: 147, candidateRef: 'nobody', decision: 'declined' })).status).toBe(404);
    expect((await select(lead, { jobcentre: 147, candidateRef: 'c-147-1', decision: 'maybe' })).status).toBe(400);
    // A decline before the allocation changes only the candidate: the request keeps its seats.
    const declined = await select(hrs, { jobcentre: 151, candidateRef: 'c-151-1', decision: 'declined' });
    expect([declined.status, declined.body.seats]).toEqual([200, 3]);
    expect((await select(lead, { jobcentre: 151, candidateRef: 'c-151-1', decision: 'accepted' })).status).toBe(409);
  });

  it('outcomes: recorded after the allocation by the lead or the own jobcentre; the report by role', async () => {
    expect((await call('put', `/courses/${courseId}/outcomes/147/c-147-1`, lead, { status: 'started' })).status).toBe(409);
    // A course whose window closes soon, allocated by its timer; the window is long enough for the
    // request below to land on a loaded machine (the wait after it is a condition, not a sleep).
    const closed = await call('post', '/courses', lead, aCourse(10));
    closedId = closed.body.id;
    expect((await call('put', `/courses/${closedId}/requests/147`, j147, { seats: 2, candidates: ['c-147-1'] })).status).toBe(200);
    await waitFor(async () => (await call('get', `/courses/${closedId}`, lead)).body.status === 'allocated', {
      what: 'the allocation at the window close',
      timeoutMs: 20_000,
    });
    const late = await call('put', `/courses/${closedId}/requests/151`, j151, { seats: 1 });
    expect([late.status, late.body.type]).toEqual([409, 'urn:rs:problem:window-closed']);

    const outcome = (token: string, path: string, body: unknown) => call('put', `/courses/${closedId}/outcomes/${path}`, token, body);
    const done = await outcome(j147, '147/c-147-1', { status: 'completed', hiredOn: '2030-02-01' });
    expect([done.status, done.body]).toEqual([
      200,
      { jobcentre: 147, candidateRef: 'c-147-1', status: 'completed', hiredOn: '2030-02-01', daysToHire: 14 },
    ]);
    expect((await outcome(j151, '147/c-147-1', { status: 'completed' })).status).toBe(403);
    expect((await outcome(outsider, '147/c-147-1', { status: 'completed' })).status).toBe(404);
    expect((await outcome(lead, '147/c-147-1', { status: 'finished' })).status).toBe(400);
    expect((await outcome(lead, '147/nobody', { status: 'started' })).status).toBe(404);

    const report = (await call('get', `/courses/${closedId}/outcomes`, lead)).body;
    expect(report.total).toMatchObject({ seatsUsed: 2, completed: 1, hired: 1, costDkk: 20_000, costPerHireDkk: 20_000 });
    expect(
      (await call('get', `/courses/${closedId}/outcomes`, j147)).body.jobcentres.map((j: { jobcentre: number }) => j.jobcentre),
    ).toEqual([147]);
    expect((await call('get', `/courses/${closedId}/outcomes`, outsider)).status).toBe(404);
  });

  it("needs: recorded by consultants, read per audience, exported as the quarter's CSV", async () => {
    const need = {
      company: 'Lagerhuset A/S',
      occupation: '8344',
      count: 6,
      expectedBy: '2027-03',
      courseWouldHelp: true,
      course: 'Truck B',
    };
    const made = await call('post', '/needs', j147, need);
    expect([made.status, made.body.jobcentre, made.body.cooperation]).toEqual([201, 147, 'HRS']);
    expect((await call('post', '/needs', phone, need)).status).toBe(403);
    const bad = await call('post', '/needs', j147, { ...need, expectedBy: '2027-13' });
    expect([bad.status, bad.body.errors[0].field]).toEqual([400, 'body.expectedBy']);
    expect((await call('post', '/needs', j147, { ...need, count: -1 })).status).toBe(400);

    expect((await call('get', '/needs?quarter=2027-Q1', j147)).body.needs).toHaveLength(1);
    expect((await call('get', '/needs?quarter=2027-Q1', hrs)).body.needs).toHaveLength(1);
    expect((await call('get', '/needs?quarter=2027-Q1', jrs)).body.needs).toHaveLength(0);
    expect((await call('get', '/needs?quarter=2027-Q1', outsider)).body.needs).toHaveLength(0);
    expect((await call('get', '/needs?quarter=2027-Q2', hrs)).body.needs).toHaveLength(0);
    expect((await call('get', '/needs?quarter=2027-Q5', hrs)).status).toBe(400);
    expect((await call('get', '/needs', phone)).status).toBe(400);

    const csv = await call('get', '/needs/export?quarter=2027-Q1', hrs);
    expect([csv.status, csv.headers['content-type'], csv.headers['content-disposition']]).toEqual([
      200,
      'text/csv; charset=utf-8',
      'attachment; filename="behov-2027-Q1.csv"',
    ]);
    expect(csv.text.startsWith('\uFEFFVirksomhed;Stilling;Antal;')).toBe(true);
    expect(csv.text.split('\r\n')[1]).toContain('Lagerhuset A/S;8344;6;2027-03;2027-Q1;Ja;Truck B;');
    expect((await call('get', '/needs/export?quarter=2027-Q1', phone)).status).toBe(403);
  });
});
