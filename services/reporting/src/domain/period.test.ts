import { parsePeriod, quarterOf, within } from './period';

describe('periods in Danish local time', () => {
  it('begins a quarter at midnight in Copenhagen, summer and winter', () => {
    expect(parsePeriod('2026-Q3')).toMatchObject({
      kind: 'quarter',
      from: '2026-06-30T22:00:00.000Z',
      to: '2026-09-30T22:00:00.000Z',
      quarters: 1,
    });
    expect(parsePeriod('2026-Q4')).toMatchObject({ from: '2026-09-30T22:00:00.000Z', to: '2026-12-31T23:00:00.000Z' });
    expect(parsePeriod('2026-Q1')).toMatchObject({ from: '2025-12-31T23:00:00.000Z', to: '2026-03-31T22:00:00.000Z' });
  });

  it('knows months and years, and refuses what is neither', () => {
    expect(parsePeriod('2026-11')).toMatchObject({ kind: 'month', from: '2026-10-31T23:00:00.000Z', to: '2026-11-30T23:00:00.000Z' });
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', quarters: 4, to: '2026-12-31T23:00:00.000Z' });
    for (const bad of ['2026-Q5', '2026-13', '26-Q1', '2026-Q1x', '', '1442-Q1', '2101']) expect(parsePeriod(bad)).toBeUndefined();
  });

  it('puts New Year’s night in Copenhagen into the new quarter', () => {
    expect(quarterOf(new Date('2026-12-31T23:30:00Z')).id).toBe('2027-Q1');
    expect(quarterOf(new Date('2026-12-31T22:30:00Z')).id).toBe('2026-Q4');
    const q = parsePeriod('2027-Q1')!;
    expect(within('2026-12-31T23:00:00.000Z', q)).toBe(true);
    expect(within('2027-03-31T22:00:00.000Z', q)).toBe(false);
  });
});
