import { randomBytes } from 'node:crypto';
import { managementClient } from '@rs/bus';
import mongoose from 'mongoose';
import { Redis } from 'ioredis';
import { serverUrl } from './config';

export const infra = {
  mongoUrl: () => serverUrl('MONGO_URL'),
  amqpUrl: () => serverUrl('AMQP_URL'),
  redisUrl: () => serverUrl('REDIS_URL'),
  managementUrl: () => serverUrl('RABBITMQ_MGMT_URL'),
  management: () => managementClient(serverUrl('RABBITMQ_MGMT_URL')),
};

export const randomName = (prefix: string) => `${prefix}${randomBytes(5).toString('hex')}`;

/**
 * A private world for one test file on the shared servers: its own RabbitMQ vhost (so queue
 * names can stay the real constants), its own database names and its own BullMQ key prefix.
 */
export interface TestWorld {
  id: string;
  vhost: string;
  /** AMQP URL of the admin (guest) user in this world's vhost. */
  amqpUrl: string;
  /** AMQP URL for another user in this vhost. */
  amqpUrlFor(user: string, password: string): string;
  mongoUrl: string;
  dbName(service: string): string;
  redisUrl: string;
  timerPrefix: string;
  dispose(): Promise<void>;
}

export async function createTestWorld(): Promise<TestWorld> {
  const id = randomName('t');
  const admin = infra.management();
  const vhost = id;
  await admin.putVhost(vhost);
  const adminUser = decodeURIComponent(new URL(infra.amqpUrl()).username || 'guest');
  await admin.setPermissions(vhost, adminUser, { configure: '.*', write: '.*', read: '.*' });
  const withVhost = (url: string) => {
    const u = new URL(url);
    u.pathname = `/${encodeURIComponent(vhost)}`;
    return u.toString();
  };
  const dbNames: string[] = [];
  return {
    id,
    vhost,
    amqpUrl: withVhost(infra.amqpUrl()),
    amqpUrlFor(user, password) {
      const u = new URL(withVhost(infra.amqpUrl()));
      u.username = user;
      u.password = password;
      return u.toString();
    },
    mongoUrl: infra.mongoUrl(),
    dbName(service) {
      const name = `${id}_${service.replace(/-/g, '_')}`;
      dbNames.push(name);
      return name;
    },
    redisUrl: infra.redisUrl(),
    timerPrefix: id,
    async dispose() {
      await admin.deleteVhost(vhost).catch(() => {});
      const conn = await mongoose.createConnection(infra.mongoUrl()).asPromise();
      for (const name of dbNames)
        await conn
          .useDb(name)
          .dropDatabase()
          .catch(() => {});
      await conn.close();
      const redis = new Redis(infra.redisUrl());
      const keys = await redis.keys(`${id}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
}
