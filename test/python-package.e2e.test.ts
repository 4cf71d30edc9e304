import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  foreignKey,
  infra,
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  registerOrder,
  signTestToken,
  type TestPlatform,
  testPassword,
  testPlatform,
  waitFor,
} from '@rs/testkit';
import { DIAGNOSES } from '../packages/connector/src/doctor/diagnoses';
import { buildWheel, installInFreshVenv, pythonPackageVersion } from './support/python-connector';

/**
 * Issue 19: the Python connector as a jobcentre installs it. The wheel is built, installed with
 * pip into a fresh virtualenv outside the repository, and its console script replies to a round
 * with the schemas it carries. Its doctor is run against each failure it names, beside the npm
 * package's `rs-connector doctor`, and both must find the same problems.
 */
const ROOT = join(__dirname, '..');
const TS_CLI = join(ROOT, 'packages/connector/dist/cli/main.js');
const { contractMajor } = require(join(ROOT, 'packages/connector/scripts/pack.js')) as { contractMajor: () => number };
const run = promisify(execFile);

async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Finding {
  check: string;
  status: string;
  problem?: string;
}

describe('the Python connector as a package', () => {
  let dir: string;
  let bin: string;
  let secrets: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rs-py-package-'));
    const wheel = buildWheel(join(dir, 'dist'));
    bin = installInFreshVenv(join(dir, 'venv'), wheel);
    secrets = join(dir, 'secrets');
    require('node:fs').mkdirSync(secrets);
    writeFileSync(join(secrets, 'broker-password'), `${testPassword(147)}\n`);
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const sitePackages = () => {
    const lib = join(dir, 'venv/lib');
    return join(lib, readdirSync(lib)[0]!, 'site-packages');
  };

  it('carries the schemas of docs/schemas, a console entry point, ranged pins and the contract major', async () => {
    const shipped = join(sitePackages(), 'rs_connector/schemas');
    const docs = join(ROOT, 'docs/schemas');
    expect(readdirSync(shipped).sort()).toEqual(readdirSync(docs).sort());
    for (const f of readdirSync(docs)) expect(readFileSync(join(shipped, f), 'utf8')).toBe(readFileSync(join(docs, f), 'utf8'));
    expect((await run(join(bin, 'rs-connector-py'), ['--version'])).stdout.trim()).toBe(pythonPackageVersion());
    expect(Number(pythonPackageVersion().split('.')[0])).toBe(contractMajor());
    const metadata = readFileSync(
      join(sitePackages(), `rekrutteringsservice_connector-${pythonPackageVersion()}.dist-info/METADATA`),
      'utf8',
    );
    const requires = metadata.split('\n').filter((l) => l.startsWith('Requires-Dist:'));
    expect(requires.length).toBeGreaterThan(0);
    for (const r of requires) expect(r).toMatch(/^(?=.*>=\d)(?=.*<\d)/);
  });

  it("speaks the npm package's problem codes and texts", async () => {
    const python = join(bin, 'python');
    const { stdout } = await run(python, ['-c', 'from rs_connector.doctor import diagnoses_json; print(diagnoses_json())']);
    expect(JSON.parse(stdout)).toEqual(DIAGNOSES);
  });

  describe('against the platform', () => {
    let platform: TestPlatform;
    let empty: TestPlatform;
    let broadcast: RunningService;
    let intake: RunningService;
    let skewed: Server;

    beforeAll(async () => {
      platform = await testPlatform({ jobcentres: [147] });
      empty = await testPlatform({ jobcentres: [147] });
      broadcast = await platform.start('broadcast', { REPLY_WINDOW_MODE: 'clock', REMINDER_OFFSETS_SECONDS: 'none' });
      intake = await platform.start('order-intake');
      // Matching records (or refuses) inquiry answers: answer_inquiry's message must reach it.
      await platform.start('matching');
      // Broadcast declares the jobcentre queues as it connects, which may finish after it is ready.
      const admin = infra.management();
      await waitFor(
        async () =>
          (await admin.queueInfo(platform.world.vhost, 'jobcentre.147')) && admin.queueInfo(platform.world.vhost, 'jobcentre.851'),
        {
          what: 'the jobcentre queues to be declared',
        },
      );
      // A feed whose clock is ten minutes behind ours (the doctor trusts the platform's Date).
      skewed = createServer((_req, res) => {
        res.setHeader('date', new Date(Date.now() - 10 * 60_000).toUTCString());
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ messages: [], next: null, retainedFrom: new Date(0).toISOString() }));
      });
      await new Promise<void>((resolve) => skewed.listen(0, '127.0.0.1', resolve));
    }, 60_000);
    afterAll(async () => {
      skewed?.close();
      await empty?.dispose();
      await platform?.dispose();
    });

    it('replies to a round from the installed package, its password read from a secret file', async () => {
      const url = new URL(jobcentreAmqpUrl(platform.world, 147));
      url.username = '';
      url.password = '';
      const connector = spawn(
        join(bin, 'rs-connector-py'),
        ['run', '--candidate', 'c-147-whl:Fra hjulet / from the wheel', '--max-messages', '1', '--timeout', '60'],
        {
          env: {
            PATH: process.env.PATH ?? '',
            AMQP_URL: url.toString(),
            JOBCENTRES: '147',
            AMQP_PASSWORD_FILE: join(secrets, 'broker-password'),
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let output = '';
      connector.stdout.on('data', (d: Buffer) => (output += d.toString()));
      connector.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const exited = new Promise<number | null>((resolve) => connector.once('exit', resolve));
      await waitFor(async () => output.includes('"event": "started"'), { what: 'the installed Python connector to consume' });
      const lead = jobcentreToken(101);
      const orderId = await registerOrder(intake, lead, { broadcast: { scope: 'cooperation' } });
      expect(await exited).toBe(0);
      expect(output).toContain('"event": "replied"');
      const entry = await waitFor(
        async () => {
          const res = await fetch(`${broadcast.url}/rounds/${orderId}-1`, { headers: { authorization: `Bearer ${lead}` } });
          const body = (await res.json()) as { recipients?: { jobcentre: number; status: string }[] };
          return body.recipients?.find((r) => r.jobcentre === 147 && r.status === 'replied');
        },
        { what: "the Python connector's reply to be recorded" },
      );
      expect(entry).toMatchObject({ answer: 'candidates', candidates: [{ candidateRef: 'c-147-whl' }] });
    }, 90_000);

    it('answers an inquiry with answer_inquiry: the schema checked first, then matching refuses an unknown inquiry by its id', async () => {
      const script = [
        'import json, os, time, jsonschema, pika',
        'from rs_connector.connector import answer_inquiry',
        'from rs_connector.schemas import load_schemas',
        'schemas = load_schemas()',
        'channel = pika.BlockingConnection(pika.URLParameters(os.environ["AMQP_URL"])).channel()',
        'channel.confirm_delivery()',
        'iid = "3b1f7c2e-5d4a-4e8b-9c6d-2a1b0c9d8e7f"',
        'try:',
        '    answer_inquiry(channel, 147, schemas, iid, "c-147-whl", "maybe")',
        '    invalid = None',
        'except jsonschema.ValidationError as error:',
        '    invalid = error.message',
        'sent = answer_inquiry(channel, 147, schemas, iid, "c-147-whl", "available", note="Ring efter kl. 10")',
        'refusal, deadline = None, time.monotonic() + 30',
        'while refusal is None and time.monotonic() < deadline:',
        '    method, _, body = channel.basic_get("jobcentre.147", auto_ack=True)',
        '    if method is None:',
        '        time.sleep(0.2)',
        '    elif json.loads(body)["type"].endswith(".pool.inquiry-answer-refused.v1"):',
        '        refusal = json.loads(body)["data"]',
        'print(json.dumps({"invalid": invalid, "sent": sent, "refusal": refusal}))',
      ].join('\n');
      const { stdout } = await run(join(bin, 'python'), ['-c', script], {
        env: { PATH: process.env.PATH ?? '', AMQP_URL: jobcentreAmqpUrl(platform.world, 147) },
      });
      const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as {
        invalid: string | null;
        sent: string;
        refusal: Record<string, unknown>;
      };
      expect(out.invalid).toContain("'maybe' is not one of");
      expect(out.refusal).toMatchObject({
        refusedMessageId: out.sent,
        inquiryId: '3b1f7c2e-5d4a-4e8b-9c6d-2a1b0c9d8e7f',
        reason: 'unknown-inquiry',
      });
    }, 60_000);

    it('rs-connector-py doctor names each failure as rs-connector doctor does', async () => {
      const good = jobcentreAmqpUrl(platform.world, 147);
      const withUrl = (change: (u: URL) => void) => {
        const u = new URL(good);
        change(u);
        return u.toString();
      };
      const port = await closedPort();
      const skewedUrl = `http://127.0.0.1:${(skewed.address() as { port: number }).port}`;
      const forged = signTestToken({ role: 'jobcentre', sub: 'x', jobcentre: 147 }, { key: foreignKey() });
      const feed = { FEED_URL: broadcast.url, FEED_TOKEN: jobcentreToken(147) };
      const scenarios: [string, Record<string, string>, string[]][] = [
        ['all well', { AMQP_URL: good, ...feed }, []],
        ['wrong password', { AMQP_URL: withUrl((u) => (u.password = 'wrong')) }, ['login:credentials-refused']],
        ['wrong vhost', { AMQP_URL: withUrl((u) => (u.pathname = '/no-such-vhost')) }, ['vhost:vhost-refused']],
        ['missing queue', { AMQP_URL: jobcentreAmqpUrl(empty.world, 147) }, ['queue:queue-missing']],
        // Aalborg: outside the round above, so its queue is empty and the read itself is tried.
        ['not theirs', { AMQP_URL: good, JOBCENTRES: '851' }, ['config:queue-not-theirs', 'queue:queue-not-theirs']],
        ['unreachable', { AMQP_URL: withUrl((u) => (u.port = String(port))) }, ['connection:broker-unreachable']],
        ['TLS to the plain port', { AMQP_URL: withUrl((u) => (u.protocol = 'amqps:')) }, ['connection:tls-refused']],
        ['clock skew', { AMQP_URL: good, FEED_URL: skewedUrl, FEED_TOKEN: 't' }, ['clock:clock-skew']],
        ['forged token', { AMQP_URL: good, FEED_URL: broadcast.url, FEED_TOKEN: forged }, ['feed:feed-token-invalid']],
        [
          "another jobcentre's token",
          { AMQP_URL: good, FEED_URL: broadcast.url, FEED_TOKEN: jobcentreToken(151) },
          ['feed:feed-token-invalid'],
        ],
        ['feed unreachable', { AMQP_URL: good, FEED_URL: `http://127.0.0.1:${port}`, FEED_TOKEN: 't' }, ['feed:platform-unreachable']],
        ['nothing set', { AMQP_URL: '' }, ['config:config-invalid']],
      ];
      const doctor = async (command: string[], env: Record<string, string>) => {
        const full = { PATH: process.env.PATH ?? '', JOBCENTRES: '147', ...env };
        const out = await run(command[0]!, [...command.slice(1), 'doctor', '--json'], { env: full }).then(
          (r) => ({ code: 0, stdout: r.stdout }),
          (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
        );
        const findings = (JSON.parse(out.stdout) as { findings: Finding[] }).findings;
        return { code: out.code, problems: findings.filter((f) => f.status === 'problem').map((f) => `${f.check}:${f.problem}`) };
      };
      for (const [name, env, expected] of scenarios) {
        const py = await doctor([join(bin, 'rs-connector-py')], env);
        const ts = await doctor([process.execPath, TS_CLI], env);
        expect({ name, ...py }).toEqual({ name, code: expected.length ? 1 : 0, problems: expected });
        expect({ name, ...ts }).toEqual({ name, code: expected.length ? 1 : 0, problems: expected });
      }
      const text = await run(join(bin, 'rs-connector-py'), ['doctor'], {
        env: { PATH: process.env.PATH ?? '', JOBCENTRES: '147', AMQP_URL: withUrl((u) => (u.password = 'wrong')) },
      }).catch((e: { stdout: string }) => e);
      expect(text.stdout).toContain('Brokeren afviste brugernavn eller adgangskode.');
      expect(text.stdout).toMatch(/What to do: .*\n.*Hvad I gør: /);
    }, 90_000);
  });
});
