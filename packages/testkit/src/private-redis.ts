import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './spawn-service';
import { waitFor } from './wait-for';

/** A redis-server owned by one test: AOF on, noeviction, data in a temporary directory. */
export interface PrivateRedis {
  port: number;
  url: string;
  start(): Promise<void>;
  /** `redis-cli shutdown`: Redis writes its AOF and exits; resolves once the process is gone. */
  shutdown(): Promise<void>;
  cli(...args: string[]): Promise<string>;
  /** Stops the process (if running) and removes its directory. */
  dispose(): Promise<void>;
}

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rs-redis-'));
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  let log = '';

  const cli = (...args: string[]) =>
    new Promise<string>((resolve, reject) =>
      execFile('redis-cli', ['-p', String(port), ...args], { timeout: 5_000 }, (error, stdout) =>
        error ? reject(error) : resolve(stdout.trim()),
      ),
    );

  const redis: PrivateRedis = {
    port,
    url: `redis://127.0.0.1:${port}`,
    cli,
    async start() {
      // Same port and directory every time: a restart reads back the AOF of the previous run.
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
      args.push('--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction');
      const proc = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      proc.stdout?.on('data', (d: Buffer) => (log += d.toString()));
      proc.stderr?.on('data', (d: Buffer) => (log += d.toString()));
      child = proc;
      exited = new Promise((resolve) => proc.once('exit', () => resolve()));
      await waitFor(async () => (await cli('ping')) === 'PONG', { timeoutMs: 10_000, intervalMs: 100, what: `redis on ${port}` }).catch(
        (error: Error) => {
          throw new Error(`${error.message}\n${log.slice(-2000)}`);
        },
      );
    },
    async shutdown() {
      const proc = child;
      // The connection closes under redis-cli, which may then report an error: the exit is what counts.
      await cli('shutdown').catch(() => {});
      if (proc) await bounded(exited, 10_000, 'redis to exit after SHUTDOWN');
      child = undefined;
    },
    async dispose() {
      const proc = child;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await bounded(exited, 10_000, 'redis to exit').catch(() => proc.kill('SIGKILL'));
      }
      child = undefined;
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await redis.start();
  return redis;
}

async function bounded<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
