import { jobcentreToken, type RunningService } from '@rs/testkit';
import { QUARTER } from './quarter-kit';
import { principals, type ReportingApi, reportingRouteTable, reportingWithQuarter } from './reporting-api-kit';

/**
 * reporting's HTTP API as documented: every routed path in /openapi.json, every route answering
 * as declared, for each role (R14: a consultant its own jobcentre, the secretariat its own
 * cooperation, nobody another cooperation's per-jobcentre detail unless admin) and bad input.
 */
const table = reportingRouteTable();
const { admin, hrsSecretariat, jrsSecretariat, taarnby, phoneLine, onboarding } = principals;
const Q = QUARTER.id;

describe('reporting HTTP API', () => {
  let api: ReportingApi;
  let reporting: RunningService;
  const call: ReportingApi['call'] = (c) => api.call(c);
  const expectOk: ReportingApi['ok'] = (c, status) => api.ok(c, status);

  beforeAll(async () => {
    api = await reportingWithQuarter(11, 4, async ({ call }) => {
      const r = await call({ method: 'GET', path: `/figures?cooperation=HRS&period=${Q}`, token: admin });
      return (r.body as { figures: { orders: { received: number } } }).figures.orders.received === 4;
    });
    reporting = api.reporting;
  }, 90_000);
  afterAll(async () => api?.platform.dispose());

  it('documents exactly the routes express serves', async () => {
    expect(table.routed).toEqual(table.documented);
    const served = (await (await fetch(`${reporting.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(served.paths).sort()).toEqual([...new Set(table.documented.map((r) => r.split(' ')[1]))].sort());
  });

  it('shows the secretariat its cooperation with a row per member, and an admin any cooperation', async () => {
    const own = await expectOk({ method: 'GET', path: `/figures?period=${Q}`, token: hrsSecretariat });
    expect(own.body).toMatchObject({ cooperation: 'HRS', jobcentre: null });
    expect((own.body as { jobcentres: unknown[] }).jobcentres).toHaveLength(16);
    const jrs = await expectOk({ method: 'GET', path: `/figures?cooperation=JRS&period=${Q}`, token: admin });
    expect((jrs.body as { jobcentres: unknown[] }).jobcentres).toHaveLength(17);
    const one = await expectOk({ method: 'GET', path: `/figures?jobcentre=185&period=${Q}`, token: hrsSecretariat });
    expect(one.body).toMatchObject({ jobcentre: 185, jobcentres: [] });
  });

  it('shows a consultant its own jobcentre only', async () => {
    const own = await expectOk({ method: 'GET', path: `/figures?period=${Q}`, token: taarnby });
    expect(own.body).toMatchObject({ cooperation: 'HRS', jobcentre: 185, jobcentres: [] });
    await expectOk({ method: 'GET', path: `/figures?jobcentre=185`, token: taarnby });
  });

  it('refuses another cooperation, another jobcentre, other roles and no token', async () => {
    for (const [token, path] of [
      [hrsSecretariat, '/figures?cooperation=JRS'],
      [jrsSecretariat, '/figures?cooperation=HRS&jobcentre=185'],
      [taarnby, '/figures?jobcentre=101'],
      [taarnby, '/figures?cooperation=JRS'],
      [phoneLine, '/figures?cooperation=HRS'],
      [onboarding, '/figures'],
      [hrsSecretariat, '/figures?cooperation=HRS&jobcentre=330'],
      [taarnby, '/figures/report.csv?jobcentre=101'],
      [hrsSecretariat, '/figures/report.csv?cooperation=JRS'],
      [phoneLine, '/thresholds'],
    ] as const) {
      const answer = await call({ method: 'GET', path, token });
      expect({ path, status: answer.status, problems: answer.problems }).toEqual({ path, status: 403, problems: [] });
    }
    expect((await call({ method: 'GET', path: '/figures' })).status).toBe(401);
    // An admin may see any jobcentre: one outside the cooperation is a bad query naming the field, not a refusal.
    const outside = await call({ method: 'GET', path: '/figures?cooperation=HRS&jobcentre=330', token: admin });
    expect({ status: outside.status, body: outside.body, problems: outside.problems }).toMatchObject({
      status: 400,
      body: { errors: [{ field: 'query.jobcentre' }] },
      problems: [],
    });
  });

  it('answers bad input with a problem naming the field', async () => {
    for (const path of [
      '/figures?cooperation=HRS&period=2026-Q5',
      '/figures?cooperation=XYZ',
      '/figures?cooperation=HRS&jobcentre=abc',
      '/figures?cooperation[$ne]=HRS',
    ]) {
      const answer = await call({ method: 'GET', path, token: admin });
      expect({ path, status: answer.status, problems: answer.problems }).toEqual({ path, status: 400, problems: [] });
    }
    const period = await call({ method: 'GET', path: '/figures?cooperation=HRS&period=2026-Q5', token: admin });
    expect(JSON.stringify(period.body)).toContain('period');
    const noCooperation = await call({ method: 'GET', path: '/figures', token: admin });
    expect(noCooperation.status).toBe(400);
    expect(JSON.stringify(noCooperation.body)).toMatch(/Angiv samarbejdet/);
  });

  it('exports the quarterly report as CSV for Danish Excel', async () => {
    await expectOk({ method: 'GET', path: `/figures/report.csv?cooperation=HRS&period=${Q}`, token: admin });
    const res = await fetch(`${reporting.url}/figures/report.csv?period=${Q}`, { headers: { authorization: `Bearer ${hrsSecretariat}` } });
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="kvartalsrapport-HRS-${Q}.csv"`);
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]!.split(';').slice(0, 4)).toEqual(['Samarbejde', 'Periode', 'Jobcenter', 'Ordrer modtaget']);
    expect(lines).toHaveLength(1 + 1 + 16);
    expect(lines[1]).toMatch(/^HRS;2026-Q3;I alt \(HRS\);4;/);
    expect(lines.some((l) => l.includes(';Tårnby;') || l.includes(';Høje-Taastrup;'))).toBe(true);
    expect(lines[1]).not.toMatch(/\d\.\d/);
    await expectOk({ method: 'GET', path: `/figures/report.csv?period=${Q}`, token: taarnby });
    await expectOk({ method: 'GET', path: '/thresholds', token: taarnby });
  });

  it('fills in and exports the KKR scheme, proposing from the platform’s data until the municipality marks it', async () => {
    const recs = await expectOk({ method: 'GET', path: '/kkr/recommendations?year=2026', token: taarnby });
    expect((recs.body as unknown[]).length).toBe(5);
    const before = await expectOk({ method: 'GET', path: '/kkr/schemes/185?year=2026', token: taarnby });
    const rows = (before.body as { rows: Array<{ recommendation: { id: string }; current: { source: string; status: string } | null }> })
      .rows;
    expect(rows.find((r) => r.recommendation.id === 'kkr-2026-1')?.current).toMatchObject({ source: 'platform', status: 'green' });
    const body = { recommendationId: 'kkr-2026-4', year: 2026, status: 'yellow', remark: 'Forløb aftalt med Tårnby Kommune' };
    const marked = await expectOk({ method: 'POST', path: '/kkr/schemes/185/statuses', token: taarnby, body }, 201);
    expect(marked.body).toMatchObject({ municipality: 185, status: 'yellow', by: 'consultant-185' });
    await expectOk({ method: 'POST', path: '/kkr/schemes/185/statuses', token: taarnby, body: { ...body, status: 'green' } }, 201);
    const after = await expectOk({ method: 'GET', path: '/kkr/schemes/185?year=2026', token: hrsSecretariat });
    const row = (after.body as { rows: Array<{ recommendation: { id: string }; current: unknown; history: unknown[] }> }).rows.find(
      (r) => r.recommendation.id === 'kkr-2026-4',
    )!;
    expect(row.current).toMatchObject({ status: 'green', source: 'municipality' });
    expect(row.history).toHaveLength(2);

    const csv = await (
      await fetch(`${reporting.url}/kkr/schemes/185/scheme.csv?year=2026`, { headers: { authorization: `Bearer ${taarnby}` } })
    ).text();
    expect(csv).toContain('Tårnby;2026;kkr-2026-4;Opkvalificering;');
    expect(csv).toContain(';grøn;');
    await expectOk({ method: 'GET', path: '/kkr/schemes/169/scheme.csv?year=2026', token: hrsSecretariat });
    const overview = await expectOk({ method: 'GET', path: '/kkr/overview.csv?year=2026', token: hrsSecretariat });
    expect(String(overview.body)).toContain('Høje-Taastrup;2026;kkr-2026-1');
    await expectOk({ method: 'GET', path: '/kkr/overview.csv?year=2026&cooperation=JRS', token: admin });
  });

  it('refuses the KKR scheme to others and bad marks', async () => {
    const cases: Array<[Parameters<ReportingApi['call']>[0], number]> = [
      [{ method: 'GET', path: '/kkr/schemes/185', token: jobcentreToken(101) }, 403],
      [{ method: 'GET', path: '/kkr/schemes/185', token: jrsSecretariat }, 403],
      [{ method: 'GET', path: '/kkr/schemes/999', token: admin }, 404],
      [{ method: 'GET', path: '/kkr/schemes/abc', token: admin }, 400],
      [{ method: 'GET', path: '/kkr/schemes/185?year=1999', token: admin }, 400],
      [{ method: 'GET', path: '/kkr/recommendations', token: phoneLine }, 403],
      [{ method: 'GET', path: '/kkr/overview.csv', token: taarnby }, 403],
      [{ method: 'GET', path: '/kkr/overview.csv?cooperation=JRS', token: hrsSecretariat }, 403],
      [{ method: 'GET', path: '/kkr/overview.csv?cooperation=HRS', token: jrsSecretariat }, 403],
      [{ method: 'GET', path: '/kkr/schemes/185/scheme.csv', token: jobcentreToken(101) }, 403],
      [
        {
          method: 'POST',
          path: '/kkr/schemes/185/statuses',
          token: hrsSecretariat,
          body: { recommendationId: 'kkr-2026-1', year: 2026, status: 'red' },
        },
        403,
      ],
      [
        {
          method: 'POST',
          path: '/kkr/schemes/185/statuses',
          token: taarnby,
          body: { recommendationId: 'kkr-2026-1', year: 2026, status: 'blue' },
        },
        400,
      ],
      [
        {
          method: 'POST',
          path: '/kkr/schemes/185/statuses',
          token: taarnby,
          body: { recommendationId: 'kkr-2026-1', year: 2026, status: 'red', extra: 1 },
        },
        400,
      ],
      [
        {
          method: 'POST',
          path: '/kkr/schemes/185/statuses',
          token: taarnby,
          body: { recommendationId: 'kkr-2026-5', year: 2026, status: 'red' },
        },
        422,
      ],
      [
        {
          method: 'POST',
          path: '/kkr/schemes/185/statuses',
          token: taarnby,
          body: { recommendationId: 'nope', year: 2026, status: 'red' },
        },
        422,
      ],
    ];
    for (const [c, status] of cases) {
      const answer = await call(c);
      expect({ path: `${c.method} ${c.path}`, status: answer.status, problems: answer.problems }).toEqual({
        path: `${c.method} ${c.path}`,
        status,
        problems: [],
      });
    }
  });
});
