import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EXCHANGES, type MessageName, makeEnvelope, type PayloadOf } from '@rs/contracts';
import { pdfText, type RunningService, tokenFor, waitFor } from '@rs/testkit';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot, seriousViolations, signIn } from './browser-helpers';

/**
 * The steering group's dashboard and the KKR scheme in Debian's Chromium (issue 20, parts 3–5):
 * a quarter of HRS facts goes in through reporting's own ingestion (the events on the bus, as
 * order-intake and broadcast publish them); the secretariat sees tiles, charts drawn on their
 * canvases and the tables behind them, a filter changes them, the CSV and the PDF download with
 * the Danish letters intact; Tårnby fills in its KKR scheme and exports it, the secretariat the
 * collected overview; nobody sees more than the API grants, by URL either.
 */
const Q = '2026-Q3';
const at = (iso: string, minutes = 0) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

function quarterEvents() {
  const out: Array<{ name: MessageName; body: ReturnType<typeof makeEnvelope> }> = [];
  const add = <N extends MessageName>(name: N, data: PayloadOf<N>, time: string) =>
    out.push({
      name,
      body: makeEnvelope(name, data, { id: randomUUID(), time: new Date(time), source: '/services/test', correlationId: 'seed' }),
    });
  const order = (orderId: string, lead: number, registeredAt: string, positions = 1) =>
    add(
      'order.registered',
      {
        orderId,
        leadJobcentre: lead,
        cooperation: 'HRS',
        registeredAt,
        order: {
          title: 'Social- og sundhedshjælper',
          occupation: '5322',
          positions,
          municipality: lead,
          companyName: 'Plejecenter Tårnby',
          description: '',
        },
        broadcast: null,
        channel: 'phone-line',
        intakeChannel: 'phone-line',
      },
      registeredAt,
    );
  const close = (orderId: string, lead: number, outcome: 'filled' | 'unfilled', closedAt: string) =>
    add('order.closed', { orderId, leadJobcentre: lead, outcome, closedAt }, closedAt);
  // Tårnby's order in July: a round to three members (one in time, one late, one never), filled by København.
  const a = `dash-a-${randomUUID()}`;
  order(a, 185, '2026-07-06T08:00:00.000Z');
  const round = `${a}-1`;
  const opened = '2026-07-06T09:00:00.000Z';
  const deadline = at(opened, 2880);
  add(
    'round.opened',
    { roundId: round, orderId: a, leadJobcentre: 185, scope: 'cooperation', recipients: [101, 169, 147], openedAt: opened, deadline },
    opened,
  );
  const reply = (recipient: number, minutes: number, late: boolean) =>
    add(
      'round.reply-recorded',
      {
        roundId: round,
        orderId: a,
        leadJobcentre: 185,
        recipient,
        answer: 'none',
        candidateCount: 0,
        late,
        amended: false,
        repliedAt: at(opened, minutes),
      },
      at(opened, minutes),
    );
  reply(101, 90, false);
  for (const recipient of [169, 147])
    add('round.recipient-overdue', { roundId: round, orderId: a, leadJobcentre: 185, recipient, deadline }, deadline);
  reply(169, 3000, true);
  add(
    'order.candidate-hired',
    { orderId: a, jobcentre: 101, candidateRef: 'c-a-1', hiredAt: '2026-07-15T10:00:00.000Z', cooperation: 'HRS' },
    '2026-07-15T10:00:00.000Z',
  );
  close(a, 185, 'filled', '2026-07-15T11:00:00.000Z');
  // Høje-Taastrup's order in August: the 1-day service goal breached, closed unfilled.
  const b = `dash-b-${randomUUID()}`;
  order(b, 169, '2026-08-04T08:00:00.000Z');
  add(
    'order.service-goal-alert',
    {
      orderId: b,
      goal: 'dialogue',
      kind: 'breach',
      leadJobcentre: 169,
      cooperation: 'HRS',
      registeredAt: '2026-08-04T08:00:00.000Z',
      dueAt: '2026-08-05T08:00:00.000Z',
      workingDays: 1,
      at: '2026-08-05T08:00:00.000Z',
    },
    '2026-08-05T08:00:00.000Z',
  );
  close(b, 169, 'unfilled', '2026-08-28T12:00:00.000Z');
  // København's order in September, still open.
  order(`dash-c-${randomUUID()}`, 101, '2026-09-14T08:00:00.000Z');
  return out;
}

describe('the dashboard and the KKR scheme in a browser', () => {
  let reporting: RunningService;
  let webUrl = '';
  const suite = browserSuite({
    pages: { acceptDownloads: true, viewport: { width: 1280, height: 900 } },
    services: async (platform) => {
      reporting = await platform.start('reporting');
      for (const { name, body } of quarterEvents()) await platform.bus.publish(EXCHANGES.events, name, body);
      const admin = tokenFor({ role: 'admin', sub: 'test' });
      await waitFor(
        async () => {
          const res = await fetch(`${reporting.url}/figures?cooperation=HRS&period=${Q}`, {
            headers: { authorization: `Bearer ${admin}` },
          });
          const body = (await res.json()) as { figures?: { orders: { received: number; filled: number }; replies: { late: number } } };
          return body.figures?.orders.received === 3 && body.figures.orders.filled === 1 && body.figures.replies.late === 1;
        },
        { what: "the quarter's facts in reporting", timeoutMs: 30_000 },
      );
      return { reporting };
    },
    ready: async (s) => {
      webUrl = s.url;
    },
  });
  const newPage = (): Promise<Page> => suite.page();
  const downloaded = async (page: Page, testId: string) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
    return { name: download.suggestedFilename(), bytes: readFileSync((await download.path())!) };
  };
  /** Every chart on the page is drawn: Chart.js said so, and its canvas has coloured pixels. */
  const chartsDrawn = async (page: Page, ids: string[]) => {
    for (const id of ids) {
      const canvas = page.getByTestId(id);
      await canvas.and(page.locator('[data-drawn="true"]')).waitFor();
      // No DOM types in this project's compiler settings: the canvas is described by what is used.
      type Canvas = {
        width: number;
        height: number;
        getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } };
      };
      const painted = await canvas.evaluate((element) => {
        const c = element as unknown as Canvas;
        const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      });
      expect({ id, painted: painted > 500 }).toEqual({ id, painted: true });
    }
  };
  const allFigure = (page: Page, path: string) => page.locator(`[data-testid="table-all"] tr[data-path="${path}"] td`).textContent();

  it('shows the secretariat its tiles with lights, drawn charts and their tables; a filter changes them; CSV and PDF download with æøå intact', async () => {
    const page = await newPage();
    await signIn(page, webUrl, 'sekretariat');
    // The secretariat's first screen is the quarter's figures.
    await page.waitForURL(/\/dashboard$/);
    await chartsDrawn(page, ['chart-rates', 'chart-counts', 'chart-bars']);
    expect(await page.getByTestId('tile').count()).toBeGreaterThanOrEqual(8);
    expect(await page.getByTestId('jobcentre-row').count()).toBe(16);
    const before = await allFigure(page, 'orders.received');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-01-current-quarter');

    // The filter is a GET form: the filtered view has its own address.
    await page.getByLabel('Periode').selectOption(Q);
    await page.getByLabel('Tal i søjlerne pr. jobcenter').selectOption('replyInTimeRate');
    await page.getByRole('button', { name: 'Vis tal' }).click();
    await page.waitForURL(new RegExp(`period=${Q}`));
    await chartsDrawn(page, ['chart-rates', 'chart-counts', 'chart-bars']);
    expect(await page.getByTestId('dashboard-heading').textContent()).toContain('3. kvartal 2026');
    expect(await allFigure(page, 'orders.received')).toBe('3');
    expect(before).not.toBe('3');
    const fill = page.locator('[data-testid="tile"][data-figure="fillRate"]');
    expect(await fill.getByTestId('tile-value').textContent()).toBe('50 %');
    // The light is a word and an icon, not colour alone.
    expect(await fill.getByTestId('light').textContent()).toContain('Rød');
    expect(await fill.locator('svg use').getAttribute('href')).toContain('#error');
    const taarnby = page.locator('[data-testid="jobcentre-row"][data-jobcentre="185"]');
    expect(await taarnby.locator('th').textContent()).toBe('Tårnby (185)');
    // The tables behind the charts: open on demand, the same months the line chart draws.
    await page.getByText('Vis tallene som tabel').first().click();
    expect(await page.getByTestId('table-rates').locator('tbody tr').count()).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('table-counts').textContent()).toContain('september 2026');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-02-filtered-q3');

    const csv = await downloaded(page, 'export-csv');
    expect(csv.name).toBe(`kvartalsrapport-HRS-${Q}.csv`);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = csv.bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toContain('Samarbejde;Periode;Jobcenter;Ordrer modtaget');
    expect(text).toContain(';Tårnby;');
    expect(text).toContain(';Høje-Taastrup;');
    const pdf = await downloaded(page, 'export-pdf');
    expect(pdf.name).toBe(`kvartalsrapport-HRS-${Q}.pdf`);
    const pages = (await pdfText(pdf.bytes)).join('\n');
    expect(pages).toContain('Tårnby');
    expect(pages).toContain('Høje-Taastrup');
    expect(pages).toContain('Besættelsesgrad');
  });

  it('lets Tårnby fill in its KKR scheme (validated, marked apart from the platform’s proposals) and export it', async () => {
    const page = await newPage();
    await signIn(page, webUrl, 'taarnby');
    await page.goto(`${webUrl}/kkr?year=2026`);
    await page.waitForURL(/\/kkr\/schemes\/185\?year=2026$/);
    expect(await page.getByTestId('kkr-heading').textContent()).toContain('Tårnby');
    expect(await page.locator('[data-testid="kkr-cycle"] li[aria-current="step"]').count()).toBe(1);
    const membership = page.locator('[data-testid="kkr-row"][data-recommendation="kkr-2026-1"]');
    expect(await membership.getByTestId('kkr-source').getAttribute('data-source')).toBe('platform');
    expect(await membership.getByTestId('kkr-source').textContent()).toContain('Platformens forslag');

    // Without a status the form is refused, with the message at the field.
    const upskilling = page.locator('[data-testid="kkr-row"][data-recommendation="kkr-2026-4"]');
    await upskilling.getByLabel('Bemærkning').fill('Forløb aftalt med Høje-Taastrup');
    await upskilling.getByRole('button', { name: /Gem status/ }).click();
    await page.getByTestId('kkr-errors').waitFor();
    const again = page.locator('[data-testid="kkr-row"][data-recommendation="kkr-2026-4"]');
    expect(await again.locator('.form-error-message').textContent()).toContain('Vælg grøn, gul eller rød');
    expect(await again.getByLabel('Bemærkning').inputValue()).toBe('Forløb aftalt med Høje-Taastrup');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-03-kkr-invalid');

    await again.getByLabel('Gul').check();
    await again.getByRole('button', { name: /Gem status/ }).click();
    await page.getByTestId('flash').waitFor();
    expect(await page.getByTestId('flash').textContent()).toContain('Status er gemt');
    const saved = page.locator('[data-testid="kkr-row"][data-recommendation="kkr-2026-4"]');
    expect(await saved.getByTestId('kkr-status').textContent()).toContain('Gul');
    expect(await saved.getByTestId('kkr-source').getAttribute('data-source')).toBe('municipality');
    expect(await saved.getByTestId('kkr-history').locator('summary').textContent()).toContain('Historik (1)');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-04-kkr-saved');

    const csv = (await downloaded(page, 'kkr-scheme-csv')).bytes.toString('utf8');
    expect(csv).toContain('Tårnby;2026;kkr-2026-4;Opkvalificering;');
    expect(csv).toContain(';gul;Forløb aftalt med Høje-Taastrup;kommunen;');
    const pdf = (await pdfText((await downloaded(page, 'kkr-scheme-pdf')).bytes)).join('\n');
    expect(pdf).toContain('KKR-fremdriftsskema 2026: Tårnby');
    expect(pdf).toContain('Høje-Taastrup');

    // A consultant sees its own jobcentre's figures only, and no other's by URL.
    await page.goto(`${webUrl}/dashboard?period=${Q}`);
    expect(await page.getByTestId('dashboard-heading').textContent()).toContain('Tårnby (185)');
    expect(await page.getByTestId('jobcentre-row').count()).toBe(0);
    expect((await page.goto(`${webUrl}/dashboard?jobcentre=101`))?.status()).toBe(403);
    expect((await page.goto(`${webUrl}/dashboard/report.csv?jobcentre=101`))?.status()).toBe(403);
    expect((await page.goto(`${webUrl}/kkr/schemes/101`))?.status()).toBe(403);
    expect((await page.goto(`${webUrl}/kkr/overview.csv`))?.status()).toBe(403);
  });

  it('gives the secretariat the collected KKR overview with Tårnby’s mark, as CSV and PDF, and nothing of the other cooperation', async () => {
    const page = await newPage();
    await signIn(page, webUrl, 'sekretariat');
    await page.goto(`${webUrl}/kkr`);
    const overview = page.getByTestId('kkr-overview');
    expect(await overview.locator('tbody tr').count()).toBe(16);
    const row = overview.locator('tr[data-municipality="185"]');
    expect(await row.locator('td').nth(3).textContent()).toContain('Gul');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard-05-kkr-overview');
    const csv = (await downloaded(page, 'kkr-overview-csv')).bytes.toString('utf8');
    expect(csv).toContain('Høje-Taastrup;2026;kkr-2026-1');
    expect(csv).toContain(';gul;Forløb aftalt med Høje-Taastrup;');
    const pdf = (await pdfText((await downloaded(page, 'kkr-overview-pdf')).bytes)).join('\n');
    expect(pdf).toContain('Tårnby');
    expect(pdf).toContain('Høje-Taastrup');
    // The secretariat reads a member's scheme but does not mark it; the other cooperation's is closed.
    await page.goto(`${webUrl}/kkr/schemes/185?year=2026`);
    expect(await page.getByTestId('kkr-form').count()).toBe(0);
    expect((await page.goto(`${webUrl}/kkr/schemes/330`))?.status()).toBe(403);
    expect((await page.goto(`${webUrl}/dashboard?cooperation=JRS`))?.status()).toBe(403);
    expect((await page.goto(`${webUrl}/dashboard/report.pdf?cooperation=JRS&jobcentre=330`))?.status()).toBe(403);
  });

  it('shows an admin any cooperation with its members, and the first until one is chosen', async () => {
    const page = await newPage();
    await signIn(page, webUrl, 'admin');
    await page.goto(`${webUrl}/dashboard`);
    expect(await page.getByTestId('dashboard-heading').textContent()).toContain('(HRS)');
    await page.getByLabel('Samarbejde').selectOption('JRS');
    await page.getByRole('button', { name: 'Vis tal' }).click();
    await page.waitForURL(/cooperation=JRS/);
    expect(await page.getByTestId('jobcentre-row').count()).toBe(17);
    await chartsDrawn(page, ['chart-rates', 'chart-counts', 'chart-bars']);

    // A jobcentre alone means its own cooperation (no 403); one outside the chosen cooperation is left out, with a notice.
    expect((await page.goto(`${webUrl}/dashboard?jobcentre=330`))?.status()).toBe(200);
    expect(await page.getByTestId('dashboard-heading').textContent()).toContain('(330)');
    expect((await page.goto(`${webUrl}/dashboard?cooperation=HRS&jobcentre=330&period=1999-Q1`))?.status()).toBe(200);
    expect(await page.getByTestId('dashboard-heading').textContent()).toContain('(HRS)');
    const notices = await page.getByTestId('filter-notice').allTextContents();
    expect(notices.join('\n')).toContain('Jobcenter 330 er ikke medlem af HRS');
    expect(notices.join('\n')).toContain('periode');
    await screenshot(page, 'dashboard-06-admin-notice');
  });
});
