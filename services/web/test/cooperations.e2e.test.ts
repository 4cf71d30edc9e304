import { randomUUID } from 'node:crypto';
import { EXCHANGES, jobcentreQueue, makeEnvelope, orderRegisteredExample, QUEUES } from '@rs/contracts';
import { type RunningService, settledCount, waitFor, type Watch } from '@rs/testkit';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot, seriousViolations } from './browser-helpers';

/**
 * R15 in a browser: the admin moves the HRS secretariat through the cooperation page — first
 * away from Ballerup (the seed has it there) to Albertslund, then back to Ballerup — and each
 * next round's secretariat notice goes to the secretariat of the moment. A change without a
 * reason is refused at its field. Real reporting, broadcast and web front processes.
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
});
