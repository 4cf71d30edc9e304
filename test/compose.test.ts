import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const APP_SERVICES = ['order-intake', 'broadcast', 'matching', 'upskilling-seat', 'reporting'];

/**
 * No Docker engine runs here, so the Compose file is checked the way an admin's `docker compose`
 * would read it: Debian's docker-compose resolves and validates it, and the result must keep
 * the properties scaling and safety depend on.
 */
describe('docker-compose.yml', () => {
  const resolve = (env: Record<string, string>) =>
    execFileSync('docker-compose', ['-f', join(ROOT, 'docker-compose.yml'), 'config'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const resolved = () => resolve({ OIDC_ISSUER: 'https://login.example.dk/tenant/v2.0', RABBITMQ_PASSWORD: 'compose-test' });

  it('is valid and needs its secrets from the environment', () => {
    expect(() => resolved()).not.toThrow();
    expect(() => resolve({ RABBITMQ_PASSWORD: 'x' })).toThrow(/OIDC_ISSUER/);
  });

  it('can be scaled: no container_name, host ports as ranges, one Dockerfile with a SERVICE argument', () => {
    const text = resolved();
    expect(text).not.toContain('container_name');
    const raw = readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8');
    for (const service of APP_SERVICES) {
      const block = raw.slice(raw.indexOf(`\n  ${service}:`));
      expect(block).toMatch(new RegExp(`args: \\{ SERVICE: ${service} \\}`));
      expect(block).toMatch(/ports: \["\d+-\d+:3000"\]/);
    }
  });

  it('gives every service a healthcheck and Redis the persistence BullMQ needs', () => {
    const text = resolved();
    for (const service of [...APP_SERVICES, 'mongo', 'rabbitmq', 'redis']) {
      const start = text.indexOf(`\n  ${service}:\n`);
      expect(start).toBeGreaterThan(-1);
      const next = text.slice(start + 1).search(/\n  [a-z-]+:\n/);
      const block = text.slice(start, next === -1 ? undefined : start + 1 + next);
      expect(block).toContain('healthcheck:');
    }
    const redisConf = readFileSync(join(ROOT, 'infra/redis/redis.conf'), 'utf8');
    expect(redisConf).toMatch(/^appendonly yes$/m);
    expect(redisConf).toMatch(/^maxmemory-policy noeviction$/m);
    expect(text).toContain('image: mongo:7');
  });

  it('builds services as non-root with production dependencies only', () => {
    const dockerfile = readFileSync(join(ROOT, 'infra/docker/service.Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('deploy --prod');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
  });
});
