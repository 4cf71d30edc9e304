import { backoffDelay, nextRetry } from './backoff';

describe('webhook backoff', () => {
  it('starts at 1 s, doubles and stops growing at 60 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20, 2000].map((n) => backoffDelay(n))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('gives up when the next attempt would start after the maximum wait (default 10 minutes)', () => {
    // Without time spent in requests: 1+2+4+8+16+32 = 63 s, then 60 s steps up to 600 s.
    let elapsed = 0;
    let attempt = 1;
    const delays: number[] = [];
    for (let d = nextRetry(attempt, elapsed); d !== undefined; d = nextRetry(++attempt, elapsed)) {
      delays.push(d);
      elapsed += d;
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, ...Array(8).fill(60_000)]);
    expect(elapsed).toBe(543_000);
    expect(nextRetry(1, 599_500)).toBeUndefined();
    expect(nextRetry(1, 599_000)).toBe(1000);
  });

  it('follows the given schedule', () => {
    const options = { initialMs: 50, maxDelayMs: 200, maxWaitMs: 1000 };
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options))).toEqual([50, 100, 200, 200]);
    expect(nextRetry(4, 800, options)).toBe(200);
    expect(nextRetry(4, 801, options)).toBeUndefined();
  });
});
