import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot, seriousViolations } from './browser-helpers';

/**
 * Companies' coming needs in Debian's Chromium (issue 18, parts 6–7): København (101) records a
 * need — first with mistakes, each shown at its field and in the summary — then fixed; the same
 * form sent again records it once; it is listed for its quarter. The secretariat (HRS) sees it in
 * the cooperation's quarter and downloads the CSV (BOM, semicolons, Danish letters intact); Tårnby
 * (185) does not see it. Only upskilling-seat runs (the company is typed; the search degrades to
 * typing when order-intake does not answer). Screenshots needs-NN-*.png.
 */
describe('the coming-needs pages in a browser', () => {
  let webUrl = '';
  const suite = browserSuite({
    pages: { acceptDownloads: true },
    services: async (platform) => ({ upskilling: await platform.start('upskilling-seat') }),
    ready: async (s) => {
      webUrl = s.url;
    },
  });
  const signedInPage = (user: string): Promise<Page> => suite.signedIn(user);

  it('København records a need (a field error first), once, and sees it listed', async () => {
    const page = await signedInPage('kobenhavn');
    await page.goto(`${webUrl}/needs`);
    await page.getByTestId('needs-none').waitFor();
    await page.getByTestId('record-need').click();
    await page.waitForURL(/\/needs\/new$/);

    await page.getByLabel('Virksomhed *').fill('Søholm Smedeværk ApS');
    await page.getByLabel('Antal personer *').fill('0');
    await page.getByLabel('Forventet ansættelse (måned) *').fill('2027-03');
    await page.getByLabel('Ja').check();
    await page.getByTestId('submit-need').click();
    await page.getByTestId('form-errors').waitFor();
    expect(await page.getByTestId('error-occupation').textContent()).toContain('Skriv stillingen');
    expect(await page.getByTestId('error-count').textContent()).toContain('helt antal fra 1 til 10.000');
    expect(await page.getByTestId('error-course').textContent()).toContain('hvilket kursus');
    // What was typed stays, and the summary links to the field.
    expect(await page.getByLabel('Virksomhed *').inputValue()).toBe('Søholm Smedeværk ApS');
    expect(await page.getByTestId('form-errors').locator('a[href="#f-count"]').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'needs-01-form-errors');

    await page.getByLabel('Stilling (DISCO-08) *').fill('7212 Svejser');
    await page.getByLabel('Antal personer *').fill('4');
    await page.getByLabel('Hvilket kursus eller hvilken type').fill('AMU svejsning – rør');
    await page.getByLabel('Bemærkning').fill('Ordre fra Ørestad; starter i marts');
    // The form as the browser would send it again (its CSRF token and idempotency key included).
    type Control = { name: string; value: string; type: string; checked: boolean };
    const form = await page.getByTestId('need-form').evaluate((f) =>
      Object.fromEntries(
        [...f.querySelectorAll('input, textarea')]
          .map((el) => el as unknown as Control)
          .filter((c) => c.type !== 'radio' || c.checked)
          .map((c) => [c.name, c.value]),
      ),
    );
    expect(form.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    await page.getByTestId('submit-need').click();
    await page.waitForURL(/\/needs\?quarter=2027-Q1$/);
    expect(await page.getByTestId('flash').textContent()).toContain('Behovet er registreret');

    // The same form sent again (a double click, a retry) records nothing new.
    const again = await page.request.post(`${webUrl}/needs`, { form, maxRedirects: 0 });
    expect(again.status()).toBe(303);
    await page.reload();
    const rows = page.getByTestId('need-row');
    expect(await rows.count()).toBe(1);
    const row = (await rows.first().textContent()) ?? '';
    expect(row).toContain('Søholm Smedeværk ApS');
    expect(row).toContain('7212 Svejser');
    expect(row).toContain('Ja: AMU svejsning – rør');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'needs-02-own-list');
  }, 90_000);

  it('the secretariat sees it for the quarter and downloads the CSV; Tårnby does not see it', async () => {
    const page = await signedInPage('sekretariat');
    await page.goto(`${webUrl}/needs?quarter=2027-Q1`);
    const row = (await page.getByTestId('need-row').first().textContent()) ?? '';
    expect(row).toContain('Søholm Smedeværk ApS');
    expect(row).toContain('(101)');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'needs-03-secretariat-quarter');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('needs-csv').click()]);
    expect(download.suggestedFilename()).toBe('behov-2027-Q1.csv');
    const bytes = readFileSync((await download.path()) as string);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toMatch(/^Virksomhed;Stilling;Antal;Forventet ansættelse \(måned\);Kvartal;/);
    expect(lines[1]).toMatch(
      /^Søholm Smedeværk ApS;7212 Svejser;4;2027-03;2027-Q1;Ja;AMU svejsning – rør;"Ordre fra Ørestad; starter i marts";101;HRS;/,
    );

    const other = await signedInPage('taarnby');
    await other.goto(`${webUrl}/needs?quarter=2027-Q1`);
    await other.getByTestId('needs-none').waitFor();
    // The CSV by URL is the API's answer for Tårnby: its own needs only (none).
    const csv = await other.request.get(`${webUrl}/needs/export?quarter=2027-Q1`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).not.toContain('Søholm');
    await screenshot(other, 'needs-04-other-jobcentre');
  }, 60_000);
});
