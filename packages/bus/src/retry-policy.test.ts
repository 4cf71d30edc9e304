import { nextRetry, retryPolicy } from './retry-policy';

const policy = retryPolicy({ RETRY_DELAYS_SECONDS: [1, 10, 60, 300], RETRY_MAX_SECONDS: 1800 });
const t0 = new Date('2026-12-01T10:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

describe('nextRetry', () => {
  it('walks the delays, repeats the last, and gives up only after the budget since the first failure', () => {
    let state: { attempts: number; firstFailedAt: Date } | undefined;
    let clock = 0;
    const delays: number[] = [];
    for (;;) {
      const next = nextRetry(policy, state, at(clock));
      if (next.kind === 'give-up') {
        expect(next.attempts).toBe(delays.length + 1);
        break;
      }
      delays.push(next.delayMs / 1000);
      state = { attempts: next.attempts, firstFailedAt: next.firstFailedAt };
      clock += next.delayMs / 1000;
    }
    expect(delays.slice(0, 5)).toEqual([1, 10, 60, 300, 300]);
    // Retried for at least the budget: the outage may last 30 minutes and the message survives.
    expect(clock).toBeGreaterThanOrEqual(1800);
    expect(clock - delays.at(-1)!).toBeLessThan(1800);
  });

  it('counts the budget from the first failure, not from the last', () => {
    const next = nextRetry(policy, { attempts: 2, firstFailedAt: t0 }, at(1799));
    expect(next).toEqual({ kind: 'retry', delayMs: 60_000, attempts: 3, firstFailedAt: t0 });
    expect(nextRetry(policy, { attempts: 3, firstFailedAt: t0 }, at(1800))).toEqual({ kind: 'give-up', attempts: 4 });
  });

  it('converts fractional seconds (tests) to whole milliseconds', () => {
    expect(retryPolicy({ RETRY_DELAYS_SECONDS: [0.2, 1.5], RETRY_MAX_SECONDS: 3 })).toEqual({ delaysMs: [200, 1500], maxMs: 3000 });
  });
});
