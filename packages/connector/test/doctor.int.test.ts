import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  foreignKey,
  infra,
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  randomName,
  signTestToken,
  type TestPlatform,
  testPassword,
  testBus,
  testPlatform,
  waitFor,
} from '@rs/testkit';
import { type DoctorInput, type Finding, runDoctor } from '../src/doctor/checks';

/**
 * `rs-connector doctor` against the real loopback RabbitMQ and broadcast service: each failure
 * it names is produced for real (wrong password, wrong vhost, missing queue, another
 * jobcentre's queue, a closed port, TLS against the plain port, a refused feed token, a clock
 * that is off) and must come out as that problem, not as a generic error.
 */
const CLI = join(__dirname, '../dist/cli/main.js');

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const problems = (found: Finding[]) => found.filter((f) => f.status === 'problem').map((f) => `${f.check}:${f.problem}`);

describe('rs-connector doctor', () => {
  let platform: TestPlatform;
  let empty: TestPlatform;
  let broadcast: RunningService;
  let input: DoctorInput;
  const withUrl = (change: (u: URL) => void) => {
    const u = new URL(input.amqpUrl);
    change(u);
    return u.toString();
  };

  beforeAll(async () => {
    platform = await testPlatform({ jobcentres: [147] });
    // A world where the platform never ran: the jobcentre's user exists, its queue does not.
    empty = await testPlatform({ jobcentres: [147] });
    broadcast = await platform.start('broadcast');
    // Broadcast declares the jobcentre queues as it connects, which may finish after it is ready.
    const admin = infra.management();
    await waitFor(
      async () => (await admin.queueInfo(platform.world.vhost, 'jobcentre.147')) && admin.queueInfo(platform.world.vhost, 'jobcentre.151'),
      {
        what: 'the jobcentre queues to be declared',
      },
    );
    input = {
      amqpUrl: jobcentreAmqpUrl(platform.world, 147),
      jobcentre: 147,
      feed: { baseUrl: broadcast.url, token: jobcentreToken(147) },
      maxClockSkewMs: 30_000,
      timeoutMs: 5000,
    };
  }, 60_000);
  afterAll(async () => {
    await empty?.dispose();
    await platform?.dispose();
  });

  it('passes every check when all is well', async () => {
    const found = await runDoctor(input);
    expect(problems(found)).toEqual([]);
    expect(found.map((f) => `${f.check}:${f.status}`)).toEqual([
      'connection:ok',
      'login:ok',
      'vhost:ok',
      'queue:ok',
      'read:ok',
      'clock:ok',
      'feed:ok',
    ]);
  });

  it('says the read permission was not checked while messages wait (it takes none back), in both languages', async () => {
    const bus = testBus(platform.world);
    try {
      await bus.publish('', 'jobcentre.147', { waiting: true });
      await waitFor(async () => (await bus.depths(['jobcentre.147'])).get('jobcentre.147') === 1, { what: 'one message waiting' });
      const found = await runDoctor(input);
      expect(problems(found)).toEqual([]);
      expect(found.find((f) => f.check === 'read')).toEqual({
        check: 'read',
        status: 'skipped',
        said: { en: 'read permission not checked (1 waiting)', da: 'læseadgang ikke tjekket (1 venter)' },
      });
      expect((await bus.depths(['jobcentre.147'])).get('jobcentre.147')).toBe(1);
    } finally {
      await bus.purge('jobcentre.147');
      await bus.close();
    }
  });

  it('names a wrong password as refused credentials, after reaching the broker', async () => {
    const found = await runDoctor({ ...input, amqpUrl: withUrl((u) => (u.password = 'wrong')) });
    expect(problems(found)).toEqual(['login:credentials-refused']);
    expect(found.find((f) => f.check === 'connection')?.status).toBe('ok');
    expect(found.find((f) => f.check === 'queue')?.status).toBe('skipped');
  });

  it('names a vhost that does not exist, and one the user has no access to', async () => {
    expect(problems(await runDoctor({ ...input, amqpUrl: withUrl((u) => (u.pathname = '/no-such-vhost')) }))).toEqual([
      'vhost:vhost-refused',
    ]);
    const admin = infra.management();
    const foreign = randomName('doctor');
    await admin.putVhost(foreign);
    try {
      const found = await runDoctor({ ...input, amqpUrl: withUrl((u) => (u.pathname = `/${foreign}`)) });
      expect(problems(found)).toEqual(['vhost:vhost-refused']);
      expect(found.find((f) => f.check === 'login')?.status).toBe('ok');
    } finally {
      await admin.deleteVhost(foreign);
    }
  });

  it('names a missing queue', async () => {
    const found = await runDoctor({ ...input, amqpUrl: jobcentreAmqpUrl(empty.world, 147) });
    expect(problems(found)).toEqual(['queue:queue-missing']);
  });

  it("names another jobcentre's queue as not theirs, from the configuration and from the broker", async () => {
    const found = await runDoctor({ ...input, jobcentre: 151, feed: undefined });
    expect(problems(found)).toEqual(['config:queue-not-theirs', 'queue:queue-not-theirs']);
    expect(found.find((f) => f.check === 'queue')?.detail).toMatch(/ACCESS_REFUSED/);
  });

  it('names an unreachable broker and TLS spoken to the plain port', async () => {
    const port = await closedPort();
    expect(problems(await runDoctor({ ...input, amqpUrl: withUrl((u) => (u.port = String(port))) }))).toEqual([
      'connection:broker-unreachable',
    ]);
    expect(problems(await runDoctor({ ...input, amqpUrl: withUrl((u) => (u.protocol = 'amqps:')) }))).toEqual(['connection:tls-refused']);
  });

  it('names a clock that is off against the platform’s', async () => {
    // Our clock ten minutes fast: the platform's Date header is the reference.
    const found = await runDoctor(input, { now: () => Date.now() + 10 * 60_000 });
    expect(problems(found)).toEqual(['clock:clock-skew']);
    expect(found.find((f) => f.check === 'clock')?.detail).toMatch(/6\d\d s ahead of/);
  });

  it('names a feed token the platform refuses: another secret, another jobcentre, none; and an unreachable feed', async () => {
    const forged = signTestToken({ role: 'jobcentre', sub: 'x', jobcentre: 147 }, { key: foreignKey() });
    for (const token of [forged, jobcentreToken(151), undefined]) {
      expect(problems(await runDoctor({ ...input, feed: { baseUrl: broadcast.url, token } }))).toEqual(['feed:feed-token-invalid']);
    }
    const port = await closedPort();
    expect(problems(await runDoctor({ ...input, feed: { baseUrl: `http://127.0.0.1:${port}`, token: 't' } }))).toEqual([
      'feed:platform-unreachable',
    ]);
  });

  it('as a command: reads the password from a secret file, says what to do in both languages, exits 1', async () => {
    const url = new URL(input.amqpUrl);
    url.username = '';
    url.password = '';
    const run = (env: Record<string, string>) =>
      promisify(execFile)(process.execPath, [CLI, 'doctor'], { env: { PATH: process.env.PATH ?? '', ...env } }).then(
        (r) => ({ code: 0, out: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
      );
    const dir = mkdtempSync(join(tmpdir(), 'rs-doctor-'));
    writeFileSync(join(dir, 'good'), `${testPassword(147)}\n`);
    writeFileSync(join(dir, 'bad'), 'not-the-password\n');
    const env = { AMQP_URL: url.toString(), JOBCENTRES: '147', FEED_URL: broadcast.url, FEED_TOKEN: jobcentreToken(147) };
    const good = await run({ ...env, AMQP_PASSWORD_FILE: join(dir, 'good') });
    expect(good).toMatchObject({ code: 0 });
    expect(good.out).toContain('Alle tjek bestået');
    const bad = await run({ ...env, AMQP_PASSWORD_FILE: join(dir, 'bad') });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('The broker refused the user name or password.');
    expect(bad.out).toContain('Brokeren afviste brugernavn eller adgangskode.');
    expect(bad.out).toMatch(/What to do: .*\n.*Hvad I gør: /);
    const unset = await run({ JOBCENTRES: '147' });
    expect(unset.code).toBe(1);
    expect(unset.out).toMatch(/config-invalid: AMQP_URL: is required but not set/);
  }, 30_000);
});
