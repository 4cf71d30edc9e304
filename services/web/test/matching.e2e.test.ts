import type { SharedCv } from '@rs/contracts';
import type { RunningService } from '@rs/testkit';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot, seriousViolations, shareCvs, signIn } from './browser-helpers';

/**
 * A consultant's search across the jobcentres in Debian's Chromium (issue 17): København (101)
 * and Hvidovre (167) have warehouse workers in the pool, some with a forklift certificate;
 * Tårnby (185) searches with that certificate as a hard requirement and sees only those who
 * have it, grouped by home jobcentre with their reasons, in Danish and then in English; it asks
 * København about one (a CPR-shaped question is refused at its field), and København's
 * consultant finds the question, its stale CV and Tårnby's search in the log on "our CVs".
 */
const KBH = 101;
const HVIDOVRE = 167;

const cv = (ref: string, municipality: number, over: Partial<SharedCv> = {}): SharedCv => ({
  candidateRef: ref,
  revision: new Date().toISOString(),
  headline: 'Lagerarbejder',
  occupations: [{ code: '9321', years: 4 }],
  skills: ['pakning', 'lager'],
  languages: [{ code: 'da', level: 'C1' }],
  municipality,
  summary: { da: 'Lagerarbejder med erfaring' },
  visibility: { searchable: true },
  ...over,
});

describe('searching candidates across the jobcentres, and asking their jobcentre', () => {
  let matching: RunningService;
  let webUrl = '';
  const suite = browserSuite({
    jobcentres: [KBH, HVIDOVRE],
    services: async (platform, s) => {
      matching = await platform.start('matching');
      await shareCvs(s, matching, {
        [KBH]: [
          cv('kbh-truck', 101, { headline: 'Lagerarbejder med truckcertifikat', certificates: ['forklift'], licenceCategories: ['B'] }),
          cv('kbh-plain', 101),
          // Not updated since January: "our CVs" asks København to update it.
          cv('kbh-old', 101, { headline: 'Kontorassistent', occupations: ['4110'], revision: '2026-01-05T08:00:00Z' }),
        ],
        [HVIDOVRE]: [
          cv('hvi-truck', 167, { headline: 'Truckfører', certificates: ['forklift', 'first-aid'], noticeDays: 7 }),
          cv('hvi-plain', 167),
        ],
      });
      return { matching };
    },
    ready: async (s) => {
      webUrl = s.url;
    },
  });
  const newPage = (): Promise<Page> => suite.page();

  it('Tårnby searches with a hard requirement, sees only who meets it, grouped by jobcentre with reasons, in Danish and English, and asks København', async () => {
    const page = await newPage();
    await signIn(page, webUrl, 'taarnby');
    await page.getByRole('link', { name: 'Søg kandidater' }).first().click();
    await page.waitForURL(/\/candidates$/);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Fag (DISCO-08)').fill('9321');
    await page.getByLabel('Truckcertifikat').check();
    await page.getByLabel('Formål med søgningen').fill('ordre til lager i Dragør');
    await screenshot(page, 'matching-01-search-form');
    await page.getByRole('button', { name: 'Søg', exact: true }).click();
    await page.waitForURL(/\/candidates\/results$/);
    await page.getByTestId('results').waitFor();

    const refs = await page.getByTestId('candidate').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ref')));
    expect(refs.sort()).toEqual(['hvi-truck', 'kbh-truck']);
    const groups = await page.getByTestId('group').evaluateAll((g) => g.map((s) => s.getAttribute('data-jobcentre')));
    expect(groups.sort()).toEqual(['101', '167']);
    const kbh = page.locator('[data-testid="group"][data-jobcentre="101"]');
    expect(await kbh.locator('h3').textContent()).toContain('København (101) – kandidater: 1');
    const reasons = kbh.locator('[data-testid="candidate"][data-ref="kbh-truck"] [data-testid="reasons"]');
    expect(await reasons.textContent()).toContain('Samme fag (9321)');
    expect(await reasons.textContent()).toContain('Opfylder alle krav i ordren');
    // Pseudonymous: the reference and the headline, never a name or a CPR number.
    expect(await page.getByTestId('results').textContent()).not.toMatch(/\d{6}-?\d{4}/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'matching-02-results-da');

    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/\/candidates\/results$/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const english = page.locator('[data-testid="candidate"][data-ref="kbh-truck"] [data-testid="reasons"]');
    expect(await english.textContent()).toContain('Same occupation (9321)');
    expect(await english.textContent()).toContain('Meets every requirement of the order');
    expect(await page.locator('[data-testid="candidate"][data-ref="hvi-truck"]').textContent()).toContain('Forklift certificate');
    await screenshot(page, 'matching-03-results-en');

    const ask = page.locator('[data-testid="candidate"][data-ref="kbh-truck"]').getByRole('link', { name: /^Ask the jobcentre/ });
    expect(await ask.textContent()).toContain('København (101), candidate kbh-truck');
    await ask.click();
    await page.waitForURL(/\/candidates\/ask\?/);
    expect(await page.getByTestId('ask-lead').textContent()).toContain('København (101)');
    await page.getByLabel('Company').fill('Dragør Lager ApS');
    await page.getByLabel('Your question').fill('Is 010190-1234 still looking? Can start 4 January?');
    await page.getByRole('button', { name: 'Send the question' }).click();
    await page.getByTestId('question-error').waitFor();
    expect(await page.getByTestId('question-error').textContent()).toContain('CPR');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'matching-04-ask-cpr-refused');
    await page.getByLabel('Your question').fill('Can the candidate start at our warehouse in Dragør on 4 January?');
    await page.getByRole('button', { name: 'Send the question' }).click();
    await page.getByTestId('flash').waitFor();
    expect(await page.getByTestId('flash').textContent()).toContain("The question was sent to the candidate's jobcentre");
    expect(await page.getByTestId('sent').textContent()).toContain('kbh-truck');
    await screenshot(page, 'matching-05-question-sent');
  });

  it('København\'s consultant sees the question, its stale CV and Tårnby\'s search on "our CVs"; Hvidovre may not open it', async () => {
    const page = await newPage();
    await signIn(page, webUrl, 'kobenhavn');
    await page.getByRole('link', { name: "Vores cv'er" }).first().click();
    await page.waitForURL(/\/jobcentres\/101\/cvs$/);
    expect(await page.getByTestId('in-pool').textContent()).toBe('3');
    expect(await page.getByTestId('stale').textContent()).toContain('kbh-old');
    expect(await page.getByTestId('stale-what').textContent()).toContain('rs-connector sync');
    const inquiry = page.locator('[data-testid="inquiry"][data-ref="kbh-truck"]');
    expect(await inquiry.textContent()).toContain('Can the candidate start at our warehouse in Dragør on 4 January?');
    expect(await inquiry.textContent()).toContain('Tårnby (185)');
    expect(await inquiry.getByTestId('status').textContent()).toContain('Afventer svar');
    expect(await page.getByTestId('inquiries').textContent()).not.toContain('010190');
    // The search was Tårnby's, recorded by matching's read log (one read per candidate shown, twice: Danish, then English).
    const searchReads = page.locator('[data-testid="read"][data-kind="search"]');
    expect(await searchReads.count()).toBe(2);
    expect(await searchReads.first().textContent()).toContain('ordre til lager i Dragør');
    expect(await searchReads.first().textContent()).toContain('Tårnby (185)');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'matching-06-our-cvs-101');

    const other = await newPage();
    await signIn(other, webUrl, 'hvidovre');
    expect((await other.goto(`${webUrl}/jobcentres/101/cvs`))?.status()).toBe(404);
    await other.goto(`${webUrl}/our-cvs`);
    await other.waitForURL(/\/jobcentres\/167\/cvs$/);
    expect(await other.getByTestId('inquiries-none').count()).toBe(1);
    await screenshot(other, 'matching-07-our-cvs-167');
  });
});
