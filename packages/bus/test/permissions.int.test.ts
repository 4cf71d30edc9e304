import { declareTopology } from '@rs/bus';
import {
  connectorRoutingKey,
  EXCHANGES,
  jobcentreQueue,
  jobcentreQueueSpec,
  jobcentreUsername,
  makeEnvelope,
  QUEUES,
  roundReminderExample,
  roundReplyExample,
  SERVICE_QUEUES,
} from '@rs/contracts';
import { createTestWorld, provisionJobcentres, type TestWorld, testPassword, waitFor } from '@rs/testkit';
import amqplib, { type Channel, type ChannelModel, type ConfirmChannel } from 'amqplib';

/**
 * R6 against the real broker (3.10 here): jobcentre 147's own credentials against 151's queue,
 * routing keys and identity, with the permissions provisionJobcentreUser grants. Refusals close the
 * channel asynchronously, so every operation runs on a confirm channel of its own and the test
 * waits for the close and reads its code and text. The known 3.10 gaps are asserted as facts.
 */
const A = 147;
const B = 151;
const USER_A = jobcentreUsername(A);
const USER_B = jobcentreUsername(B);

interface Refusal {
  code: number | undefined;
  message: string;
}

const body = (id: string) =>
  Buffer.from(JSON.stringify(makeEnvelope('round.reply', roundReplyExample, { id, time: new Date(), source: `/jobcentres/${A}` })));

describe('broker permissions of a jobcentre user (R6)', () => {
  let world: TestWorld;
  let admin: ChannelModel;
  let adminCh: ConfirmChannel;
  let asA: ChannelModel;

  /** Runs one operation on a fresh confirm channel of jobcentre A and returns how the broker closed the channel. */
  async function refusal(op: (ch: ConfirmChannel) => Promise<unknown>): Promise<Refusal> {
    const ch = await asA.createConfirmChannel();
    let error: (Error & { code?: number }) | undefined;
    ch.on('error', (err: Error & { code?: number }) => {
      error = err;
    });
    const closed = new Promise<void>((resolve) => ch.once('close', () => resolve()));
    await op(ch).catch(() => {});
    await closed;
    const seen = await waitFor(() => error, { what: 'the channel error' });
    return { code: seen.code, message: seen.message };
  }
  /** Runs one operation on a fresh confirm channel of jobcentre A and expects it to succeed. */
  async function allowed<T>(op: (ch: ConfirmChannel) => Promise<T>): Promise<T> {
    const ch = await asA.createConfirmChannel();
    try {
      return await op(ch);
    } finally {
      await ch.close();
    }
  }
  const publishConfirmed = async (ch: ConfirmChannel, exchange: string, key: string, options: amqplib.Options.Publish) => {
    ch.publish(exchange, key, body(`m-${Date.now()}`), { persistent: true, ...options });
    await ch.waitForConfirms();
  };
  const depth = async (ch: Channel, queue: string) => (await ch.checkQueue(queue)).messageCount;
  const toJobcentre = async (code: number) => {
    const envelope = makeEnvelope(
      'round.reminder',
      { ...roundReminderExample, recipient: code },
      { id: `r-${code}-${Date.now()}`, time: new Date(), source: '/test' },
    );
    adminCh.publish(EXCHANGES.jobcentres, jobcentreQueue(code), Buffer.from(JSON.stringify(envelope)), { persistent: true });
    await adminCh.waitForConfirms();
  };

  beforeAll(async () => {
    world = await createTestWorld();
    await provisionJobcentres(world, [A, B]);
    admin = await amqplib.connect(world.amqpUrl);
    adminCh = await admin.createConfirmChannel();
    // The platform (admin) declares everything; a jobcentre user may configure nothing.
    await declareTopology(adminCh, [jobcentreQueueSpec(A), jobcentreQueueSpec(B), ...Object.values(SERVICE_QUEUES)]);
    asA = await amqplib.connect(world.amqpUrlFor(USER_A, testPassword(A)));
    asA.on('error', () => {});
  }, 30_000);
  afterAll(async () => {
    await asA?.close().catch(() => {});
    await admin?.close().catch(() => {});
    await world?.dispose();
  });

  it('lets jobcentre 147 consume its own queue', async () => {
    await toJobcentre(A);
    const ch = await asA.createConfirmChannel();
    try {
      const got: string[] = [];
      await ch.consume(jobcentreQueue(A), (msg) => {
        if (!msg) return;
        got.push(JSON.parse(msg.content.toString()).type);
        ch.ack(msg);
      });
      await waitFor(() => got.length === 1, { what: "a message on 147's own queue" });
      expect(got).toEqual(['dk.rekrutteringsservice.round.reminder.v1']);
    } finally {
      await ch.close();
    }
  });

  it("refuses 147 consuming or getting from 151's queue (403 read)", async () => {
    await toJobcentre(B);
    const expected = `ACCESS_REFUSED - access to queue '${jobcentreQueue(B)}' in vhost '${world.vhost}' refused for user '${USER_A}'`;
    const consumed = await refusal((ch) => ch.consume(jobcentreQueue(B), () => {}));
    expect(consumed.code).toBe(403);
    expect(consumed.message).toContain(expected);
    const got = await refusal((ch) => ch.get(jobcentreQueue(B)));
    expect(got.code).toBe(403);
    expect(got.message).toContain(expected);
    // 151's message is still there.
    expect(await depth(adminCh, jobcentreQueue(B))).toBe(1);
  });

  it("refuses 147 publishing with 151's routing key (403 topic write)", async () => {
    const refused = await refusal((ch) =>
      publishConfirmed(ch, EXCHANGES.connectors, connectorRoutingKey(B, 'round.reply'), { userId: USER_A }),
    );
    expect(refused.code).toBe(403);
    expect(refused.message).toContain(
      `ACCESS_REFUSED - access to topic '${connectorRoutingKey(B, 'round.reply')}' in exchange '${EXCHANGES.connectors}' in vhost '${world.vhost}' refused for user '${USER_A}'`,
    );
  });

  it('refuses 147 publishing as 151 (406 user_id check)', async () => {
    const refused = await refusal((ch) =>
      publishConfirmed(ch, EXCHANGES.connectors, connectorRoutingKey(A, 'round.reply'), { userId: USER_B }),
    );
    expect(refused.code).toBe(406);
    expect(refused.message).toContain(`PRECONDITION_FAILED - user_id property set to '${USER_B}' but authenticated user was '${USER_A}'`);
  });

  it.each([EXCHANGES.events, EXCHANGES.jobcentres, EXCHANGES.deadLetter])('refuses 147 publishing to %s (403 write)', async (exchange) => {
    const refused = await refusal((ch) => publishConfirmed(ch, exchange, jobcentreQueue(B), { userId: USER_A }));
    expect(refused.code).toBe(403);
    expect(refused.message).toContain(
      `ACCESS_REFUSED - access to exchange '${exchange}' in vhost '${world.vhost}' refused for user '${USER_A}'`,
    );
  });

  it('refuses 147 declaring, deleting or binding queues (403 configure / write)', async () => {
    const declared = await refusal((ch) => ch.assertQueue(`${USER_A}.private`, { durable: true }));
    expect(declared.code).toBe(403);
    expect(declared.message).toContain(
      `ACCESS_REFUSED - access to queue '${USER_A}.private' in vhost '${world.vhost}' refused for user '${USER_A}'`,
    );
    const deleted = await refusal((ch) => ch.deleteQueue(jobcentreQueue(B)));
    expect(deleted.code).toBe(403);
    expect(deleted.message).toContain(`access to queue '${jobcentreQueue(B)}'`);
    // Binding its own queue to the events exchange would let it read every domain event.
    const bound = await refusal((ch) => ch.bindQueue(jobcentreQueue(A), EXCHANGES.events, '#'));
    expect(bound.code).toBe(403);
    expect(bound.message).toContain(`ACCESS_REFUSED - access to queue '${jobcentreQueue(A)}'`);
  });

  // ── The known 3.10 gaps: what the broker lets through, asserted so a change shows up. ──

  it('3.10 gap: accepts a message WITHOUT user_id from 147 (consumers must reject it: see consumer.int.test.ts)', async () => {
    const before = await depth(adminCh, QUEUES.broadcastReplies);
    await allowed((ch) => publishConfirmed(ch, EXCHANGES.connectors, connectorRoutingKey(A, 'round.reply'), {}));
    await waitFor(async () => (await depth(adminCh, QUEUES.broadcastReplies)) === before + 1, {
      what: 'the sender-less message in broadcast.replies',
    });
  });

  it("3.10 gap: lets 147 passively declare 151's queue and read its message count", async () => {
    const ownCount = await depth(adminCh, jobcentreQueue(B));
    await toJobcentre(B);
    const seen = await allowed((ch) => ch.checkQueue(jobcentreQueue(B)));
    expect(seen).toMatchObject({ queue: jobcentreQueue(B), messageCount: ownCount + 1 });
  });

  it('3.10 gap: lets 147 purge its own queue (read permission allows purge)', async () => {
    await toJobcentre(A);
    await waitFor(async () => (await depth(adminCh, jobcentreQueue(A))) >= 1, { what: "a message in 147's queue" });
    const purged = await allowed((ch) => ch.purgeQueue(jobcentreQueue(A)));
    expect(purged.messageCount).toBeGreaterThanOrEqual(1);
    expect(await depth(adminCh, jobcentreQueue(A))).toBe(0);
    // ...but not 151's.
    const refused = await refusal((ch) => ch.purgeQueue(jobcentreQueue(B)));
    expect(refused.code).toBe(403);
  });
});
