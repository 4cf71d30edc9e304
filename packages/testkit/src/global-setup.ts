import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

/**
 * Starts (or finds) the real RabbitMQ, Redis and MongoDB-wire server once per jest run and
 * exports their URLs to the test workers. Nothing here is mocked.
 */
export default function globalSetup(): void {
  if (process.env.RS_SKIP_INFRA === '1') return;
  execFileSync('bash', [join(ROOT, 'scripts', 'infra.sh'), 'up'], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (const line of readFileSync(join(ROOT, '.data', 'infra.env'), 'utf8').split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match?.[1] && match[2] !== undefined) process.env[match[1]] = match[2];
  }
}
