import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { childPath } from './config';
import { waitFor } from './wait-for';

const ROOT = join(__dirname, '..', '..', '..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningService {
  name: string;
  port: number;
  url: string;
  process: ChildProcess;
  /** Everything the process printed (JSON log lines). */
  output: () => string;
  exited: Promise<number | null>;
  /** SIGTERM and wait for exit; resolves with the exit code. */
  stop(): Promise<number | null>;
  kill(): Promise<void>;
}

/**
 * Starts a built service (services/<name>/dist/main.js) as a real child process and waits until
 * its /readyz says its broker, Redis and database connections are usable.
 */
export async function spawnService(
  name: string,
  env: Record<string, string>,
  options: { waitReady?: boolean } = {},
): Promise<RunningService> {
  const port = Number(env.PORT ?? (await freePort()));
  const child = spawn(process.execPath, [join(ROOT, 'services', name, 'dist', 'main.js')], {
    env: { PATH: childPath(), LOG_LEVEL: 'info', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Every service's log is also kept under .data/test-logs for reading after a failed run.
  const logDir = join(ROOT, '.data', 'test-logs');
  mkdirSync(logDir, { recursive: true });
  const file = createWriteStream(join(logDir, `${name}-${child.pid}.log`));
  const record = (d: Buffer) => {
    output += d.toString();
    file.write(d);
  };
  child.stdout?.on('data', record);
  child.stderr?.on('data', record);
  child.once('exit', () => file.end());
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const service: RunningService = {
    name,
    port,
    url,
    process: child,
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
  if (options.waitReady !== false) {
    let dead = false;
    void exited.then(() => (dead = true));
    await waitFor(
      async () => {
        if (dead) throw new Error(`${name} exited during start:\n${output.slice(-2000)}`);
        const res = await fetch(`${url}/readyz`).catch(() => undefined);
        return res?.status === 200;
      },
      { timeoutMs: 30_000, intervalMs: 100, what: `${name} to be ready` },
    ).catch((error: Error) => {
      child.kill('SIGKILL');
      throw new Error(`${error.message}\n--- ${name} output ---\n${output.slice(-3000)}`);
    });
  }
  return service;
}
