import { DEFAULT_THRESHOLDS, lightOf, Threshold, ThresholdOverrides } from './thresholds';

describe('traffic lights', () => {
  it('judges a higher-is-better figure at its limits', () => {
    const t = { better: 'higher', green: 0.8, yellow: 0.6 } as const;
    expect(lightOf(0.8, t)).toBe('green');
    expect(lightOf(0.79, t)).toBe('yellow');
    expect(lightOf(0.6, t)).toBe('yellow');
    expect(lightOf(0.59, t)).toBe('red');
    expect(lightOf(null, t)).toBeNull();
  });

  it('judges a lower-is-better figure at its limits (unfilled orders: green only at zero)', () => {
    expect(lightOf(0, DEFAULT_THRESHOLDS.unfilled)).toBe('green');
    expect(lightOf(1, DEFAULT_THRESHOLDS.unfilled)).toBe('yellow');
    expect(lightOf(2, DEFAULT_THRESHOLDS.unfilled)).toBe('yellow');
    expect(lightOf(3, DEFAULT_THRESHOLDS.unfilled)).toBe('red');
  });

  it('refuses limits where yellow is better than green, and unknown figures', () => {
    expect(Threshold.safeParse({ better: 'higher', green: 0.5, yellow: 0.7 }).success).toBe(false);
    expect(Threshold.safeParse({ better: 'lower', green: 10, yellow: 5 }).success).toBe(false);
    expect(ThresholdOverrides.safeParse({ fillRate: { better: 'higher', green: 0.9, yellow: 0.7 } }).success).toBe(true);
    expect(ThresholdOverrides.safeParse({ nonsense: { better: 'higher', green: 0.9, yellow: 0.7 } }).success).toBe(false);
  });
});
