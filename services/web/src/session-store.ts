import session from 'express-session';
import type { Redis } from 'ioredis';

/**
 * express-session's store over ioredis: one key per session with the idle timeout as its TTL,
 * renewed on every request (touch). A few lines instead of connect-redis, whose current line
 * speaks node-redis only.
 */
export class RedisSessionStore extends session.Store {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlSeconds: number,
  ) {
    super();
  }

  private key(sid: string) {
    return `${this.prefix}:sess:${sid}`;
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.redis.get(this.key(sid)).then(
      (text) => callback(null, text ? (JSON.parse(text) as session.SessionData) : null),
      (error) => callback(error),
    );
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    this.redis.set(this.key(sid), JSON.stringify(data), 'EX', this.ttlSeconds).then(
      () => callback?.(),
      (error) => callback?.(error),
    );
  }

  override touch(sid: string, _data: session.SessionData, callback?: () => void): void {
    this.redis.expire(this.key(sid), this.ttlSeconds).then(
      () => callback?.(),
      () => callback?.(),
    );
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.redis.del(this.key(sid)).then(
      () => callback?.(),
      (error) => callback?.(error),
    );
  }
}
