import { randomUUID } from 'node:crypto';
import { EXCHANGES, jobcentreQueue, makeEnvelope, orderRegisteredExample, QUEUES } from '@rs/contracts';
import { type RunningService, settledCount, waitFor, type Watch } from '@rs/testkit';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot, seriousViolations } from './browser-helpers';

/**
 * R15 in a browser: the admin moves the HRS secretariat through the cooperation page — first
 * away from Ballerup (the seed has it there) to Albertslund, then back to Ballerup — and each
 * next round's secretariat notice goes to the secretariat of the moment. A change without a
 * reason is refused at its field. Then the admin creates a new cooperation for three North
 * Jutland jobcentres ("Nyt samarbejde"): a first try without members is refused at the fields
 * with the error summary focused; the corrected one is created and listed. Real reporting,
 * broadcast and web front processes.
 */
const BALLERUP = 151;
const ALBERTSLUND = 165;

describe('the cooperations admin page', () => {
  let broadcast: RunningService;
  let events: Watch;
  let notices: Watch;
  const suite = browserSuite({
    services: async (platform) => {
      let reporting: RunningService;
      [reporting, broadcast] = await Promise.all([
        platform.start('reporting'),
        platform.start('broadcast', { REPLY_WINDOW_MODE: 'clock', REPLY_WINDOW_SECONDS: '7200', REMINDER_OFFSETS_SECONDS: 'none' }),
      ]);
      events = await platform.bus.watch(EXCHANGES.events, ['round.opened']);
      notices = await platform.bus.watch(EXCHANGES.jobcentres, [jobcentreQueue(BALLERUP), jobcentreQueue(ALBERTSLUND)]);
      return { reporting, broadcast };
    },
  });

  /** An order of København's broadcast to its cooperation; resolves with the queue its secretariat notice went to. */
  const nextRoundNoticeQueue = async (): Promise<string> => {
    const orderId = randomUUID();
    const data = { ...orderRegisteredExample, orderId, leadJobcentre: 101, registeredAt: new Date().toISOString() };
    await suite.platform.bus.publish(
      EXCHANGES.events,
      'order.registered',
      makeEnvelope('order.registered', data, { id: randomUUID(), time: new Date(), source: '/services/order-intake' }),
    );
    const noticeOf = () =>
      notices.seen.find(
        (s) => s.name === 'round.secretariat-notice' && (s.envelope?.data as { orderId?: string } | undefined)?.orderId === orderId,
      );
    await waitFor(() => noticeOf() !== undefined, { what: `the secretariat notice of ${orderId}'s round` });
    expect(events.data<{ orderId: string }>('round.opened').some((d) => d.orderId === orderId)).toBe(true);
    return noticeOf()!.routingKey;
  };

  const moveSecretariat = async (page: Page, to: number, reason: string) => {
    await page.getByLabel('Begrundelse').fill(reason);
    await page.getByLabel('Sekretariat', { exact: true }).selectOption(String(to));
    await page.getByRole('button', { name: 'Gem ændringen' }).click();
    await page.getByTestId('flash').waitFor();
    expect(await page.getByTestId('flash').textContent()).toContain('Ændringen er gemt');
  };

  it('moves the HRS secretariat away from Ballerup and back; the next round’s notices follow each move', async () => {
    expect(await nextRoundNoticeQueue()).toBe(jobcentreQueue(BALLERUP));

    const page = await suite.signedIn('admin');
    await page.getByRole('link', { name: 'Samarbejder' }).first().click();
    await page.getByTestId('cooperations').waitFor();
    expect(await page.locator('[data-cooperation="HRS"] [data-testid="secretariat"]').textContent()).toContain('Ballerup');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cooperations-01-list');

    await page.getByRole('link', { name: /Hovedstadens Rekrutteringsservice/ }).click();
    await page.getByTestId('summary').waitFor();
    // Dragør is served by Tårnby, Ishøj by Vallensbæk.
    expect(await page.locator('[data-member="185"]').textContent()).toContain('Dragør');
    expect(await page.locator('[data-member="187"]').textContent()).toContain('Ishøj');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cooperations-02-hrs');

    // No reason: refused at the field, nothing changed.
    await page.getByLabel('Sekretariat', { exact: true }).selectOption(String(ALBERTSLUND));
    await page.getByRole('button', { name: 'Gem ændringen' }).click();
    await page.locator('#reason-error').waitFor();
    expect(await page.locator('#reason-error').textContent()).toContain('angiv hvorfor');
    expect(await page.getByTestId('version').textContent()).toBe('1');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cooperations-03-field-error');

    await moveSecretariat(page, ALBERTSLUND, 'Sekretariatet flytter midlertidigt til Albertslund');
    expect(await page.getByTestId('secretariat').textContent()).toContain('Albertslund');
    expect(await page.getByTestId('version').textContent()).toBe('2');
    await screenshot(page, 'cooperations-04-moved-to-albertslund');
    await waitFor(async () => (await settledCount(broadcast, QUEUES.broadcastCooperations, 'ack')) === 1, { what: 'broadcast to follow' });
    expect(await nextRoundNoticeQueue()).toBe(jobcentreQueue(ALBERTSLUND));

    await moveSecretariat(page, BALLERUP, 'Sekretariatet flytter tilbage til Ballerup');
    expect(await page.getByTestId('secretariat').textContent()).toContain('Ballerup');
    expect(await page.locator('[data-testid="history"] tbody tr').count()).toBe(3);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cooperations-05-back-to-ballerup-history');
    await waitFor(async () => (await settledCount(broadcast, QUEUES.broadcastCooperations, 'ack')) === 2, { what: 'broadcast to follow' });
    expect(await nextRoundNoticeQueue()).toBe(jobcentreQueue(BALLERUP));
  }, 120_000);
  it('creates a cooperation for three North Jutland jobcentres from the list; a form without members is refused at the fields', async () => {
    const page = await suite.signedIn('admin');
    await page.goto(`${suite.url}/cooperations`);
    await page.getByTestId('new-cooperation').click();
    await page.getByTestId('new-cooperation-form').waitFor();
    // Only jobcentres in no cooperation today are offered: Aalborg, not København.
    expect(await page.locator('#member-851').count()).toBe(1);
    expect(await page.locator('#member-101').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cooperations-06-new');

    await page.getByLabel('Navn', { exact: true }).fill('Nordjyllands Rekrutteringsservice');
    await page.getByLabel('Id', { exact: true }).fill('NRS');
    await page.getByLabel('Sekretariat', { exact: true }).selectOption('851');
    await page.getByLabel('Begrundelse').fill('Region Nordjyllands jobcentre går sammen');
    await page.getByRole('button', { name: 'Opret samarbejdet' }).click();
    // No members: refused at the members and at the secretariat (not a member), the summary focused.
    await page.getByTestId('error-summary').waitFor();
    expect(await page.locator('#members-error').textContent()).toContain('Angiv mindst ét medlem');
    expect(await page.locator('#secretariat-error').textContent()).toContain('Skal være medlem af samarbejdet');
    expect(
      await page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { dataset?: { module?: string } } | null } }).document.activeElement
            ?.dataset?.module === 'error-summary',
      ),
    ).toBe(true);
    expect(await page.getByLabel('Navn', { exact: true }).inputValue()).toBe('Nordjyllands Rekrutteringsservice');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'cooperations-07-new-field-errors');

    for (const code of [851, 860, 810]) await page.locator(`#member-${code}`).check();
    await page.getByRole('button', { name: 'Opret samarbejdet' }).click();
    await page.getByTestId('flash').waitFor();
    expect(await page.getByTestId('flash').textContent()).toContain('Samarbejdet er oprettet');
    expect(page.url()).toBe(`${suite.url}/cooperations/NRS`);
    expect(await page.getByTestId('version').textContent()).toBe('1');
    expect(await page.getByTestId('secretariat').textContent()).toContain('Aalborg');
    expect(await page.locator('[data-testid="members"] tbody tr').count()).toBe(3);
    await screenshot(page, 'cooperations-08-created');

    await page.getByRole('link', { name: 'Samarbejder' }).first().click();
    await page.locator('[data-cooperation="NRS"]').waitFor();
    expect(await page.locator('[data-cooperation="NRS"]').textContent()).toContain('Nordjyllands Rekrutteringsservice');
    // The three are in a cooperation now: the next new one no longer offers them.
    await page.goto(`${suite.url}/cooperations/new`);
    expect(await page.locator('#member-851').count()).toBe(0);

    // The same page in English.
    const english = await suite.signedIn('admin', 'en');
    await english.goto(`${suite.url}/cooperations/new`);
    expect(await english.getByRole('heading', { level: 1 }).textContent()).toBe('New cooperation');
    expect(await english.getByRole('button', { name: 'Create the cooperation' }).count()).toBe(1);
    await screenshot(english, 'cooperations-09-new-english');
  }, 90_000);
});
