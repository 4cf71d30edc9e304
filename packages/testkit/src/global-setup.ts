import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportServerUrls, skipInfra } from './config';
import type { RunningService } from './spawn-service';
import { startTestIdentity } from './test-identity';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Starts (or finds) the real RabbitMQ, Redis and MongoDB-wire server once per jest run and
 * exports their URLs to the test workers; then the identity service, with a signing key made for
 * this run, whose issuer URL and key the workers get too (testkit's tokenFor signs with it).
 * Nothing here is mocked.
 */
export default async function globalSetup(): Promise<void> {
  if (skipInfra()) return;
  execFileSync('bash', [join(ROOT, 'scripts', 'infra.sh'), 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
  exportServerUrls(readFileSync(join(ROOT, '.data', 'infra.env'), 'utf8'));
  const identity = await startTestIdentity();
  (globalThis as { rsIdentity?: RunningService }).rsIdentity = identity;
}
