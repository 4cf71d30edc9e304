/**
 * How a service retries a message whose handler failed for a transient reason: parked in the
 * delay queue of `delaysMs[attempt]` (the last delay repeated) until `maxMs` have passed since
 * the first failure; the next failure after that dead-letters it as retries-exhausted.
 */
export interface RetryPolicy {
  /** Delay of each retry level in ms, ascending; the last one repeats. */
  delaysMs: readonly number[];
  /** Budget in ms from the first failure; a message failing after it is dead-lettered. */
  maxMs: number;
}

/** A policy from the RETRY_DELAYS_SECONDS / RETRY_MAX_SECONDS config values. */
export function retryPolicy(config: { RETRY_DELAYS_SECONDS: readonly number[]; RETRY_MAX_SECONDS: number }): RetryPolicy {
  return { delaysMs: config.RETRY_DELAYS_SECONDS.map((s) => Math.round(s * 1000)), maxMs: Math.round(config.RETRY_MAX_SECONDS * 1000) };
}

/** What a message carries of its earlier failures (only believed from the retry exchange). */
export interface RetryState {
  attempts: number;
  firstFailedAt: Date;
}

export type RetryDecision =
  | { kind: 'retry'; delayMs: number; attempts: number; firstFailedAt: Date }
  | { kind: 'give-up'; attempts: number };

/** The step after one more failure at `now` of a message with `state` (undefined: its first failure). */
export function nextRetry(policy: RetryPolicy, state: RetryState | undefined, now: Date): RetryDecision {
  const attempts = (state?.attempts ?? 0) + 1;
  const firstFailedAt = state?.firstFailedAt ?? now;
  if (policy.delaysMs.length === 0 || now.getTime() - firstFailedAt.getTime() >= policy.maxMs) return { kind: 'give-up', attempts };
  const delayMs = policy.delaysMs[Math.min(attempts, policy.delaysMs.length) - 1]!;
  return { kind: 'retry', delayMs, attempts, firstFailedAt };
}
