import { randomBytes } from 'node:crypto';
import {
  callRoute,
  jobcentreToken,
  type RouteCall,
  type RunningService,
  routeTable,
  type TestPlatform,
  testPlatform,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import { orderIntakeRoutes } from '../src/adapters/http/routes';
import { NONCE_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, telephonySignature } from '../src/adapters/http/telephony-webhook.routes';

/**
 * Issue 15, "what it must show": every route of order-intake, taken from its OpenAPI document,
 * against the same hostile table — no token, a NoSQL operator object where a string belongs, an
 * unknown field, a wrong type, a 1 MB body (413), a CVR failing its check, a bad query or path
 * parameter, the wrong role, another jobcentre's (or cooperation's) company, order or follow-up —
 * and every POST that creates something repeated under one Idempotency-Key. Every answer, refused
 * or not, must also match its route's declaration (status, problem+json in both languages, schema).
 * A new route that is not in the table fails the first test.
 */
const SECRET = 'telephony-secret-for-the-every-route-test-0123456789';
const operator = tokenFor({ role: 'phone-line', sub: 'operator-1' });
const admin = tokenFor({ role: 'admin', sub: 'admin-1' });
const tårnby = jobcentreToken(185); // leads Dragør companies
const københavn = jobcentreToken(101); // another jobcentre of HRS
const greve = jobcentreToken(253); // a jobcentre of JRS
const hrs = tokenFor({ role: 'secretariat', sub: 'secretariat-hrs', cooperation: 'HRS' });
const jrs = tokenFor({ role: 'secretariat', sub: 'secretariat-jrs', cooperation: 'JRS' });
const onboarding = tokenFor({ role: 'onboarding', sub: 'onboarding-hrs', cooperation: 'HRS' });
const onboardingJrs = tokenFor({ role: 'onboarding', sub: 'onboarding-jrs', cooperation: 'JRS' });
const DRAGØR = 155;
const CVR = '24256790';
const BAD_CVR = '24256791'; // one digit off: the modulus-11 check fails
const START = new Date(Date.now() - 42 * 86_400_000).toISOString().slice(0, 10);

type Call = RouteCall & { sign?: boolean };
interface Row {
  /** As the OpenAPI document lists it: `POST /orders/{id}/hires`. */
  route: string;
  /** A fresh valid call (with what it needs made first), by a caller allowed to make it. */
  valid: () => Promise<Call>;
  ok: number;
  /** A top-level body field that holds a string, and one given a value of the wrong type. */
  stringField?: string;
  wrongType?: [string, unknown];
  /** The call with a CVR number failing its check, and the field named. */
  badCvr?: (call: Call) => Call;
  cvrField?: string;
  /** A bad query parameter and the field named. */
  badQuery?: [string, string];
  /** Callers of a role that may not, with the answer they get. */
  wrongRoles: [string, number][];
  /** Another jobcentre's (or cooperation's) caller: it finds nothing (404). */
  others?: string[];
  /** The path holds an id (`/<collection>/<id>/…`): given as an operator object it is refused. */
  param?: true;
}

describe('every order-intake route against bad input, the wrong caller and a repeated key', () => {
  let platform: TestPlatform;
  let intake: RunningService;
  const table = routeTable('order-intake', orderIntakeRoutes({} as never, {} as never));
  let serial = 0;

  beforeAll(async () => {
    platform = await testPlatform();
    intake = await platform.start('order-intake', { TELEPHONY_WEBHOOK_SECRET: SECRET });
    const company = await send({ method: 'POST', path: '/companies', token: operator, body: aCompany(CVR) });
    expect(company.status).toBe(201);
  }, 60_000);
  afterAll(() => platform.dispose());

  const aCompany = (cvr: string) => ({
    cvr,
    name: 'Dragør Havnekiosk',
    address: { street: 'Havnen 2', postalCode: '2791', city: 'Dragør' },
    municipality: DRAGØR,
  });
  const anOrder = (over: object = {}) => ({
    companyId: CVR,
    title: 'Butiksmedarbejder',
    occupation: '5223',
    positions: 3,
    largeProject: true,
    ...over,
  });

  const send = (call: Call) => {
    if (!call.sign) return callRoute(intake.url, table.routes, call);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = randomBytes(16).toString('hex');
    const text = JSON.stringify(call.body);
    return callRoute(intake.url, table.routes, {
      ...call,
      headers: {
        ...call.headers,
        [TIMESTAMP_HEADER]: timestamp,
        [NONCE_HEADER]: nonce,
        [SIGNATURE_HEADER]: telephonySignature(SECRET, timestamp, nonce, text),
      },
    });
  };
  const created = async (call: Call) => {
    const answer = await send(call);
    expect([call.method, call.path, answer.status, answer.problems]).toEqual([
      call.method,
      call.path,
      answer.status < 300 ? answer.status : 201,
      [],
    ]);
    return answer.body as Record<string, unknown>;
  };
  const newOrder = async () => (await created({ method: 'POST', path: '/orders', token: tårnby, body: anOrder() })).id as string;
  const presented = async (orderId: string, ref = `c-147-${++serial}`) => {
    const order = await created({
      method: 'POST',
      path: `/orders/${orderId}/referrals`,
      token: tårnby,
      body: { jobcentre: 147, candidateRef: ref, screening: ['qualifications'] },
    });
    return (order.referrals as { id: string; candidateRef: string }[]).find((r) => r.candidateRef === ref)!.id;
  };
  /** A hire on a large project: its follow-ups (4 and 13 weeks after a start six weeks ago) are planned from order.candidate-hired. */
  const followUp = async () => {
    const orderId = await newOrder();
    const ref = `c-147-${++serial}`;
    await presented(orderId, ref);
    await created({
      method: 'POST',
      path: `/orders/${orderId}/hires`,
      token: tårnby,
      body: { jobcentre: 147, candidateRef: ref, startDate: START, weeklyHours: 37 },
    });
    return waitFor(
      async () => {
        const list = await send({ method: 'GET', path: `/follow-ups?orderId=${orderId}&state=all`, token: onboarding });
        return ((list.body as { followUps?: { id: string; weeksAfterStart: number }[] }).followUps ?? []).find(
          (f) => f.weeksAfterStart === 4,
        )?.id;
      },
      { what: 'the follow-ups of the hire' },
    );
  };
  const loggedCall = async () =>
    (
      await created({
        method: 'POST',
        path: '/calls',
        token: operator,
        body: { caller: { name: 'Mette Holm' }, company: { cvr: CVR }, need: 'question' },
      })
    ).id as string;

  const rows: Row[] = [
    {
      route: 'POST /companies',
      valid: async () => ({ method: 'POST', path: '/companies', token: operator, body: aCompany(nextCvr()) }),
      ok: 201,
      stringField: 'name',
      wrongType: ['municipality', '155'],
      badCvr: (c) => ({ ...c, body: { ...(c.body as object), cvr: BAD_CVR } }),
      cvrField: 'body.cvr',
      wrongRoles: [
        [hrs, 403],
        [onboarding, 403],
      ],
    },
    {
      route: 'GET /companies',
      valid: async () => ({ method: 'GET', path: `/companies?cvr=${CVR}`, token: tårnby }),
      ok: 200,
      badCvr: (c) => ({ ...c, path: `/companies?cvr=${BAD_CVR}` }),
      cvrField: 'query.cvr',
      badQuery: ['limit=abc', 'query.limit'],
      wrongRoles: [],
    },
    {
      route: 'GET /companies/{id}',
      valid: async () => ({ method: 'GET', path: `/companies/${CVR}`, token: tårnby }),
      ok: 200,
      badCvr: (c) => ({ ...c, path: '/companies/2425679' }),
      cvrField: 'params.id',
      wrongRoles: [[onboarding, 404]],
      others: [københavn, greve, jrs],
      param: true,
    },
    {
      route: 'PATCH /companies/{id}',
      valid: async () => ({
        method: 'PATCH',
        path: `/companies/${CVR}`,
        token: tårnby,
        body: { contacts: [{ name: `Kontakt ${++serial}` }] },
      }),
      ok: 200,
      stringField: 'name',
      wrongType: ['municipality', true],
      badCvr: (c) => ({ ...c, path: '/companies/2425679x' }),
      cvrField: 'params.id',
      wrongRoles: [
        [hrs, 403],
        [onboarding, 404],
      ],
      others: [københavn, greve],
      param: true,
    },
    {
      route: 'POST /companies/{id}/agreements',
      valid: async () => ({
        method: 'POST',
        path: `/companies/${CVR}/agreements`,
        token: tårnby,
        body: { period: { from: '2027-01-01' }, expectedHires: ++serial, terms: { silenceMeansNone: true, other: '' } },
      }),
      ok: 201,
      wrongType: ['expectedHires', '3'],
      wrongRoles: [
        [operator, 403],
        [hrs, 403],
        [onboarding, 404],
      ],
      others: [københavn, greve],
      param: true,
    },
    {
      route: 'GET /companies/{id}/agreements',
      valid: async () => ({ method: 'GET', path: `/companies/${CVR}/agreements`, token: tårnby }),
      ok: 200,
      wrongRoles: [[onboarding, 404]],
      others: [københavn, greve, jrs],
      param: true,
    },
    {
      route: 'POST /fund-agreements',
      valid: async () => ({
        method: 'POST',
        path: '/fund-agreements',
        token: hrs,
        body: { fund: `3F A-kasse ${++serial}`, cooperation: 'HRS', period: { from: '2027-01-01' }, contact: { name: 'Lis' } },
      }),
      ok: 201,
      stringField: 'fund',
      wrongType: ['period', '2027'],
      wrongRoles: [
        [tårnby, 403],
        [operator, 403],
        [onboarding, 403],
        [jrs, 403],
      ],
    },
    {
      route: 'GET /fund-agreements',
      valid: async () => ({ method: 'GET', path: '/fund-agreements?cooperation=HRS', token: hrs }),
      ok: 200,
      badQuery: ['cooperation=hrs', 'query.cooperation'],
      wrongRoles: [],
    },
    {
      route: 'POST /calls',
      valid: async () => ({
        method: 'POST',
        path: '/calls',
        token: operator,
        body: { caller: { name: 'Mette Holm' }, company: { cvr: CVR }, need: 'question' },
      }),
      ok: 201,
      stringField: 'note',
      wrongType: ['need', 3],
      badCvr: (c) => ({ ...c, body: { ...(c.body as object), company: { cvr: BAD_CVR } } }),
      cvrField: 'body.company.cvr',
      wrongRoles: [
        [tårnby, 403],
        [hrs, 403],
        [onboarding, 403],
      ],
    },
    {
      route: 'GET /calls',
      valid: async () => ({ method: 'GET', path: `/calls?cvr=${CVR}`, token: tårnby }),
      ok: 200,
      badCvr: (c) => ({ ...c, path: `/calls?cvr=${BAD_CVR}` }),
      cvrField: 'query.cvr',
      badQuery: ['outcome=lost', 'query.outcome'],
      wrongRoles: [],
    },
    {
      route: 'GET /calls/{id}',
      valid: async () => ({ method: 'GET', path: `/calls/${await loggedCall()}`, token: tårnby }),
      ok: 200,
      wrongRoles: [[onboarding, 404]],
      others: [københavn, greve, jrs],
      param: true,
    },
    {
      route: 'POST /calls/{id}/resolution',
      valid: async () => ({
        method: 'POST',
        path: `/calls/${await loggedCall()}/resolution`,
        token: operator,
        body: { orderId: await newOrder() },
      }),
      ok: 200,
      stringField: 'orderId',
      wrongType: ['order', 1],
      badCvr: (c) => ({ ...c, body: { company: { cvr: BAD_CVR } } }),
      cvrField: 'body.company.cvr',
      wrongRoles: [
        [hrs, 403],
        [onboarding, 403],
        [københavn, 403],
      ],
      param: true,
    },
    {
      route: 'POST /webhooks/telephony/calls',
      valid: async () => ({
        method: 'POST',
        path: '/webhooks/telephony/calls',
        sign: true,
        body: { callId: `pbx-${++serial}-${Date.now()}`, receivedAt: new Date().toISOString(), cvr: CVR, need: 'new-order' },
      }),
      ok: 201,
      stringField: 'callerName',
      wrongType: ['receivedAt', 17],
      badCvr: (c) => ({ ...c, body: { ...(c.body as object), cvr: BAD_CVR } }),
      cvrField: 'body.cvr',
      // A bearer token is no signature: refused as unauthenticated, whoever it is.
      wrongRoles: [],
    },
    {
      route: 'POST /orders',
      valid: async () => ({ method: 'POST', path: '/orders', token: tårnby, body: anOrder() }),
      ok: 201,
      stringField: 'title',
      wrongType: ['positions', '2'],
      badCvr: (c) => ({
        ...c,
        body: { ...anOrder(), companyId: undefined, company: { name: 'Kiosk', cvr: BAD_CVR, municipality: DRAGØR } },
      }),
      cvrField: 'body.company.cvr',
      wrongRoles: [
        [hrs, 403],
        [onboarding, 403],
      ],
    },
    {
      route: 'GET /orders',
      valid: async () => ({ method: 'GET', path: '/orders?status=registered&limit=5', token: tårnby }),
      ok: 200,
      badQuery: ['status[$ne]=filled', 'query.status[$ne]'],
      wrongRoles: [],
    },
    {
      route: 'GET /orders/{id}',
      valid: async () => ({ method: 'GET', path: `/orders/${await newOrder()}`, token: tårnby }),
      ok: 200,
      wrongRoles: [[onboarding, 403]],
      others: [københavn, greve, jrs],
      param: true,
    },
    {
      route: 'PATCH /orders/{id}',
      valid: async () => ({ method: 'PATCH', path: `/orders/${await newOrder()}`, token: tårnby, body: { weeklyHours: 30 } }),
      ok: 200,
      stringField: 'title',
      wrongType: ['shortNotice', 'yes'],
      wrongRoles: [
        [operator, 403],
        [hrs, 403],
        [onboarding, 403],
      ],
      others: [københavn, greve],
      param: true,
    },
    {
      route: 'POST /orders/{id}/transitions',
      valid: async () => ({ method: 'POST', path: `/orders/${await newOrder()}/transitions`, token: tårnby, body: { to: 'in-dialogue' } }),
      ok: 200,
      stringField: 'reason',
      wrongType: ['to', 1],
      wrongRoles: [
        [operator, 403],
        [hrs, 403],
        [onboarding, 403],
      ],
      others: [københavn, greve],
      param: true,
    },
    {
      route: 'POST /orders/{id}/close',
      valid: async () => ({
        method: 'POST',
        path: `/orders/${await newOrder()}/close`,
        token: tårnby,
        body: { outcome: 'cancelled', reason: 'Virksomheden har selv fundet en' },
      }),
      ok: 200,
      stringField: 'reason',
      wrongType: ['override', 'true'],
      wrongRoles: [
        [operator, 403],
        [hrs, 403],
        [onboarding, 403],
      ],
      others: [københavn, greve],
      param: true,
    },
    {
      route: 'POST /orders/{id}/referrals',
      valid: async () => ({
        method: 'POST',
        path: `/orders/${await newOrder()}/referrals`,
        token: tårnby,
        body: { jobcentre: 147, candidateRef: `c-147-${++serial}`, screening: ['qualifications'] },
      }),
      ok: 201,
      stringField: 'candidateRef',
      wrongType: ['jobcentre', '147'],
      wrongRoles: [
        [operator, 403],
        [hrs, 403],
        [onboarding, 403],
      ],
      others: [københavn, greve],
      param: true,
    },
    {
      route: 'POST /orders/{id}/referrals/{referralId}/outcome',
      valid: async () => {
        const orderId = await newOrder();
        return {
          method: 'POST',
          path: `/orders/${orderId}/referrals/${await presented(orderId)}/outcome`,
          token: tårnby,
          body: { outcome: 'interview' },
        };
      },
      ok: 200,
      stringField: 'reason',
      wrongType: ['outcome', ['interview']],
      wrongRoles: [
        [operator, 403],
        [hrs, 403],
        [onboarding, 403],
      ],
      others: [københavn, greve],
      param: true,
    },
    {
      route: 'POST /orders/{id}/hires',
      valid: async () => ({
        method: 'POST',
        path: `/orders/${await newOrder()}/hires`,
        token: tårnby,
        body: { jobcentre: 147, candidateRef: `c-147-${++serial}`, startDate: START, weeklyHours: 37 },
      }),
      ok: 201,
      stringField: 'startDate',
      wrongType: ['weeklyHours', '37'],
      wrongRoles: [
        [operator, 403],
        [hrs, 403],
        [onboarding, 403],
      ],
      others: [københavn, greve],
      param: true,
    },
    {
      route: 'POST /orders/{id}/handover',
      valid: async () => ({
        method: 'POST',
        path: `/orders/${await newOrder()}/handover`,
        token: tårnby,
        body: { to: 147, reason: 'Virksomheden rekrutterer i Albertslund' },
      }),
      ok: 200,
      stringField: 'reason',
      wrongType: ['to', '147'],
      wrongRoles: [
        [operator, 403],
        [hrs, 403],
        [onboarding, 403],
      ],
      others: [københavn, greve],
      param: true,
    },
    {
      route: 'GET /orders/{id}/service-goals',
      valid: async () => {
        const path = `/orders/${await newOrder()}/service-goals`;
        // The clocks start from order.registered, through the bus.
        await waitFor(async () => (await send({ method: 'GET', path, token: tårnby })).status === 200, { what: 'the clocks of the order' });
        return { method: 'GET', path, token: tårnby };
      },
      ok: 200,
      wrongRoles: [[onboarding, 404]],
      others: [københavn, greve, jrs],
      param: true,
    },
    {
      route: 'POST /orders/{id}/service-goals/agreed-alternative',
      valid: async () => {
        const orderId = await newOrder();
        await waitFor(async () => (await send({ method: 'GET', path: `/orders/${orderId}/service-goals`, token: tårnby })).status === 200, {
          what: 'the clocks of the order',
        });
        return {
          method: 'POST',
          path: `/orders/${orderId}/service-goals/agreed-alternative`,
          token: tårnby,
          body: { description: 'Virksomheden venter på et AMU-kursus' },
        };
      },
      ok: 201,
      stringField: 'description',
      wrongType: ['agreedWith', 5],
      wrongRoles: [
        [operator, 403],
        [hrs, 403],
        [onboarding, 403],
      ],
      others: [københavn, greve],
      param: true,
    },
    {
      route: 'GET /service-goals',
      valid: async () => ({ method: 'GET', path: '/service-goals?standing=running', token: tårnby }),
      ok: 200,
      badQuery: ['standing=late', 'query.standing'],
      wrongRoles: [],
    },
    {
      route: 'GET /jobcentres/{code}/orders',
      valid: async () => ({ method: 'GET', path: '/jobcentres/185/orders', token: tårnby }),
      ok: 200,
      badQuery: ['state=closed', 'query.state'],
      wrongRoles: [[onboarding, 403]],
      others: [københavn, greve],
    },
    {
      route: 'GET /screening-principles',
      valid: async () => ({ method: 'GET', path: '/screening-principles?cooperation=HRS', token: tårnby }),
      ok: 200,
      badQuery: ['cooperation[$ne]=x', 'query.cooperation[$ne]'],
      wrongRoles: [],
    },
    {
      route: 'GET /follow-ups',
      valid: async () => ({ method: 'GET', path: '/follow-ups?state=all', token: onboarding }),
      ok: 200,
      badQuery: ['state=late', 'query.state'],
      wrongRoles: [
        [tårnby, 403],
        [operator, 403],
      ],
    },
    {
      route: 'GET /follow-ups/{id}',
      valid: async () => ({ method: 'GET', path: `/follow-ups/${await followUp()}`, token: onboarding }),
      ok: 200,
      wrongRoles: [
        [tårnby, 403],
        [operator, 403],
      ],
      others: [onboardingJrs, jrs],
      param: true,
    },
    {
      route: 'POST /follow-ups/{id}/outcome',
      valid: async () => ({
        method: 'POST',
        path: `/follow-ups/${await followUp()}/outcome`,
        token: onboarding,
        body: { status: 'still-employed' },
      }),
      ok: 201,
      stringField: 'reason',
      wrongType: ['status', true],
      wrongRoles: [
        [tårnby, 403],
        [operator, 403],
        [hrs, 403],
      ],
      others: [onboardingJrs],
      param: true,
    },
  ];

  let cvrSerial = 3200010;
  function nextCvr(): string {
    for (;;) {
      const digits = String(cvrSerial++);
      const sum = [...digits].reduce((s, d, i) => s + Number(d) * ([2, 7, 6, 5, 4, 3, 2][i] ?? 0), 0);
      const check = (11 - (sum % 11)) % 11;
      if (check < 10) return `${digits}${check}`;
    }
  }

  const fields = (body: unknown) => ((body as { errors?: { field: string }[] }).errors ?? []).map((e) => e.field);
  const expectProblem = (what: string, answer: Awaited<ReturnType<typeof send>>, status: number) => {
    expect([what, answer.status, answer.problems]).toEqual([what, status, []]);
    const problem = answer.body as { detail?: string; detail_da?: string; type?: string };
    expect([
      what,
      answer.headers['content-type']?.startsWith('application/problem+json'),
      Boolean(problem.detail && problem.detail_da),
    ]).toEqual([what, true, true]);
  };

  it('lists every documented route (the shell’s own /healthz, /readyz, /metrics and /openapi.json are service-kit’s, tested there)', () => {
    const shell = ['get /healthz', 'get /readyz', 'get /metrics', 'get /openapi.json'];
    const documented = table.documented
      .filter((r) => !shell.includes(r.toLowerCase()))
      .map((r) => {
        const [method, path] = r.split(' ');
        return `${method!.toUpperCase()} ${path!.replace(/:([A-Za-z]+)/g, '{$1}')}`;
      });
    expect(rows.map((r) => r.route).sort()).toEqual(documented.sort());
  });

  it.each(rows.map((r) => [r.route, r] as const))('%s', async (_name, row) => {
    const call = await row.valid();
    const as = (token: string | undefined, over: Partial<Call> = {}): Call => {
      const { token: _t, ...rest } = { ...call, ...over };
      return token === undefined ? rest : { ...rest, token };
    };

    // No credentials at all.
    expectProblem(`${row.route} without credentials`, await send({ ...as(undefined), sign: false }), 401);

    if (call.body !== undefined) {
      const body = call.body as Record<string, unknown>;
      const unknown = await send({ ...call, body: { ...body, zzUnknown: 1 } });
      expectProblem(`${row.route} unknown field`, unknown, 400);
      expect(fields(unknown.body)).toContain('body.zzUnknown');
      if (row.stringField) {
        const injected = await send({ ...call, body: { ...body, [row.stringField]: { $gt: '' } } });
        expectProblem(`${row.route} operator object`, injected, 400);
        expect(fields(injected.body)).toContain(`body.${row.stringField}`);
        const huge = await send({ ...call, body: { ...body, [row.stringField]: 'x'.repeat(1024 * 1024) } });
        expectProblem(`${row.route} 1 MB body`, huge, 413);
      }
      if (row.wrongType) {
        const [field, value] = row.wrongType;
        const wrong = await send({ ...call, body: { ...body, [field]: value } });
        expectProblem(`${row.route} wrong type`, wrong, 400);
        expect(fields(wrong.body)).toContain(`body.${field}`);
      }
    }
    if (row.badCvr) {
      const bad = await send(row.badCvr(call));
      expectProblem(`${row.route} CVR failing its check`, bad, 400);
      expect(fields(bad.body)).toContain(row.cvrField);
    }
    if (row.badQuery) {
      const [query, field] = row.badQuery;
      const bad = await send({ ...call, path: `${call.path.split('?')[0]}?${query}` });
      expectProblem(`${row.route} ?${query}`, bad, 400);
      expect(fields(bad.body)).toContain(field);
    }
    if (row.param) {
      // The id in the path (`/<collection>/<id>/…`) as an operator object: refused by its pattern, never a lookup.
      const segments = call.path.split('?')[0]!.split('/');
      segments[2] = encodeURIComponent('{"$gt":""}');
      const injected = await send({ ...call, path: segments.join('/') });
      expectProblem(`${row.route} operator object as path parameter`, injected, 400);
    }
    for (const [token, status] of row.wrongRoles) expectProblem(`${row.route} wrong role`, await send(as(token)), status);
    for (const token of row.others ?? []) expectProblem(`${row.route} another jobcentre's`, await send(as(token)), 404);

    // Refused calls changed nothing: the valid call still succeeds.
    const answer = await send(call);
    expect([row.route, answer.status, answer.problems]).toEqual([row.route, row.ok, []]);
  });

  const creating = rows.filter((r) => routeOf(r.route)?.creates);
  function routeOf(name: string) {
    const [method, path] = name.split(' ');
    return table.routes.find((r) => r.method === method!.toLowerCase() && r.path === path!.replace(/\{([A-Za-z]+)\}/g, ':$1'));
  }

  it.each(creating.map((r) => [r.route, r] as const))('%s twice under one Idempotency-Key answers the same, once', async (_name, row) => {
    const call = await row.valid();
    const key = `every-route-${++serial}`;
    const first = await send({ ...call, headers: { 'idempotency-key': key } });
    expect([row.route, first.status, first.problems]).toEqual([row.route, row.ok, []]);
    const again = await send({ ...call, headers: { 'idempotency-key': key } });
    expect([row.route, again.status, again.headers['idempotency-replayed'], again.body]).toEqual([row.route, row.ok, 'true', first.body]);
  });

  it('refuses an illegal transition with a problem naming the state', async () => {
    const orderId = await newOrder();
    expect((await send({ method: 'POST', path: `/orders/${orderId}/close`, token: tårnby, body: { outcome: 'cancelled' } })).status).toBe(
      200,
    );
    const moved = await send({ method: 'POST', path: `/orders/${orderId}/transitions`, token: tårnby, body: { to: 'searching' } });
    expectProblem('transition from cancelled', moved, 409);
    expect(moved.body).toMatchObject({
      type: 'urn:rs:problem:illegal-transition',
      detail: expect.stringContaining('the order is cancelled'),
      detail_da: expect.stringContaining('annulleret'),
    });
    const closed = await send({ method: 'POST', path: `/orders/${orderId}/close`, token: tårnby, body: { outcome: 'filled' } });
    expectProblem('close a cancelled order', closed, 409);
    expect((closed.body as { detail: string }).detail).toContain('cancelled');
  });
});
