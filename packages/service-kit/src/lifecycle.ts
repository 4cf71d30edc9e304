import type { Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from 'pino';
import { type Shutdown, trackConnections } from './connections';

const tracked = new WeakMap<Server, Shutdown>();

/** Listens with its connections tracked from the first one, so closeServer need not wait for idle ones. */
export function listen(app: Express, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, () => resolve(server));
    tracked.set(server, trackConnections(server));
    server.once('error', reject);
  });
}

/**
 * Stops taking connections, finishes the responses under way (at most `graceMs`) and closes every
 * connection without one at once — also those that never sent a request (connections.ts).
 */
export function closeServer(server: Server, graceMs = 8_000): Promise<void> {
  const shutdown = tracked.get(server);
  if (shutdown) return shutdown.close(graceMs);
  // Not from listen(): its connections were not tracked; the idle ones that carried a request go.
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

export type ShutdownStep = [name: string, run: () => Promise<unknown>];

/**
 * Runs the steps in order (stop taking work → finish in-flight work → close connections), each
 * bounded in time; a step that fails or times out is logged and the next one still runs.
 * Resolves with the names of the steps that ran.
 */
export async function stopInOrder(logger: Logger, steps: ShutdownStep[], stepTimeoutMs = 10_000): Promise<string[]> {
  const ran: string[] = [];
  for (const [name, run] of steps) {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => {
      timer = setTimeout(() => r('timeout'), stepTimeoutMs);
    });
    const result = await Promise.race([
      run().then(
        () => 'done' as const,
        (e: Error) => e,
      ),
      timeout,
    ]);
    clearTimeout(timer);
    ran.push(name);
    if (result !== 'done') logger.warn({ step: name, result: String(result) }, 'shutdown step did not finish cleanly');
  }
  return ran;
}

/**
 * On SIGTERM/SIGINT runs the steps in order (`stopInOrder`), then exits 0. A second signal
 * exits at once.
 */
export function onShutdown(logger: Logger, steps: () => ShutdownStep[], stepTimeoutMs = 10_000): void {
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) process.exit(1);
    shuttingDown = true;
    logger.info({ signal }, 'shutting down');
    await stopInOrder(logger, steps(), stepTimeoutMs);
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}
