import { provisionJobcentreUser } from '@rs/bus';
import { issueToken, type Principal } from '@rs/service-kit';
import { infra, type TestWorld } from './infra';
import { type RunningService, spawnService } from './spawn-service';

export const TEST_AUTH_SECRET = 'test-secret-that-is-at-least-32-characters-long';

export function tokenFor(principal: Principal): string {
  return issueToken(TEST_AUTH_SECRET, principal, 3600);
}

/**
 * Broker users are global in RabbitMQ while permissions are per vhost: every test world gives
 * the same user the same password, so parallel worlds never lock each other out.
 */
export const testPassword = (code: number) => `test-password-${code}`;

export async function provisionJobcentres(world: TestWorld, codes: readonly number[]): Promise<void> {
  const admin = infra.management();
  for (const code of codes) await provisionJobcentreUser(admin, world.vhost, code, testPassword(code));
}

/** The environment a service needs to run inside a test world. */
export function serviceEnv(world: TestWorld, service: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    MONGO_URL: world.mongoUrl,
    MONGO_DB: world.dbName(service),
    AMQP_URL: world.amqpUrl,
    REDIS_URL: world.redisUrl,
    TIMER_PREFIX: world.timerPrefix,
    AUTH_SECRET: TEST_AUTH_SECRET,
    OUTBOX_POLL_MS: '200',
    OUTBOX_LEASE_MS: '2000',
    NODE_ENV: 'test',
    ...extra,
  };
}

export async function startService(world: TestWorld, service: string, extra: Record<string, string> = {}): Promise<RunningService> {
  return spawnService(service, serviceEnv(world, service, extra));
}
