import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jobcentreToken, pdfText, type RunningService } from '@rs/testkit';
import { trendMonths } from '../src/domain/dashboard-view';
import { parsePeriod } from '../src/domain/period';
import { LIT_FIGURES } from '../src/domain/thresholds';
import { QUARTER } from './quarter-kit';
import { principals, type ReportingApi, reportingWithQuarter } from './reporting-api-kit';

/**
 * The dashboard's view, the quarterly report as PDF and the KKR scheme's cycle, overview and PDFs
 * (issue 20, parts 3 and 4): the figures the page and the PDF show, Danish letters intact in the
 * PDF's text as a reader extracts it, and who may see what (R14), by URL as well.
 */
const { admin, hrsSecretariat: hrs, jrsSecretariat: jrs, taarnby, phoneLine } = principals;
const Q = QUARTER.id;
/** The PDFs as made, for a person to look at. */
const OUTPUT = join(__dirname, '..', '..', '..', 'test-output', 'reports');

interface View {
  cooperation: string;
  jobcentre: number | null;
  tiles: Array<{ figure: string; label: { da: string }; value: number | null; light: string | null }>;
  jobcentres: Array<{ jobcentre: number; name: string; values: Record<string, { value: number | null }> }>;
  trend: Array<{ period: string; values: Record<string, number | null> }>;
  trendSeries: { rates: string[]; counts: string[] };
  all: Array<{ path: string; value: number | null }>;
}

describe('reporting: the dashboard, the PDF report and the KKR exports', () => {
  let api: ReportingApi;
  let reporting: RunningService;
  const call: ReportingApi['call'] = (c) => api.call(c);
  const ok: ReportingApi['ok'] = (c) => api.ok(c);
  const pdf = async (path: string, token: string) => {
    const res = await fetch(`${reporting.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    mkdirSync(OUTPUT, { recursive: true });
    writeFileSync(join(OUTPUT, (res.headers.get('content-disposition') ?? '').replace(/.*filename="([^"]+)".*/, '$1')), bytes);
    return { text: (await pdfText(bytes)).join('\n'), disposition: res.headers.get('content-disposition') };
  };

  beforeAll(async () => {
    api = await reportingWithQuarter(7, 6, async ({ call }) => {
      const r = await call({ method: 'GET', path: `/figures/dashboard?cooperation=JRS&period=${Q}`, token: admin });
      return (r.body as View).all?.find((a) => a.path === 'orders.received')?.value === 6;
    });
    reporting = api.reporting;
  }, 90_000);
  afterAll(async () => api?.platform.dispose());

  it('gives the secretariat its cooperation as tiles, a named row per member and the months up to the quarter', async () => {
    const view = (await ok({ method: 'GET', path: `/figures/dashboard?period=${Q}`, token: hrs })).body as View;
    expect(view.cooperation).toBe('HRS');
    expect(view.tiles.map((t) => t.figure)).toEqual([...LIT_FIGURES]);
    expect(view.tiles.find((t) => t.figure === 'fillRate')?.label.da).toBe('Besættelsesgrad');
    expect(view.jobcentres).toHaveLength(16);
    expect(view.jobcentres.map((j) => j.name)).toEqual(expect.arrayContaining(['Tårnby', 'Høje-Taastrup']));
    // The twelve months up to September 2026, oldest first (trendMonths' own test lists them); the quarter's three add up to the quarter.
    expect(view.trend.map((m) => m.period)).toEqual(trendMonths(parsePeriod(Q)!, '2026-09'));
    expect(view.trend).toHaveLength(12);
    const received = view.all.find((a) => a.path === 'orders.received')!.value;
    expect(received).toBe(6);
    expect(view.trend.slice(-3).reduce((s, m) => s + (m.values['orders.received'] ?? 0), 0)).toBe(received);
    expect(view.trendSeries.rates).toContain('fillRate');
    expect(view.trendSeries.counts).toContain('orders.received');
  });

  it('exports the quarterly report as a PDF whose text has the Danish letters intact', async () => {
    const { text, disposition } = await pdf(`/figures/report.pdf?period=${Q}`, hrs);
    expect(disposition).toBe(`attachment; filename="kvartalsrapport-HRS-${Q}.pdf"`);
    expect(text).toContain('Kvartalsrapport HRS 2026-Q3');
    expect(text).toContain('Tårnby');
    expect(text).toContain('Høje-Taastrup');
    expect(text).toContain('Besættelsesgrad');
    expect(text).toMatch(/grøn|gul|rød/);
    expect(text).toContain('Udvikling pr. måned');
    const own = await pdf(`/figures/report.pdf?period=${Q}`, taarnby);
    expect(own.text).toContain('Jobcenter Tårnby');
    expect(own.text).not.toContain('Høje-Taastrup');
  });

  it('shows a consultant its own jobcentre only, the secretariat its own cooperation, an admin any — by URL too', async () => {
    const own = (await ok({ method: 'GET', path: `/figures/dashboard?period=${Q}`, token: taarnby })).body as View;
    expect(own).toMatchObject({ cooperation: 'HRS', jobcentre: 185, jobcentres: [] });
    await ok({ method: 'GET', path: `/figures/dashboard?cooperation=JRS&period=${Q}`, token: admin });
    await ok({ method: 'GET', path: `/figures/dashboard?jobcentre=185&period=${Q}`, token: hrs });
    for (const [token, path] of [
      [taarnby, '/figures/dashboard?jobcentre=101'],
      [taarnby, '/figures/dashboard?cooperation=JRS'],
      [hrs, '/figures/dashboard?cooperation=JRS'],
      [jrs, '/figures/dashboard?cooperation=HRS&jobcentre=185'],
      [jrs, '/figures/report.pdf?cooperation=HRS'],
      [taarnby, '/figures/report.pdf?jobcentre=101'],
      [phoneLine, '/figures/dashboard?cooperation=HRS'],
      [taarnby, '/kkr/overview'],
      [hrs, '/kkr/overview?cooperation=JRS'],
      [jobcentreToken(101), '/kkr/schemes/185/scheme.pdf'],
      [jrs, '/kkr/schemes/185/scheme.pdf'],
      [taarnby, '/kkr/overview.pdf'],
      [jrs, '/kkr/overview.pdf?cooperation=HRS'],
      [hrs, '/figures/dashboard?cooperation=HRS&jobcentre=330'],
      [phoneLine, '/kkr/cycle'],
    ] as const) {
      const answer = await call({ method: 'GET', path, token });
      expect({ path, status: answer.status, problems: answer.problems }).toEqual({ path, status: 403, problems: [] });
    }
    for (const path of ['/figures/dashboard?cooperation=HRS&period=2026-Q5', '/kkr/cycle?year=1999', '/kkr/schemes/abc/scheme.pdf']) {
      expect((await call({ method: 'GET', path, token: admin })).status).toBe(400);
    }
    expect((await call({ method: 'GET', path: '/kkr/schemes/999/scheme.pdf', token: admin })).status).toBe(404);
    // An admin may see any jobcentre: one outside the cooperation is a bad query naming the field, not a refusal.
    for (const path of ['/figures/dashboard?cooperation=HRS&jobcentre=330', '/figures/report.pdf?cooperation=HRS&jobcentre=330']) {
      const answer = await call({ method: 'GET', path, token: admin });
      expect({ path, status: answer.status, body: answer.body }).toMatchObject({
        path,
        status: 400,
        body: { errors: [{ field: 'query.jobcentre' }] },
      });
    }
    // …and naming only the jobcentre means its own cooperation.
    const jrsRow = (await ok({ method: 'GET', path: `/figures/dashboard?jobcentre=330&period=${Q}`, token: admin })).body as View;
    expect(jrsRow).toMatchObject({ cooperation: 'JRS', jobcentre: 330 });
  });

  it('gives the KKR cycle, the collected overview as data, and both as PDF', async () => {
    const cycle = (await ok({ method: 'GET', path: '/kkr/cycle?year=2026', token: taarnby })).body as {
      phases: Array<{ id: string; from: string }>;
    };
    expect(cycle.phases.map((p) => [p.id, p.from])).toEqual([
      ['marking', '2026-01-01'],
      ['council', '2027-01-01'],
      ['collection', '2027-03-01'],
    ]);
    const overview = (await ok({ method: 'GET', path: '/kkr/overview?year=2026', token: hrs })).body as {
      schemes: Array<{ municipality: number; name: string; rows: Array<{ current: { source: string } | null }> }>;
    };
    expect(overview.schemes).toHaveLength(16);
    expect(overview.schemes.find((s) => s.municipality === 169)?.name).toBe('Høje-Taastrup');
    // Membership is evidence the platform has: proposed for everyone, marked as the platform's.
    expect(overview.schemes.every((s) => s.rows[0]?.current?.source === 'platform')).toBe(true);
    expect((await pdf('/kkr/schemes/185/scheme.pdf?year=2026', hrs)).text).toContain('KKR-fremdriftsskema 2026: Tårnby');
    const all = await pdf('/kkr/overview.pdf?year=2026', hrs);
    expect(all.text).toContain('Høje-Taastrup');
    expect(all.text).toContain('Tårnby');
  });
});
