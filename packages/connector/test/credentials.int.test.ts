import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type Bus, connectBus, declareTopology, silentLogger } from '@rs/bus';
import { type Connector, createConnector, managementUserExists, provisionCredentials } from '@rs/connector';
import { EXCHANGES, jobcentreQueue, jobcentreQueueSpec, jobcentreUsername, makeEnvelope, roundReminderExample } from '@rs/contracts';
import { createTestWorld, infra, type TestWorld, waitFor } from '@rs/testkit';
import amqplib from 'amqplib';

/**
 * Issue 4, credentials: rs-admin provisions and rotates a jobcentre's broker password; a rotation
 * loses no message. Broker users are global, and other test files share 147's user with a fixed
 * password (testkit's testPassword), so rotating it here could lock them out mid-run: this file
 * uses Aalborg (851), which no other test uses, and deletes the user at the end.
 */
const CODE = 851;
const USER = jobcentreUsername(CODE);
const ADMIN_CLI = join(__dirname, '..', 'dist', 'cli', 'admin-main.js');

describe('jobcentre credentials', () => {
  let world: TestWorld;
  let admin: Bus;
  const deps = () => ({ admin: infra.management(), userExists: managementUserExists(infra.managementUrl()) });
  const received: Array<{ id: string; by: 'A' | 'B' }> = [];
  const connectors: Connector[] = [];

  function connect(password: string, by: 'A' | 'B'): Connector {
    const connector = createConnector(
      { url: world.amqpUrlFor(USER, password), jobcentre: CODE, logger: silentLogger },
      {
        'round.reminder': async (_data, ctx) => {
          received.push({ id: ctx.envelope.id, by });
        },
      },
    );
    connectors.push(connector);
    return connector;
  }
  async function publish(ids: string[]): Promise<void> {
    for (const id of ids) {
      const envelope = makeEnvelope(
        'round.reminder',
        { ...roundReminderExample, recipient: CODE },
        { id, time: new Date(), source: '/test' },
      );
      await admin.publish(EXCHANGES.jobcentres, jobcentreQueue(CODE), envelope);
    }
  }
  // A passive declare counts ready messages at once (the management API's counts lag by seconds).
  async function depth(): Promise<number> {
    const conn = await amqplib.connect(world.amqpUrl);
    try {
      return (await (await conn.createChannel()).checkQueue(jobcentreQueue(CODE))).messageCount;
    } finally {
      await conn.close();
    }
  }

  beforeAll(async () => {
    world = await createTestWorld();
    await infra.management().deleteUser(USER);
    admin = connectBus({
      url: world.amqpUrl,
      name: 'test-admin',
      logger: silentLogger,
      setup: (ch) => declareTopology(ch, [jobcentreQueueSpec(CODE)]),
    });
  }, 30_000);
  afterAll(async () => {
    await Promise.all(connectors.map((c) => c.stop()));
    await admin?.close();
    await infra.management().deleteUser(USER);
    await world?.dispose();
  });

  it('rotates a password without losing or repeating a message, and the old password is refused', async () => {
    const created = await provisionCredentials(deps(), { vhost: world.vhost, codes: [CODE], rotate: false });
    const passwordA = created.passwords[String(CODE)]!;
    expect(passwordA).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // Provisioning again without --rotate leaves a running connector's password alone.
    expect(await provisionCredentials(deps(), { vhost: world.vhost, codes: [CODE], rotate: false })).toEqual({
      passwords: {},
      unchanged: [CODE],
    });

    const a = connect(passwordA, 'A');
    await publish(['m1', 'm2']);
    await waitFor(() => received.length === 2, { what: 'A to receive the first two' });
    await a.stop();
    connectors.splice(connectors.indexOf(a), 1);
    await publish(['m3', 'm4', 'm5']);
    await waitFor(async () => (await depth()) === 3, { what: 'three messages queued while no connector runs' });

    const rotated = await provisionCredentials(deps(), { vhost: world.vhost, codes: [CODE], rotate: true });
    const passwordB = rotated.passwords[String(CODE)]!;
    expect(passwordB).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(passwordB).not.toBe(passwordA);
    await expect(amqplib.connect(world.amqpUrlFor(USER, passwordA))).rejects.toThrow(/403.*ACCESS_REFUSED|ACCESS_REFUSED.*403/);

    const b = connect(passwordB, 'B');
    await waitFor(() => received.length >= 5, { what: 'B to receive the queued messages' });
    // Stopped, B leaves nothing unacked behind: an unacked message would be back in the queue.
    await b.stop();
    connectors.splice(connectors.indexOf(b), 1);
    expect(await depth()).toBe(0);
    expect(received).toEqual([
      { id: 'm1', by: 'A' },
      { id: 'm2', by: 'A' },
      { id: 'm3', by: 'B' },
      { id: 'm4', by: 'B' },
      { id: 'm5', by: 'B' },
    ]);
  }, 60_000);

  it('rs-admin prints the new passwords as JSON on stdout only, and refuses codes that are not jobcentres', () => {
    const env = { PATH: process.env.PATH ?? '', RABBITMQ_MGMT_URL: infra.managementUrl() };
    const refused = spawnSync(process.execPath, [ADMIN_CLI, 'provision', String(CODE), '183', '999'], { env, encoding: 'utf8' });
    expect(refused.status).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/not jobcentre codes: 183, 999/);

    const run = spawnSync(process.execPath, [ADMIN_CLI, 'provision', String(CODE), '--vhost', world.vhost, '--rotate'], {
      env,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const passwords = JSON.parse(run.stdout) as Record<string, string>;
    expect(Object.keys(passwords)).toEqual([String(CODE)]);
    expect(run.stderr).toMatch(/new password for: 851/);
    expect(run.stderr).not.toContain(passwords[String(CODE)]);

    const missing = spawnSync(process.execPath, [ADMIN_CLI, 'provision', String(CODE)], { env: { PATH: env.PATH }, encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/RABBITMQ_MGMT_URL: is required/);
  });
});
