import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './spawn-service';
import { waitFor } from './wait-for';
import mongoose from 'mongoose';

// packages/testkit/{src,dist} → the repository root.
const ROOT = join(__dirname, '..', '..', '..');

/**
 * The FerretDB binary that scripts/infra.sh built: its cache key is the version and a hash of
 * the project's patches (infra/ferretdb/*.patch), exactly as infra.sh computes it.
 */
function ferretdbBinary(): string {
  const patchDir = join(ROOT, 'infra', 'ferretdb');
  const patches = readdirSync(patchDir)
    .filter((f) => f.endsWith('.patch'))
    .sort()
    .map((f) => readFileSync(join(patchDir, f)));
  const buildId = createHash('sha256').update(Buffer.concat(patches)).digest('hex').slice(0, 8);
  const bin = join(homedir(), '.cache', 'rs-platform', `ferretdb-1.24.2-${buildId}`, 'ferretdb');
  if (!existsSync(bin)) throw new Error(`no FerretDB build at ${bin}: run npm run infra -- up once (it builds it)`);
  return bin;
}

/** A MongoDB-wire server owned by one test, which it may stop and start again (same port, same data). */
export interface PrivateFerretDB {
  url: string;
  start(): Promise<void>;
  /** A clean shutdown (SIGTERM). */
  stop(): Promise<void>;
  /** A crash (SIGKILL): what an outage test wants. */
  kill(): Promise<void>;
  dispose(): Promise<void>;
}

export async function privateFerretDB(): Promise<PrivateFerretDB> {
  const bin = ferretdbBinary();
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rs-ferretdb-'));
  const url = `mongodb://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  const answers = async () => {
    const conn = await mongoose.createConnection(url, { serverSelectionTimeoutMS: 500 }).asPromise();
    try {
      return (await conn.db!.admin().command({ ping: 1 })).ok === 1;
    } finally {
      await conn.close();
    }
  };

  const halt = async (signal: NodeJS.Signals) => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(signal);
    await exited;
  };

  const server: PrivateFerretDB = {
    url,
    async start() {
      const proc = spawn(
        bin,
        [
          '--handler=sqlite',
          `--sqlite-url=file:${dir}/`,
          `--state-dir=${dir}`,
          `--listen-addr=127.0.0.1:${port}`,
          '--telemetry=disable',
          '--debug-addr=-',
          '--log-level=warn',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      proc.stdout?.on('data', (d: Buffer) => (log += d.toString()));
      proc.stderr?.on('data', (d: Buffer) => (log += d.toString()));
      child = proc;
      exited = new Promise((resolve) => proc.once('exit', () => resolve()));
      await waitFor(() => answers().catch(() => false), { timeoutMs: 15_000, intervalMs: 200, what: `FerretDB on ${port}` }).catch(
        (error: Error) => {
          throw new Error(`${error.message}\n${log.slice(-2000)}`);
        },
      );
    },
    stop: () => halt('SIGTERM'),
    kill: () => halt('SIGKILL'),
    async dispose() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
}
