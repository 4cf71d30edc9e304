import type { SharedCv } from '@rs/contracts';
import { browserSuite, screenshot, seriousViolations, shareCvs } from './browser-helpers';

/**
 * An inquiry answered, in Debian's Chromium (issue 17, part 4): Tårnby (185) asks København (101)
 * about one of its candidates; København's consultant finds it under "Inquiries" and answers
 * (a CPR-shaped note is refused at its field; the answer is sent once); Tårnby sees the answer
 * beside its question, in Danish and in English; Hvidovre (167) sees neither.
 */
const KBH = 101;

const cv = (ref: string): SharedCv => ({
  candidateRef: ref,
  revision: new Date().toISOString(),
  headline: 'Lagerarbejder med truckcertifikat',
  occupations: [{ code: '9321', years: 4 }],
  skills: ['lager'],
  certificates: ['forklift'],
  languages: [{ code: 'da', level: 'C1' }],
  municipality: KBH,
  summary: { da: 'Lagerarbejder med erfaring' },
  visibility: { searchable: true },
});

describe('an inquiry about a candidate, asked and answered', () => {
  let webUrl = '';
  const suite = browserSuite({
    jobcentres: [KBH, 167, 185],
    services: async (platform, s) => {
      const matching = await platform.start('matching');
      await shareCvs(s, matching, { [KBH]: [cv('kbh-truck')] });
      return { matching };
    },
    ready: async (s) => {
      webUrl = s.url;
    },
  });

  it('Tårnby asks, København answers on its inquiries page, Tårnby sees the answer; Hvidovre sees none of it', async () => {
    const asker = await suite.signedIn('taarnby');
    await asker.goto(`${webUrl}/candidates/ask?jobcentre=${KBH}&ref=kbh-truck`);
    await asker.getByLabel('Virksomhed').fill('Dragør Lager ApS');
    await asker.getByLabel('Dit spørgsmål').fill('Kan kandidaten starte på lageret i Dragør 4. januar?');
    await asker.getByRole('button', { name: 'Send spørgsmålet' }).click();
    await asker.getByTestId('flash').waitFor();
    await asker.getByRole('link', { name: 'Forespørgsler' }).first().click();
    await asker.waitForURL(/\/inquiries$/);
    const mine = asker.locator('[data-testid="sent-inquiry"][data-ref="kbh-truck"]');
    expect(await mine.getByTestId('status').textContent()).toContain('Afventer svar');
    expect(await asker.getByTestId('received-none').count()).toBe(1);
    expect(await seriousViolations(asker)).toEqual([]);
    await screenshot(asker, 'inquiries-01-asked-waiting');

    const home = await suite.signedIn('kobenhavn');
    await home.getByRole('link', { name: 'Forespørgsler' }).first().click();
    await home.waitForURL(/\/inquiries$/);
    const received = home.locator('[data-testid="received"][data-ref="kbh-truck"]');
    expect(await received.getByTestId('question').textContent()).toContain('Dragør 4. januar');
    expect(await received.textContent()).toContain('Tårnby (185)');
    expect(await seriousViolations(home)).toEqual([]);
    await screenshot(home, 'inquiries-02-received');

    await received.getByLabel('Til rådighed: kontakt os for at gå videre').check();
    await received.getByLabel('Bemærkning til konsulenten (valgfri)').fill('Ring til os om 010190-1234');
    await received.getByRole('button', { name: 'Send svaret' }).click();
    await home.getByTestId('note-error').waitFor();
    expect(await home.getByTestId('note-error').textContent()).toContain('CPR');
    expect(await seriousViolations(home)).toEqual([]);
    await screenshot(home, 'inquiries-03-cpr-refused');
    const again = home.locator('[data-testid="received"][data-ref="kbh-truck"]');
    // What was typed stays; the note is corrected and the answer sent.
    expect(await again.getByLabel('Til rådighed: kontakt os for at gå videre').isChecked()).toBe(true);
    await again.getByLabel('Bemærkning til konsulenten (valgfri)').fill('Kan starte 4. januar; ring efter kl. 10');
    await again.getByRole('button', { name: 'Send svaret' }).click();
    await home.getByTestId('flash').waitFor();
    expect(await home.getByTestId('flash').textContent()).toContain('Svaret er sendt');
    const answered = home.locator('[data-testid="received"][data-ref="kbh-truck"]');
    expect(await answered.getByTestId('answer').textContent()).toContain('Til rådighed');
    expect(await answered.getByTestId('answer-form').count()).toBe(0);
    await screenshot(home, 'inquiries-04-answered');
    // "Our CVs" lists the received question with its answer too, in both languages.
    await home.goto(`${webUrl}/jobcentres/${KBH}/cvs`);
    const listed = home.locator('[data-testid="inquiry"][data-ref="kbh-truck"]').getByTestId('status');
    expect(await listed.textContent()).toContain('Til rådighed: kontakt os for at gå videre — Kan starte 4. januar; ring efter kl. 10');
    expect(await listed.textContent()).toContain('Besvaret');
    await home.getByRole('link', { name: 'English' }).click();
    await home.waitForURL(/\/cvs$/);
    expect(await listed.textContent()).toContain('Available: contact us to go ahead');
    expect(await seriousViolations(home)).toEqual([]);
    await screenshot(home, 'inquiries-06-our-cvs-answered-en');

    await asker.reload();
    const seen = asker.locator('[data-testid="sent-inquiry"][data-ref="kbh-truck"]').getByTestId('status');
    expect(await seen.textContent()).toContain('Til rådighed: kontakt os for at gå videre — Kan starte 4. januar; ring efter kl. 10');
    await asker.getByRole('link', { name: 'English' }).click();
    await asker.waitForURL(/\/inquiries$/);
    const english = asker.locator('[data-testid="sent-inquiry"][data-ref="kbh-truck"]').getByTestId('status');
    expect(await english.textContent()).toContain('Available: contact us to go ahead');
    expect(await seriousViolations(asker)).toEqual([]);
    await screenshot(asker, 'inquiries-05-asker-sees-answer-en');

    const other = await suite.signedIn('hvidovre');
    await other.goto(`${webUrl}/inquiries`);
    expect(await other.getByTestId('received-none').count()).toBe(1);
    expect(await other.getByTestId('sent-none').count()).toBe(1);
  });
});
