import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { waitFor } from '@rs/testkit';

/**
 * Issue 19: the connector's image and a jobcentre's Compose example. No Docker engine runs here,
 * so the Dockerfile is checked for its structure and the Compose file is resolved and validated
 * by Debian's docker-compose, as test/compose.test.ts does for the platform's.
 */
const ROOT = join(__dirname, '..');
const COMPOSE = join(ROOT, 'connectors/compose/docker-compose.yml');

describe('the connector image (infra/docker/connector.Dockerfile)', () => {
  const dockerfile = readFileSync(join(ROOT, 'infra/docker/connector.Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1)!;

  it('is multi-stage: the build stage packs the tarball, the runtime stage installs only it, production dependencies only', () => {
    expect(stages).toHaveLength(2);
    expect(stages[0]).toContain('scripts/pack.js');
    expect(runtime).toMatch(/COPY --from=build \/pkg\/connector\.tgz /);
    expect(runtime.match(/^COPY /gm)).toHaveLength(1);
    expect(runtime).toMatch(/npm install -g --omit=dev .*connector\.tgz/);
    expect(runtime).toContain('ENV NODE_ENV=production');
  });

  it('runs as the unprivileged node user, configured by environment and secret files only', () => {
    const users = [...runtime.matchAll(/^USER (\S+)$/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBe('node');
    expect(runtime.indexOf('USER node')).toBeGreaterThan(runtime.lastIndexOf('RUN '));
    expect(dockerfile).not.toMatch(/^(ENV|ARG) .*(PASSWORD|TOKEN|SECRET|AMQP_URL)/im);
    expect(runtime).toMatch(/^ENTRYPOINT \["rs-connector"\]$/m);
  });
});

describe('the Compose example for one jobcentre (connectors/compose)', () => {
  const resolve = (env: Record<string, string>) =>
    execFileSync('docker-compose', ['-f', COMPOSE, 'config'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const env = { AMQP_URL: 'amqps://broker.example.dk:5671/', JOBCENTRE: '147', FEED_URL: 'https://broadcast.example.dk' };

  it('is valid and asks for the broker and the jobcentre code', () => {
    expect(() => resolve(env)).not.toThrow();
    expect(() => resolve({ JOBCENTRE: '147' })).toThrow(/AMQP_URL/);
    expect(() => resolve({ AMQP_URL: env.AMQP_URL })).toThrow(/JOBCENTRE/);
  });

  it('builds the connector image, gives it its secrets as files, and points the webhook at the case system', () => {
    const text = resolve(env);
    expect(text).toContain('dockerfile: infra/docker/connector.Dockerfile');
    expect(text).toContain('AMQP_PASSWORD_FILE: /run/secrets/broker_password');
    expect(text).toContain('FEED_TOKEN_FILE: /run/secrets/feed_token');
    expect(text).toContain('WEBHOOK_URL: http://case-system:8080/rs-messages');
    expect(text).toMatch(/secrets:\n\s+- source: broker_password\n\s+- source: feed_token/);
    // The password is never in the environment or the file itself.
    expect(readFileSync(COMPOSE, 'utf8')).not.toMatch(/jobcentre-\d{3}:/);
    expect(text).toMatch(/case-system:\n(.*\n)*?\s+healthcheck:/);
  });

  it("ships a webhook target that answers as the connector's protocol expects", async () => {
    const port = await new Promise<number>((ok) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => ok(p));
      });
    });
    const target = spawn(process.execPath, [join(ROOT, 'connectors/compose/webhook-target.mjs')], {
      env: { PORT: String(port) },
      stdio: 'ignore',
    });
    try {
      const url = `http://127.0.0.1:${port}`;
      await waitFor(async () => (await fetch(`${url}/healthz`).catch(() => undefined))?.ok, { what: 'the webhook target to listen' });
      const post = (type: string) =>
        fetch(`${url}/rs-messages`, { method: 'POST', body: JSON.stringify({ type, id: 'e-1', data: { roundId: 'o-1-1' } }) });
      expect((await post('round.order-broadcast')).status).toBe(204);
      expect((await post('round.reminder')).status).toBe(200);
    } finally {
      target.kill();
    }
  });
});
