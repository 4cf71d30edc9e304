import type { RunningService } from './spawn-service';

/** Stops the identity service the global setup started (the shared servers keep running). */
export default async function globalTeardown(): Promise<void> {
  await (globalThis as { rsIdentity?: RunningService }).rsIdentity?.stop();
}
