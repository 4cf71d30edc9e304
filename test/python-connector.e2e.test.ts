import { spawn } from 'node:child_process';
import { join } from 'node:path';
import {
  jobcentreAmqpUrl,
  jobcentreToken,
  type RunningService,
  registerOrder,
  type TestPlatform,
  testPlatform,
  waitFor,
} from '@rs/testkit';
import request from 'supertest';
import { installedConnectorPython } from './support/python-connector';

/**
 * Issue 4: a connector written in another language from the generated JSON Schemas and the docs
 * alone (connectors/python, pika + jsonschema) consumes a round and replies. Since issue 19 it
 * runs as installed from its wheel (a venv cached by version and sources, see
 * test/support/python-connector.ts), reading the schemas from docs/schemas with --schemas.
 */
const ROOT = join(__dirname, '..');

describe('a connector in Python', () => {
  let platform: TestPlatform;
  let broadcast: RunningService;
  let intake: RunningService;

  let python: string;

  beforeAll(async () => {
    python = installedConnectorPython();
    platform = await testPlatform({ jobcentres: [147] });
    broadcast = await platform.start('broadcast', { REPLY_WINDOW_MODE: 'clock', REMINDER_OFFSETS_SECONDS: 'none' });
    intake = await platform.start('order-intake');
  }, 180_000);
  afterAll(() => platform.dispose());

  it('receives the order broadcast, validates it and replies with candidates as itself', async () => {
    const connector = spawn(
      python,
      [
        '-m',
        'rs_connector',
        'run',
        '--jobcentre',
        '147',
        '--schemas',
        join(ROOT, 'docs/schemas'),
        '--candidate',
        'c-147-py:Python-kandidat, truckkørekort',
        '--max-messages',
        '1',
        '--timeout',
        '60',
      ],
      {
        env: { ...process.env, AMQP_URL: jobcentreAmqpUrl(platform.world, 147) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    connector.stdout.on('data', (d: Buffer) => (output += d.toString()));
    connector.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => connector.once('exit', resolve));

    const lead = jobcentreToken(101);
    const orderId = await registerOrder(intake, lead, { broadcast: { scope: 'cooperation' } });

    expect(await exited).toBe(0);
    expect(output).toContain('"event": "replied"');
    const entry = await waitFor(
      async () => {
        const res = await request(broadcast.url).get(`/rounds/${orderId}-1`).set('authorization', `Bearer ${lead}`);
        return res.body.recipients?.find((r: { jobcentre: number; status: string }) => r.jobcentre === 147 && r.status === 'replied');
      },
      { what: "the Python connector's reply to be recorded" },
    );
    expect(entry).toMatchObject({
      answer: 'candidates',
      candidates: [{ candidateRef: 'c-147-py', summary: 'Python-kandidat, truckkørekort' }],
      late: false,
    });
  }, 90_000);
});
