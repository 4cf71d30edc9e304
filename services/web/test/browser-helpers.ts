import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Bus, connectBus, silentLogger } from '@rs/bus';
import { cvPublisher } from '@rs/connector';
import type { SharedCv } from '@rs/contracts';
import {
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  registerOrder,
  serviceEnv,
  spawnService,
  TEST_AUDIENCE,
  TEST_WEB_CLIENT,
  type TestPlatform,
  testIssuerUrl,
  testPlatform,
  testWebPort,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';

const ROOT = join(__dirname, '..', '..', '..');
export const SCREENSHOTS = join(ROOT, 'test-output', 'browser');

/** Debian's Chromium, installed by scripts/ensure-chromium.sh when missing (once per machine). */
export async function launchChromium(): Promise<Browser> {
  execFileSync('bash', [join(ROOT, 'scripts', 'ensure-chromium.sh')], { stdio: ['ignore', 'ignore', 'inherit'] });
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    // Root in a container has no user namespace for Chromium's sandbox.
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The real sign-in: the web front sends the browser to the identity service's login page (code + PKCE) and back. */
export async function signIn(page: Page, webUrl: string, username: string, shot?: string): Promise<void> {
  await page.goto(`${webUrl}/`);
  await page
    .getByRole('link', { name: /Log ind|Sign in/ })
    .first()
    .click();
  await page.waitForURL(/\/interaction\//);
  await page.getByLabel(/Brugernavn|User name/).fill(username);
  await page.getByLabel(/Adgangskode|Password/).fill('demo');
  if (shot) await screenshot(page, shot);
  await page.getByRole('button', { name: /Log ind|Sign in/ }).click();
  await page.waitForURL((url) => url.href.startsWith(webUrl) && !url.pathname.startsWith('/auth/'));
}

export type WebApis = Partial<Record<'orderIntake' | 'broadcast' | 'matching' | 'upskilling' | 'reporting', RunningService>>;

const API_VARS = {
  orderIntake: 'ORDER_INTAKE_URL',
  broadcast: 'BROADCAST_URL',
  matching: 'MATCHING_URL',
  upskilling: 'UPSKILLING_URL',
  reporting: 'REPORTING_URL',
} as const;

export interface WebFront {
  url: string;
  service: RunningService;
  /** Its environment, to start another web front like it (for example with shorter timeouts). */
  env: Record<string, string>;
}

/**
 * The web front as a process on a free port, signed in through the test identity service,
 * calling the given services' APIs (the others point at a closed port and show "unavailable").
 */
export async function startWebFront(platform: TestPlatform, apis: WebApis, extra: Record<string, string> = {}): Promise<WebFront> {
  const port = testWebPort();
  const env: Record<string, string> = {
    ...serviceEnv(platform.world, 'web'),
    PORT: String(port),
    OIDC_ISSUER: testIssuerUrl(),
    OIDC_AUDIENCE: TEST_AUDIENCE,
    OIDC_CLIENT_ID: TEST_WEB_CLIENT.id,
    OIDC_CLIENT_SECRET: TEST_WEB_CLIENT.secret,
    WEB_KEY_PREFIX: `${platform.world.timerPrefix}:web`,
    WEB_SESSION_SECRET: 'a-session-secret-for-the-browser-tests-only',
    ORDER_INTAKE_URL: 'http://127.0.0.1:9',
    BROADCAST_URL: 'http://127.0.0.1:9',
    MATCHING_URL: 'http://127.0.0.1:9',
    UPSKILLING_URL: 'http://127.0.0.1:9',
    REPORTING_URL: 'http://127.0.0.1:9',
    ...Object.fromEntries(Object.entries(apis).map(([name, service]) => [API_VARS[name as keyof typeof API_VARS], service.url])),
    ...extra,
  };
  const service = await spawnWebFront(env);
  return { url: `http://127.0.0.1:${port}`, service, env };
}

/**
 * A web front process on the run's one web port. Refused while another still answers there: the
 * new one could not listen, and its readiness check would be answered by the old one (tests then
 * ran against a web front with other settings and other APIs).
 */
async function spawnWebFront(env: Record<string, string>): Promise<RunningService> {
  const held = await fetch(`http://127.0.0.1:${env.PORT}/healthz`, { signal: AbortSignal.timeout(2_000) }).then(
    () => true,
    () => false,
  );
  if (held) throw new Error(`port ${env.PORT} is still served by an earlier web front: stop it first`);
  return spawnService('web', env);
}

/** How a test's browser context is made: Danish unless told, axe injectable (it is a script the CSP would refuse). */
export interface PageOptions {
  locale?: string;
  viewport?: { width: number; height: number };
  acceptDownloads?: boolean;
}

function contextOptions(options: PageOptions): BrowserContextOptions {
  return { bypassCSP: true, locale: options.locale ?? 'da-DK', ...options };
}

/** A page in a browser context of its own (a user of their own: no cookies shared with the others). */
export async function newPage(browser: Browser, options: PageOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(contextOptions(options));
  return { context, page: await context.newPage() };
}

/**
 * A page signed in as `user` through the identity service, in its own browser context; in
 * English (the language switch) when `lang` is 'en'. `shot` saves the login page's screenshot.
 */
export async function signedInPage(
  browser: Browser,
  web: Pick<WebFront, 'url'>,
  user: string,
  lang: 'da' | 'en' = 'da',
  options: PageOptions & { shot?: string } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await newPage(browser, options);
  await signIn(opened.page, web.url, user, options.shot);
  if (lang === 'en') {
    await opened.page.getByRole('link', { name: 'English' }).first().click();
    await opened.page.locator('html[lang="en"]').waitFor();
  }
  return opened;
}

/** What a browser test file sets up: the services it needs (started on the platform) and what else it waits for. */
export interface BrowserSetup {
  /** Jobcentres with brokers of their own (their connectors' vhosts). */
  jobcentres?: number[];
  /** Starts the services the file needs on the platform and returns those the web front calls. */
  services: (platform: TestPlatform, suite: BrowserSuite) => Promise<WebApis>;
  /** The web front's extra environment (shorter timeouts, …). */
  web?: Record<string, string>;
  /** After the web front is up: what the file's tests need first (orders registered, users signed in, …). */
  ready?: (suite: BrowserSuite) => Promise<void>;
  /** Every page's context options unless a page says otherwise. */
  pages?: PageOptions;
}

export interface BrowserSuite {
  readonly platform: TestPlatform;
  readonly browser: Browser;
  readonly web: WebFront;
  /** The web front's base URL. */
  readonly url: string;
  /** A fresh page (its own context), closed after the file. */
  page(options?: PageOptions): Promise<Page>;
  /** A fresh page signed in as `user` (password `demo`), Danish or English, closed after the file. */
  signedIn(user: string, lang?: 'da' | 'en', options?: PageOptions & { shot?: string }): Promise<Page>;
  /**
   * Stops the web front (waiting until it has exited) and starts one like it with `extra` in its
   * environment, on the same port (the identity service's redirect URI).
   */
  restartWeb(extra: Record<string, string>): Promise<WebFront>;
  /** Something to close after the file, before the platform goes (a connector's bus, …). */
  closeAfter(close: () => Promise<unknown>): void;
}

/**
 * The set-up every browser test file shares, registered in the calling `describe`: Debian's
 * Chromium, one test platform with only the services the file asks for, one web front calling
 * them, pages in contexts of their own; after the file everything is closed in order (pages,
 * browser, web front, the file's own closers, platform). Screenshots go to test-output/browser/.
 */
export function browserSuite(setup: BrowserSetup, timeoutMs = 120_000): BrowserSuite {
  let platform: TestPlatform | undefined;
  let browser: Browser | undefined;
  let web: WebFront | undefined;
  const contexts: BrowserContext[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  /** Every web front started, the restarted ones too: each is stopped after the file, whatever failed between. */
  const fronts: RunningService[] = [];
  let done = false;
  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not set up yet (use it in a test or after beforeAll)`);
    return value;
  };
  const track = <T extends { context: BrowserContext; page: Page }>(opened: T) => {
    contexts.push(opened.context);
    return opened.page;
  };
  const suite: BrowserSuite = {
    get platform() {
      return need(platform, 'the platform');
    },
    get browser() {
      return need(browser, 'the browser');
    },
    get web() {
      return need(web, 'the web front');
    },
    get url() {
      return need(web, 'the web front').url;
    },
    page: async (options = {}) => track(await newPage(suite.browser, { ...setup.pages, ...options })),
    signedIn: async (user, lang = 'da', options = {}) =>
      track(await signedInPage(suite.browser, suite.web, user, lang, { ...setup.pages, ...options })),
    async restartWeb(extra) {
      const old = suite.web;
      await old.service.stop();
      const env = { ...old.env, ...extra };
      const service = await spawnWebFront(env);
      fronts.push(service);
      // Started after the file gave up (a test over its time): stopped at once, not left on the port.
      if (done) await service.stop();
      web = { ...old, service, env };
      return web;
    },
    closeAfter: (close) => {
      closers.push(close);
    },
  };
  beforeAll(async () => {
    browser = await launchChromium();
    platform = await testPlatform(setup.jobcentres ? { jobcentres: setup.jobcentres } : {});
    const apis = await setup.services(platform, suite);
    web = await startWebFront(platform, apis, setup.web);
    fronts.push(web.service);
    await setup.ready?.(suite);
  }, timeoutMs);
  afterAll(async () => {
    done = true;
    await Promise.all(contexts.map((c) => c.close()));
    await browser?.close();
    await Promise.all(fronts.map((front) => front.stop()));
    await Promise.all(closers.map((close) => close()));
    await platform?.dispose();
  });
  return suite;
}

/** A warehouse worker's CV as a jobcentre shares it (the browser tests' common candidate). */
export const warehouseCv = (ref: string): SharedCv => ({
  candidateRef: ref,
  revision: '2026-11-01T08:00:00Z',
  headline: 'Lagerarbejder med truckcertifikat',
  occupations: ['9321'],
  skills: ['truckcertifikat'],
  languages: ['da'],
  municipality: 101,
  summary: 'Lagerarbejder, 5 års erfaring, truckcertifikat B',
  visibility: { searchable: true },
});

/**
 * Each jobcentre's CVs shared through its connector's broker, waited for until matching's pool
 * holds them all; the buses close after the file.
 */
export async function shareCvs(suite: BrowserSuite, matching: RunningService, cvs: Record<number, SharedCv[]>): Promise<void> {
  const admin = tokenFor({ role: 'admin', sub: 'test' });
  for (const [code, list] of Object.entries(cvs)) {
    const bus: Bus = connectBus({ url: jobcentreAmqpUrl(suite.platform.world, Number(code)), name: `cv-${code}`, logger: silentLogger });
    suite.closeAfter(() => bus.close());
    await cvPublisher(bus, Number(code)).upsertCvs(list);
  }
  const pooled = async (code: string) =>
    (
      (await (await fetch(`${matching.url}/jobcentres/${code}/pool`, { headers: { authorization: `Bearer ${admin}` } })).json()) as {
        candidates: number;
      }
    ).candidates;
  await waitFor(
    async () => {
      for (const [code, list] of Object.entries(cvs)) if ((await pooled(code)) !== list.length) return false;
      return true;
    },
    { what: `the CVs of ${Object.keys(cvs).join(', ')} in the pool` },
  );
}

/** The order's round open in `code`'s inbox with `shortlist` suggested candidates. */
export async function roundInInbox(broadcast: RunningService, code: number, orderId: string, shortlist: number): Promise<void> {
  await waitFor(
    async () => {
      const res = await fetch(`${broadcast.url}/jobcentres/${code}/inbox`, {
        headers: { authorization: `Bearer ${jobcentreToken(code)}` },
      });
      const body = (await res.json()) as { rounds: { orderId: string; shortlist: unknown[] }[] };
      return body.rounds.some((r) => r.orderId === orderId && r.shortlist.length === shortlist);
    },
    { what: `the round open with ${code}'s shortlist`, timeoutMs: 30_000 },
  );
}

/**
 * The scenario the web and lead tests share: broadcast (a reply window of two hours, no
 * reminders), order intake and matching with København's (101) warehouse worker in the pool; an
 * order for a Dragør company (its lead Tårnby, 185) registered by the phone line and broadcast to
 * HRS, open in 101's inbox with that candidate suggested.
 */
export async function dragorOrderRound(
  platform: TestPlatform,
  suite: BrowserSuite,
): Promise<{ broadcast: RunningService; orderIntake: RunningService; orderId: string }> {
  const broadcast = await platform.start('broadcast', {
    REPLY_WINDOW_MODE: 'clock',
    REPLY_WINDOW_SECONDS: '7200',
    REMINDER_OFFSETS_SECONDS: 'none',
  });
  const orderIntake = await platform.start('order-intake');
  await shareCvs(suite, await platform.start('matching'), { 101: [warehouseCv('k101-1')] });
  const orderId = await registerOrder(orderIntake, tokenFor({ role: 'phone-line', sub: 'operator' }), {
    company: { name: 'Dragør Lager ApS', municipality: 155 },
    title: 'Lagerarbejder med truckcertifikat',
    occupation: '9321',
    broadcast: { scope: 'cooperation' },
  });
  await roundInInbox(broadcast, 101, orderId, 1);
  return { broadcast, orderIntake, orderId };
}
