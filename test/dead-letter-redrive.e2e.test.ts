import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { silentLogger } from '@rs/bus';
import { type Connector, createConnector } from '@rs/connector';
import { jobcentreUsername, QUEUES, type ReplyReceived, type RoundReplyRefused } from '@rs/contracts';
import {
  createTestWorld,
  provisionJobcentres,
  type RunningService,
  startService,
  type TestWorld,
  testPassword,
  tokenFor,
  waitFor,
} from '@rs/testkit';
import request from 'supertest';

/**
 * A reply that arrives before its round exists is dead-lettered (unknown-round) and its sender
 * told; once the round is opened, `rs-admin dead-letters redrive` (a real process) puts it back
 * and it is applied once, keeping its sender and message id; a second redrive finds nothing.
 */
const LEAD = 101;
const REPLIER = 147;
const OTHER = 151;
const ADMIN_CLI = join(__dirname, '..', 'packages', 'connector', 'dist', 'cli', 'admin-main.js');

function rsAdmin(world: TestWorld, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [ADMIN_CLI, 'dead-letters', ...args],
      { env: { PATH: process.env.PATH ?? '', AMQP_URL: world.amqpUrl }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

interface Row {
  id: string;
  type: string | null;
  originalQueue: string | null;
  reason: string;
  at: string | null;
  sender: string | null;
}

describe('rs-admin dead-letters: a dead-lettered reply redriven is applied once', () => {
  let world: TestWorld;
  const services: RunningService[] = [];
  let intake: RunningService;
  let broadcast: RunningService;
  const connectors = new Map<number, Connector>();
  const refusals: RoundReplyRefused[] = [];
  const repliesToLead: ReplyReceived[] = [];
  const lead = tokenFor({ role: 'jobcentre', sub: 'consultant-101', jobcentre: LEAD });

  beforeAll(async () => {
    world = await createTestWorld();
    await provisionJobcentres(world, [LEAD, REPLIER, OTHER]);
    broadcast = await startService(world, 'broadcast', { REPLY_WINDOW_MODE: 'clock' });
    intake = await startService(world, 'order-intake');
    services.push(broadcast, intake);
    for (const code of [LEAD, REPLIER, OTHER]) {
      connectors.set(
        code,
        createConnector(
          { url: world.amqpUrlFor(jobcentreUsername(code), testPassword(code)), jobcentre: code, logger: silentLogger },
          {
            'round.reply-refused': async (refusal) => void refusals.push(refusal),
            'round.reply-received': async (reply) => void repliesToLead.push(reply),
          },
        ),
      );
    }
  }, 60_000);
  afterAll(async () => {
    await Promise.all([...connectors.values()].map((c) => c.stop()));
    await Promise.all(services.map((s) => s.stop()));
    await world?.dispose();
  });

  it('lists, shows (redacted) and redrives it once; the round records it once', async () => {
    const created = await request(intake.url)
      .post('/orders')
      .set('authorization', `Bearer ${lead}`)
      .send({ company: { name: 'Plejehjemmet Solgården', municipality: LEAD }, title: 'SOSU-hjælper', occupation: '5322', positions: 1 })
      .expect(201);
    const orderId: string = created.body.id;
    const roundId = `${orderId}-1`;

    // The reply comes before the round: refused, dead-lettered, and the sender told.
    const replyId = await connectors.get(REPLIER)!.reply({
      roundId,
      orderId,
      answer: 'candidates',
      candidates: [{ candidateRef: 'c-147-7', summary: 'Hemmelig Hansen, SOSU-hjælper' }],
    });
    await waitFor(() => refusals.find((r) => r.refusedMessageId === replyId), { what: 'the sender told of the refusal' });
    expect(refusals[0]).toMatchObject({ recipient: REPLIER, roundId, reason: 'unknown-round' });

    const listed = await rsAdmin(world, ['list', '--json']);
    expect(listed.code).toBe(0);
    const rows = JSON.parse(listed.stdout) as Row[];
    expect(rows).toEqual([
      expect.objectContaining({
        id: replyId,
        type: 'dk.rekrutteringsservice.round.reply.v1',
        originalQueue: QUEUES.broadcastReplies,
        reason: expect.stringMatching(/^unknown-round: /),
        sender: jobcentreUsername(REPLIER),
      }),
    ]);
    expect(Date.now() - Date.parse(rows[0]!.at!)).toBeLessThan(60_000);
    const table = await rsAdmin(world, ['list']);
    expect(table.stdout).toMatch(
      new RegExp(`${replyId}\\s+dk\\.rekrutteringsservice\\.round\\.reply\\.v1\\s+broadcast\\.replies\\s+unknown-round`),
    );

    const shown = await rsAdmin(world, ['show', replyId]);
    expect(shown.stdout).toContain(`original queue:   ${QUEUES.broadcastReplies}`);
    expect(shown.stdout).toContain('c-147-7');
    expect(shown.stdout).not.toContain('Hemmelig');
    expect((await rsAdmin(world, ['show', replyId, '--full'])).stdout).toContain('Hemmelig Hansen');

    // Now the round exists (the lead opens it), and the reply can be put back.
    await waitFor(
      async () =>
        (await request(broadcast.url).post('/rounds').set('authorization', `Bearer ${lead}`).send({ orderId, scope: 'cooperation' }))
          .status === 201,
      { what: 'the round opened once broadcast knows the order' },
    );
    const redriven = await rsAdmin(world, ['redrive', replyId]);
    expect(redriven.stderr).toContain(`${replyId} → ${QUEUES.broadcastReplies}`);
    expect(redriven.code).toBe(0);

    const recorded = await waitFor(
      async () => {
        const res = await request(broadcast.url).get(`/rounds/${roundId}`).set('authorization', `Bearer ${lead}`);
        return res.body.recipients?.find((r: { jobcentre: number; status: string }) => r.jobcentre === REPLIER && r.status === 'replied');
      },
      { what: 'the redriven reply recorded' },
    );
    expect(recorded.candidates).toEqual([expect.objectContaining({ candidateRef: 'c-147-7' })]);

    // Gone from the dead letters: a second redrive finds nothing, and nothing was added.
    const again = await rsAdmin(world, ['redrive', replyId]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`no dead letter with id ${replyId}`);
    expect(JSON.parse((await rsAdmin(world, ['list', '--json'])).stdout)).toEqual([]);

    // Applied once: a later reply reaches the lead, and the redriven one was told to it exactly once.
    await connectors.get(OTHER)!.reply({ roundId, orderId, answer: 'none', candidates: [] });
    await waitFor(() => repliesToLead.some((r) => r.recipient === OTHER), { what: 'the later reply at the lead' });
    expect(repliesToLead.filter((r) => r.recipient === REPLIER)).toHaveLength(1);
    expect(refusals).toHaveLength(1);
  });
});
