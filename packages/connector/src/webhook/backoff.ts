/** How one message is retried in-process while the local system is down. */
export interface BackoffOptions {
  /** Delay before the second attempt. Default 1000 ms. */
  initialMs?: number;
  /** Longest delay between two attempts. Default 60000 ms. */
  maxDelayMs?: number;
  /**
   * Give up on a message once this much time has passed since its first attempt (it then goes
   * back to the broker, which redelivers it). Must stay below RabbitMQ's consumer_timeout
   * (30 min in infra/rabbitmq/rabbitmq.conf), or the broker closes the channel. Default 600000 ms.
   */
  maxWaitMs?: number;
}

export const BACKOFF_DEFAULTS = { initialMs: 1000, maxDelayMs: 60_000, maxWaitMs: 600_000 } as const;

/** The delay after failed attempt number `attempt` (1-based): initial, doubling, capped. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const initial = options.initialMs ?? BACKOFF_DEFAULTS.initialMs;
  const cap = options.maxDelayMs ?? BACKOFF_DEFAULTS.maxDelayMs;
  // 2 ** 60 and beyond overflow to Infinity, which the cap absorbs.
  return Math.min(cap, initial * 2 ** Math.max(0, attempt - 1));
}

/**
 * After failed attempt `attempt`, with `elapsedMs` spent on this message so far: how long to wait
 * before trying again, or undefined to give up because the next attempt would start after maxWaitMs.
 */
export function nextRetry(attempt: number, elapsedMs: number, options: BackoffOptions = {}): number | undefined {
  const delay = backoffDelay(attempt, options);
  return elapsedMs + delay > (options.maxWaitMs ?? BACKOFF_DEFAULTS.maxWaitMs) ? undefined : delay;
}
