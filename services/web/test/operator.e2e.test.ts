import type { Page } from 'playwright-core';
import { browserSuite, screenshot, seriousViolations, signIn } from './browser-helpers';

/**
 * The phone-line operator in Debian's Chromium (issue 16, part 3): signs in, searches a CVR
 * number that is not registered, creates the Dragør company (a CVR failing its modulus-11 check
 * is shown at its field first, then corrected), records the call, registers the order from it
 * (a bad occupation code shown at its field first), sees the lead Tårnby (185) and the reference
 * to read out, and finds the call in the call log. A jobcentre consultant is refused the pages.
 * Screenshots: test-output/browser/operator-NN-*.png.
 */
const NEW_CVR = '31000033';
// One digit off NEW_CVR: the modulus-11 check fails.
const BAD_CVR = '31000034';
const REFERENCE = /^[2-9AFHJKMNQRSWXY]{3}-[2-9AFHJKMNQRSWXY]{3}$/;

describe('the phone-line operator in a browser', () => {
  let webUrl = '';
  const suite = browserSuite({
    services: async (platform) => ({ orderIntake: await platform.start('order-intake') }),
    ready: async (s) => {
      webUrl = s.url;
    },
  });
  const newPage = (): Promise<Page> => suite.page();
  const noSeriousViolations = async (page: Page) => expect(await seriousViolations(page)).toEqual([]);
  /** The DKFDS error summary has the focus (DKFDS.init focuses it when the page loads). */
  const summaryFocused = (page: Page) =>
    page.waitForFunction(
      () =>
        (globalThis as unknown as { document: { activeElement: { dataset?: { module?: string } } | null } }).document.activeElement?.dataset
          ?.module === 'error-summary',
    );

  it('takes a call from a new Dragør company to an order for Tårnby and a reference to read out; the call log lists it', async () => {
    const page = await newPage();
    await signIn(page, webUrl, 'operator', 'operator-01-login');
    // Signing in without a page to return to lands on the operator's own first screen.
    await page.waitForURL(`${webUrl}/operator`);

    // Search a CVR number that is not registered.
    await page.getByLabel('CVR-nummer eller virksomhedens navn').fill(NEW_CVR);
    await page.getByRole('button', { name: 'Søg' }).click();
    await page.getByTestId('no-company').waitFor();
    expect(await page.getByTestId('no-company').textContent()).toContain(NEW_CVR);
    await screenshot(page, 'operator-02-not-found');
    await noSeriousViolations(page);

    // Create it, with a CVR number that fails its check first.
    await page.getByTestId('create-company').click();
    await page.waitForURL(/\/operator\/companies\/new/);
    expect(await page.getByLabel('CVR-nummer', { exact: true }).inputValue()).toBe(NEW_CVR);
    await page.getByLabel('CVR-nummer', { exact: true }).fill(BAD_CVR);
    await page.getByLabel('Virksomhedens navn').fill('Dragør Fiskerihavn ApS');
    await page.getByLabel('Vej og husnummer').fill('Havnen 12');
    await page.getByLabel('Postnummer').fill('2791');
    await page.getByLabel('By', { exact: true }).fill('Dragør');
    await page.getByLabel('Kommune').selectOption('155');
    await page.locator('#f-contacts-0-name').fill('Mette Holm');
    await page.locator('#f-contacts-0-phone').fill('+45 32 00 00 00');
    await page.getByRole('button', { name: 'Opret virksomhed' }).click();
    const cvrGroup = page.locator('.form-group.form-error', { has: page.locator('#f-cvr') });
    await cvrGroup.waitFor();
    expect(await cvrGroup.locator('.form-error-message').textContent()).toMatch(/ikke et gyldigt CVR-nummer/i);
    expect(await page.locator('#f-cvr').getAttribute('aria-describedby')).toContain('f-cvr-error');
    // Only the CVR number is wrong; what was typed stays.
    expect(await page.locator('.form-group.form-error').count()).toBe(1);
    expect(await page.getByLabel('Virksomhedens navn').inputValue()).toBe('Dragør Fiskerihavn ApS');
    // The error summary has the focus, and its link takes the operator to the field.
    await summaryFocused(page);
    await page.getByTestId('error-summary').getByRole('link').first().click();
    expect(await page.locator('#f-cvr').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await screenshot(page, 'operator-03-cvr-error');
    await noSeriousViolations(page);

    await page.getByLabel('CVR-nummer', { exact: true }).fill(NEW_CVR);
    await page.getByRole('button', { name: 'Opret virksomhed' }).click();
    await page.waitForURL(`${webUrl}/operator/companies/${NEW_CVR}`);
    expect(await page.getByTestId('lead').textContent()).toMatch(/Tårnby.*185/);
    await screenshot(page, 'operator-04-company');
    await noSeriousViolations(page);

    // Record the call.
    await page.getByLabel('Opringerens navn').fill('Mette Holm');
    await page.getByLabel('Opringerens telefon').fill('+45 32 00 00 00');
    await page.getByLabel('En ny ordre (virksomheden søger medarbejdere)').check();
    await page.getByLabel('Note').fill('Mangler to lagermedarbejdere fra januar');
    await page.getByRole('button', { name: 'Registrér opkaldet' }).click();
    await page.waitForURL(/\/operator\/calls\/[^/]+\/order$/);
    expect(await page.getByTestId('order-lead').textContent()).toMatch(/Tårnby.*185/);

    // The order: a bad occupation code first.
    await page.getByLabel('Stillingsbetegnelse').fill('Lagermedarbejder');
    await page.getByLabel('Stillingskode (DISCO-08)').fill('lager');
    await page.getByLabel('Antal stillinger').fill('2');
    await page.getByLabel('Ansættelsesform').selectOption('permanent');
    await page.getByLabel('Arbejdstid').selectOption('full-time');
    await page.getByLabel('Timer om ugen').fill('37');
    await page.getByLabel('Ønsket start').fill('2027-01-04');
    await page.getByLabel('Ansøgningsfrist').fill('2026-12-18');
    await page.getByLabel('Truckcertifikat').check();
    await page.getByLabel('B', { exact: true }).check();
    await page.getByLabel('Sprogkode (fx da)').fill('da');
    await page.getByLabel('Mindste niveau').selectOption('B1');
    await page.getByLabel('Kandidaten skal kunne starte med kort varsel').check();
    await screenshot(page, 'operator-05-order-form');
    await page.getByRole('button', { name: 'Registrér ordren' }).click();
    const occupationGroup = page.locator('.form-group.form-error', { has: page.locator('#f-occupation') });
    await occupationGroup.waitFor();
    expect(await occupationGroup.locator('.form-error-message').textContent()).toMatch(/DISCO-08/);
    expect(await page.getByLabel('Truckcertifikat').isChecked()).toBe(true);
    await summaryFocused(page);
    expect(await page.getByTestId('error-summary').getByRole('link').first().getAttribute('href')).toBe('#f-occupation');
    await screenshot(page, 'operator-06-order-error');
    await noSeriousViolations(page);

    await page.getByLabel('Stillingskode (DISCO-08)').fill('9321');
    await page.getByRole('button', { name: 'Registrér ordren' }).click();
    await page.getByTestId('reference').waitFor();
    const reference = (await page.getByTestId('reference').textContent())?.replace(/[\s–]+/g, '-').trim() ?? '';
    expect(reference).toMatch(REFERENCE);
    expect(await page.getByTestId('routed-to').textContent()).toMatch(/Tårnby.*185/);
    expect(await page.getByTestId('outcome').textContent()).toContain('Ordre oprettet');
    expect((await page.getByTestId('spelled').textContent())?.length).toBeGreaterThan(20);
    await screenshot(page, 'operator-07-reference');
    await noSeriousViolations(page);

    // The call log lists it.
    await page.getByRole('link', { name: 'Se hele opkaldsloggen' }).click();
    await page.waitForURL(`${webUrl}/operator/calls`);
    const row = page.getByTestId('call-row').filter({ hasText: reference });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Dragør Fiskerihavn ApS.*Mette Holm.*Ordre oprettet.*Tårnby/s);
    await screenshot(page, 'operator-08-call-log');
    await noSeriousViolations(page);

    // The same page in English.
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Call log' }).waitFor();
    expect(await page.getByTestId('call-row').filter({ hasText: reference }).textContent()).toContain('Order created');

    // The company calls again about that order: the call is attached to it and goes to its lead.
    await page.goto(`${webUrl}/operator/companies/${NEW_CVR}`);
    await page.getByLabel('An existing order').check();
    const order = page.getByLabel(/Which order is it about/);
    const offered = await order.locator('option').allTextContents();
    expect(offered.filter((o) => o.includes('Lagermedarbejder'))).toHaveLength(1);
    await order.selectOption({ label: offered.find((o) => o.includes('Lagermedarbejder')) as string });
    await page.getByLabel('Note').fill('Spørger til startdatoen');
    await noSeriousViolations(page);
    await screenshot(page, 'operator-10-call-existing-order-en');
    await page.getByRole('button', { name: 'Record the call' }).click();
    await page.getByTestId('outcome').waitFor();
    expect(await page.getByTestId('outcome').textContent()).toContain('Attached to an order');
    expect(await page.getByTestId('routed-to').textContent()).toMatch(/Tårnby.*185/);
  }, 90_000);

  it('refuses the operator pages to a jobcentre consultant (403), by menu and by URL', async () => {
    const page = await newPage();
    await signIn(page, webUrl, 'taarnby');
    expect(await page.getByRole('link', { name: 'Telefonlinjen', exact: true }).count()).toBe(0);
    for (const path of ['/operator', '/operator/calls', `/operator/companies/${NEW_CVR}`, '/operator/companies/new']) {
      expect([path, (await page.goto(`${webUrl}${path}`))?.status()]).toEqual([path, 403]);
    }
    const forged = await page.request.post(`${webUrl}/operator/companies`, { form: { cvr: NEW_CVR } });
    expect(forged.status()).toBe(403);
    await screenshot(page, 'operator-09-consultant-refused');
  }, 60_000);
});
