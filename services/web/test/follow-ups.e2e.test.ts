import { jobcentreToken, type RunningService, registerOrder, tokenFor, waitFor } from '@rs/testkit';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot, seriousViolations } from './browser-helpers';

/**
 * The onboarding consultant's follow-ups (R10) in Debian's Chromium: København (101) leads a
 * large project for a København company and records two hires (at Vognmand Hansen) through order-intake's API, one
 * started 30 days ago (its 4-week follow-up overdue), one exactly 28 days ago (due today; the
 * Danish day, as order-intake's). The HRS consultant (indslusning) sees both this week, the
 * overdue first and marked; records "left" without a reason (the API's field error at its field,
 * the summary focused), then "still employed" for the one due today, and finds it done. In
 * English the same list. A jobcentre consultant is refused the page. Only order-intake runs.
 * Screenshots follow-ups-NN-*.png.
 */
const copenhagenDay = (daysAgo: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(Date.now() - daysAgo * 86_400_000),
  );

/** Minutes left of the Danish calendar day. */
const minutesToCopenhagenMidnight = () => {
  const [h, m] = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date())
    .split(':')
    .map(Number);
  return 24 * 60 - (h! * 60 + m!);
};

describe('the follow-up pages in a browser', () => {
  let intake: RunningService;
  let orderId = '';
  const overdueRef = 'c-147-fu-overdue';
  const todayRef = 'c-147-fu-today';
  const suite = browserSuite(
    {
      services: async (platform) => {
        intake = await platform.start('order-intake');
        return { orderIntake: intake };
      },
      ready: async () => {
        // "Due today" and "this week" are the Danish calendar's: a run that would cross midnight
        // there (the days are chosen now, the page is read later) waits for the new day first.
        await waitFor(() => minutesToCopenhagenMidnight() > 3, {
          what: 'a Danish day with time left',
          timeoutMs: 240_000,
          intervalMs: 1_000,
        });
        const lead = jobcentreToken(101);
        orderId = await registerOrder(intake, lead, { positions: 2, largeProject: true });
        for (const [candidateRef, daysAgo] of [
          [overdueRef, 30],
          [todayRef, 28],
        ] as const) {
          const res = await fetch(`${intake.url}/orders/${orderId}/hires`, {
            method: 'POST',
            headers: { authorization: `Bearer ${lead}`, 'content-type': 'application/json' },
            body: JSON.stringify({ jobcentre: 147, candidateRef, startDate: copenhagenDay(daysAgo), weeklyHours: 37 }),
          });
          if (res.status !== 201) throw new Error(`the hire answered ${res.status}: ${await res.text()}`);
        }
        // The follow-ups are planned from order.candidate-hired, through the bus: four (weeks 4 and 13 of each).
        await waitFor(
          async () => {
            const admin = await fetch(`${intake.url}/follow-ups?state=all&orderId=${orderId}`, {
              headers: { authorization: `Bearer ${tokenFor({ role: 'admin', sub: 'test' })}` },
            });
            return admin.ok && ((await admin.json()) as { followUps: unknown[] }).followUps.length === 4;
          },
          { what: 'the four follow-ups planned' },
        );
      },
      // Room for the wait for a new Danish day.
    },
    360_000,
  );
  const noSeriousViolations = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);
  const summaryFocused = (page: Page) =>
    page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { activeElement: { dataset?: { module?: string } } | null } }).document.activeElement?.dataset
          ?.module === 'error-summary',
    );
  const rows = (page: Page) => page.getByTestId('follow-up-row');

  it('the consultant sees the week’s follow-ups, overdue first, and records one; a field error first', async () => {
    // Signing in lands on the consultant's first screen (UI.md): the week's follow-ups.
    const page = await suite.signedIn('indslusning');
    await page.waitForURL(`${suite.url}/follow-ups`);
    expect(await page.getByRole('link', { name: 'Opfølgninger', exact: true }).count()).toBe(1);
    await rows(page).first().waitFor();
    expect(await page.getByTestId('follow-ups-heading').textContent()).toMatch(/^Forfalder i uge \d+ \(\d+\. [a-zæøå]+ \d{4} – /);
    const texts = await rows(page).allTextContents();
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain(overdueRef);
    expect(texts[0]).toContain('Forfalden');
    expect(texts[0]).toContain('Frederiksberg');
    expect(texts[0]).toContain('4 uger');
    expect(texts[0]).toContain('Vognmand Hansen');
    expect(texts[1]).toContain(todayRef);
    expect(texts[1]).toContain('Forfalden i dag');
    // The consultant may not read orders: the reference is not a link (the company's name comes with the follow-up).
    expect(await rows(page).first().getByRole('link').count()).toBe(1);
    await noSeriousViolations(page);
    await screenshot(page, 'follow-ups-01-week');

    await rows(page).nth(1).getByRole('link').click();
    await page.waitForURL(/\/follow-ups\/[^/]+$/);
    expect(await page.getByTestId('candidate').textContent()).toBe(todayRef);
    await page.getByRole('radio', { name: 'Stoppet' }).check();
    await page.getByTestId('submit-outcome').click();
    await page.getByTestId('error-summary').waitFor();
    await summaryFocused(page);
    expect(await page.getByTestId('error-reason').textContent()).toContain('Vælg, hvorfor personen er stoppet');
    expect(await page.getByTestId('error-summary').locator('a[href="#f-reason"]').count()).toBe(1);
    expect(await page.getByRole('radio', { name: 'Stoppet' }).isChecked()).toBe(true);
    await noSeriousViolations(page);
    await screenshot(page, 'follow-ups-02-field-error');

    await page.getByRole('radio', { name: 'Stadig ansat' }).check();
    await page.getByLabel(/^Bemærkning/).fill('Trives og har fået flere vagter');
    await page.getByTestId('submit-outcome').click();
    await page.getByTestId('flash').waitFor();
    expect(await page.getByTestId('flash').textContent()).toContain('Udfaldet er registreret');
    expect(await page.getByTestId('outcome').textContent()).toBe('Stadig ansat');
    expect(await page.getByTestId('reason').textContent()).toBe('Trives og har fået flere vagter');
    expect(await page.getByTestId('outcome-form').count()).toBe(0);
    await noSeriousViolations(page);
    await screenshot(page, 'follow-ups-03-recorded');

    await page.getByRole('link', { name: 'Tilbage til opfølgningerne' }).click();
    await rows(page).first().waitFor();
    expect((await rows(page).allTextContents()).map((t) => t.includes(todayRef))).toEqual([false]);
    await page.getByTestId('filter-done').click();
    await page.waitForURL(/show=done/);
    const done = await rows(page).allTextContents();
    expect(done).toHaveLength(1);
    expect(done[0]).toContain(todayRef);
    expect(done[0]).toContain('Gennemført');
    expect(done[0]).toContain('Stadig ansat');
    await screenshot(page, 'follow-ups-04-done');
    await page.getByTestId('filter-overdue').click();
    await page.waitForURL(/show=overdue/);
    expect((await rows(page).allTextContents()).map((t) => t.includes(overdueRef))).toEqual([true]);
  });

  it('in English the same list; a jobcentre consultant is refused', async () => {
    const page = await suite.signedIn('indslusning', 'en');
    await page.goto(`${suite.url}/follow-ups?show=open`);
    await rows(page).first().waitFor();
    expect(await page.getByTestId('follow-ups-heading').textContent()).toBe('All open follow-ups');
    const texts = await rows(page).allTextContents();
    // The overdue one, then both 13-week ones.
    expect(texts).toHaveLength(3);
    expect(texts[0]).toContain('Overdue');
    expect(texts[2]).toContain('Upcoming');
    expect(texts[2]).toContain('13 weeks');
    await noSeriousViolations(page);
    await screenshot(page, 'follow-ups-05-english');
    await rows(page).first().getByRole('link').click();
    await page.waitForURL(/\/follow-ups\/[^/]+$/);
    await page.getByTestId('submit-outcome').click();
    await page.getByTestId('error-summary').waitFor();
    expect(await page.getByTestId('state').textContent()).toBe('Overdue');
    expect(await page.getByTestId('error-status').textContent()).toContain('Choose whether the person is still employed');
    await noSeriousViolations(page);
    await screenshot(page, 'follow-ups-06-english-error');

    const consultant = await suite.signedIn('kobenhavn');
    const refused = await consultant.goto(`${suite.url}/follow-ups`);
    expect(refused?.status()).toBe(403);
    expect(await consultant.getByRole('link', { name: 'Opfølgninger', exact: true }).count()).toBe(0);
  });
});
