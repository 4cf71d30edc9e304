import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportServerUrls, skipInfra } from './config';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Starts (or finds) the real RabbitMQ, Redis and MongoDB-wire server once per jest run and
 * exports their URLs to the test workers. Nothing here is mocked.
 */
export default function globalSetup(): void {
  if (skipInfra()) return;
  execFileSync('bash', [join(ROOT, 'scripts', 'infra.sh'), 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
  exportServerUrls(readFileSync(join(ROOT, '.data', 'infra.env'), 'utf8'));
}
