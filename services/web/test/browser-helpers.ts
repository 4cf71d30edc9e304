import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type RunningService,
  serviceEnv,
  spawnService,
  TEST_AUDIENCE,
  TEST_WEB_CLIENT,
  type TestPlatform,
  testIssuerUrl,
  testWebPort,
} from '@rs/testkit';
import { type Browser, chromium, type Page } from 'playwright-core';

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
  const service = await spawnService('web', env);
  return { url: `http://127.0.0.1:${port}`, service, env };
}
