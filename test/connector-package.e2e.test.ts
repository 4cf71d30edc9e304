import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  infra,
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  registerOrder,
  type TestPlatform,
  testPlatform,
  waitFor,
} from '@rs/testkit';

/**
 * Issue 19: the connector as a jobcentre installs it. The tarball from
 * packages/connector/scripts/pack.js is installed with npm in an empty folder outside the
 * repository (no workspace node_modules on the way up), and its own `rs-connector demo` answers
 * a round on the test broker.
 */
const ROOT = join(__dirname, '..');
const NAME = '@rekrutteringsservice/connector';
const { contractMajor } = require(join(ROOT, 'packages/connector/scripts/pack.js')) as { contractMajor: () => number };

// npm and pnpm pass their settings to children as npm_config_*: the install must see none of the workspace's.
const cleanEnv = () =>
  Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|pnpm_|NODE_PATH$|NODE_OPTIONS$|INIT_CWD$)/i.test(k))) as Record<
    string,
    string
  >;

describe('the connector as an npm package', () => {
  let folder: string;
  let installed: string;
  const bin = (name: string) => join(folder, 'node_modules/.bin', name);

  beforeAll(() => {
    const out = mkdtempSync(join(tmpdir(), 'rs-connector-tgz-'));
    const tarball = execFileSync(process.execPath, [join(ROOT, 'packages/connector/scripts/pack.js'), out], { encoding: 'utf8' }).trim();
    folder = mkdtempSync(join(tmpdir(), 'jobcentre-147-'));
    writeFileSync(join(folder, 'package.json'), '{ "name": "jobcentre-147", "private": true }\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], {
      cwd: folder,
      env: cleanEnv(),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    installed = join(folder, 'node_modules', NAME);
    rmSync(out, { recursive: true, force: true });
  }, 180_000);
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('installs alone: bundled workspace packages, both commands, types, engines, README, version = contract major', () => {
    expect(folder.startsWith(ROOT)).toBe(false);
    const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(Number(manifest.version.split('.')[0])).toBe(contractMajor());
    expect(manifest.engines.node).toMatch(/^>=2\d/);
    expect(Object.keys(manifest.bin).sort()).toEqual(['rs-admin', 'rs-connector']);
    expect(manifest.bundleDependencies).toEqual(expect.arrayContaining(['@rs/bus', '@rs/config', '@rs/contracts']));
    expect(Object.values(manifest.dependencies as Record<string, string>).some((v) => v.startsWith('workspace:'))).toBe(false);
    for (const bundled of manifest.bundleDependencies as string[]) {
      expect(existsSync(join(installed, 'node_modules', bundled, 'dist/index.js'))).toBe(true);
      expect(existsSync(join(installed, 'node_modules', bundled, 'dist/index.d.ts'))).toBe(true);
    }
    expect(existsSync(join(installed, manifest.types))).toBe(true);
    expect(readFileSync(join(installed, 'README.md'), 'utf8')).toContain('rs-connector doctor');
    const shipped = readdirSync(installed, { recursive: true }).map(String);
    expect(shipped.filter((f) => /\.test\.|\.ts\.map$|\/src\//.test(f))).toEqual([]);
    expect(execFileSync(bin('rs-connector'), ['--help'], { encoding: 'utf8', env: cleanEnv() })).toMatch(/doctor/);
    expect(execFileSync(bin('rs-admin'), ['--help'], { encoding: 'utf8', env: cleanEnv() })).toMatch(/provision/);
  });

  it('gives a TypeScript program its types (a wrong call does not compile)', () => {
    writeFileSync(
      join(folder, 'index.ts'),
      [
        `import { type Connector, createConnector } from '${NAME}';`,
        `declare const logger: Parameters<typeof createConnector>[0]['logger'];`,
        'export function start(url: string): Connector {',
        '  const c: Connector = createConnector({ url, jobcentre: 147, logger }, {',
        "    'round.order-broadcast': async (order) => {",
        "      await c.reply({ roundId: order.roundId, orderId: order.orderId, answer: 'none', candidates: [] });",
        '    },',
        '  });',
        '  return c;',
        '}',
        '// @ts-expect-error the jobcentre is a number, and the types say so',
        "createConnector({ url: 'amqp://x', jobcentre: '147', logger }, {});",
        '',
      ].join('\n'),
    );
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    // @types/node is the consumer's own (every Node program has it): the one thing lent from the workspace.
    const typeRoots = join(ROOT, 'node_modules/@types');
    const flags = [
      '--noEmit',
      '--strict',
      '--module',
      'node16',
      '--moduleResolution',
      'node16',
      '--skipLibCheck',
      '--types',
      'node',
      '--typeRoots',
      typeRoots,
    ];
    const compile = () => {
      try {
        return execFileSync(process.execPath, [tsc, ...flags, 'index.ts'], { cwd: folder, encoding: 'utf8' });
      } catch (error) {
        return (error as { stdout: string }).stdout || String(error);
      }
    };
    expect(compile()).toBe('');
  }, 60_000);

  describe('against the test broker', () => {
    let platform: TestPlatform;
    let broadcast: RunningService;
    let intake: RunningService;

    beforeAll(async () => {
      platform = await testPlatform({ jobcentres: [147] });
      broadcast = await platform.start('broadcast', { REPLY_WINDOW_MODE: 'clock', REMINDER_OFFSETS_SECONDS: 'none' });
      intake = await platform.start('order-intake');
      // Broadcast declares the jobcentre queues as it connects, which may finish after it is ready.
      await waitFor(async () => infra.management().queueInfo(platform.world.vhost, 'jobcentre.147'), {
        what: 'jobcentre.147 to be declared',
      });
    }, 60_000);
    afterAll(() => platform?.dispose());

    it('rs-connector doctor passes and rs-connector demo replies to a round', async () => {
      const env = { ...cleanEnv(), AMQP_URL: jobcentreAmqpUrl(platform.world, 147), JOBCENTRES: '147' };
      const doctor = execFileSync(bin('rs-connector'), ['doctor'], {
        env: { ...env, FEED_URL: broadcast.url, FEED_TOKEN: jobcentreToken(147) },
        encoding: 'utf8',
      });
      expect(doctor).toContain('All checks passed');

      const demo = spawn(bin('rs-connector'), ['demo'], {
        cwd: folder,
        env: { ...env, DEMO_SILENT_SHARE: '0', DEMO_NONE_SHARE: '0', DEMO_MIN_DELAY_MS: '0', DEMO_MAX_DELAY_MS: '0', DEMO_POOL_SIZE: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      demo.stdout.on('data', (d: Buffer) => (output += d.toString()));
      demo.stderr.on('data', (d: Buffer) => (output += d.toString()));
      try {
        await waitFor(async () => output.includes('demo connectors running'), { what: 'the installed demo connector to start' });
        const lead = jobcentreToken(101);
        const orderId = await registerOrder(intake, lead, { broadcast: { scope: 'cooperation' } });
        const entry = await waitFor(
          async () => {
            const res = await fetch(`${broadcast.url}/rounds/${orderId}-1`, { headers: { authorization: `Bearer ${lead}` } });
            const body = (await res.json()) as { recipients?: { jobcentre: number; status: string; answer?: string }[] };
            return body.recipients?.find((r) => r.jobcentre === 147 && r.status === 'replied');
          },
          { what: "the installed connector's reply to be recorded" },
        );
        expect(entry).toMatchObject({ answer: 'candidates', late: false });
        expect(output).toContain('"msg":"replied"');
      } finally {
        demo.kill('SIGTERM');
      }
    }, 90_000);
  });
});
