import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestWorld, type RunningService, startService, type TestWorld, tokenFor } from '@rs/testkit';

/**
 * R18: Schemathesis fuzzes every service from its own /openapi.json (examples, coverage and
 * generated cases, positive and negative) and fails on any 5xx or any answer that does not
 * match the document. scripts/test.sh provides RS_SCHEMATHESIS from a virtualenv keyed by
 * test/schemathesis/requirements.txt. Each run is bounded in cases and seconds, so the whole
 * file stays within a few minutes on two cores.
 */
const SCHEMATHESIS = process.env.RS_SCHEMATHESIS ?? 'schemathesis';
const REPORTS = join(__dirname, '..', '.data', 'schemathesis');
const CONFIG = join(__dirname, 'schemathesis', 'schemathesis.toml');
const MAX_EXAMPLES = '25';
const MAX_SECONDS = '20';

/** Who fuzzes: the principal that reaches the most of each API. */
const targets = [
  { service: 'order-intake', token: tokenFor({ role: 'jobcentre', sub: 'fuzz-101', jobcentre: 101 }) },
  { service: 'broadcast', token: tokenFor({ role: 'admin', sub: 'fuzz-admin' }) },
  { service: 'matching', token: tokenFor({ role: 'jobcentre', sub: 'fuzz-101', jobcentre: 101 }) },
  { service: 'upskilling-seat', token: tokenFor({ role: 'admin', sub: 'fuzz-admin' }) },
  // Admin reaches every cooperation's figures and every municipality's KKR scheme.
  { service: 'reporting', token: tokenFor({ role: 'admin', sub: 'fuzz-admin' }) },
] as const;

function schemathesis(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(SCHEMATHESIS, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_TELEMETRY: 'false' },
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

/** Every operation of a service's document, as Schemathesis names them (`POST /orders/{id}/close`). */
async function documentedOperations(url: string): Promise<string[]> {
  const doc = (await (await fetch(`${url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => METHODS.includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  );
}

/** Test cases per operation in Schemathesis's JUnit report, not counting skipped ones. */
function exercisedOperations(junit: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [, name, body] of junit.matchAll(/<testcase name="([^"]+)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
    if (!name || body?.includes('<skipped')) continue;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

describe('OpenAPI fuzzing with Schemathesis', () => {
  let world: TestWorld;
  const services = new Map<string, RunningService>();

  beforeAll(async () => {
    mkdirSync(REPORTS, { recursive: true });
    world = await createTestWorld();
    for (const { service } of targets) services.set(service, await startService(world, service, { LOG_LEVEL: 'warn' }));
  }, 120_000);
  afterAll(async () => {
    await Promise.all([...services.values()].map((s) => s.stop()));
    await world.dispose();
  });

  it('finds the Schemathesis CLI', async () => {
    const { code, output } = await schemathesis(['--version']);
    expect([code, output]).toEqual([0, expect.stringMatching(/schemathesis, version 4\./)]);
  });

  it.each(targets)(
    '$service: no 5xx and every answer as documented',
    async ({ service, token }) => {
      const svc = services.get(service)!;
      const report = join(REPORTS, `${service}.junit.xml`);
      const { code, output } = await schemathesis([
        '--config-file',
        CONFIG,
        'run',
        `${svc.url}/openapi.json`,
        '--checks',
        'not_a_server_error,response_schema_conformance',
        '-H',
        `Authorization: Bearer ${token}`,
        '--max-examples',
        MAX_EXAMPLES,
        '--max-time',
        MAX_SECONDS,
        '--workers',
        '1',
        '--seed',
        '20261201',
        '--request-timeout',
        '10',
        '--report',
        'junit',
        '--report-junit-path',
        report,
      ]);
      if (code !== 0) throw new Error(`schemathesis found problems in ${service} (exit ${code}):\n${output.slice(-6000)}`);
      // A run that tested nothing must not pass: every documented operation was exercised.
      const exercised = exercisedOperations(readFileSync(report, 'utf8'));
      const documented = await documentedOperations(svc.url);
      expect(documented.length).toBeGreaterThan(0);
      // Schemathesis leaves out the operation serving the document it reads (GET /openapi.json).
      expect(documented.filter((op) => op !== 'GET /openapi.json' && !exercised.has(op))).toEqual([]);
      expect(svc.output()).not.toMatch(/"level":50.*unhandled error/);
    },
    120_000,
  );
});
