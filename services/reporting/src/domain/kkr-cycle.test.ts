import { cycleOf, defaultSchemeYear } from './kkr-cycle';

describe("the KKR scheme's annual cycle", () => {
  it('marks through the year, goes to the council in January and February, is collected in March', () => {
    expect(cycleOf(2026, '2026-12-01').current).toBe('marking');
    expect(cycleOf(2026, '2027-01-01').current).toBe('council');
    expect(cycleOf(2026, '2027-02-28').current).toBe('council');
    expect(cycleOf(2026, '2027-03-01').current).toBe('collection');
    expect(cycleOf(2026, '2027-04-01').current).toBeNull();
    expect(cycleOf(2026, '2025-12-31').current).toBeNull();
    expect(cycleOf(2026, '2026-06-01').phases.map((p) => p.id)).toEqual(['marking', 'council', 'collection']);
  });
});

describe('the default year of a KKR scheme', () => {
  it("is last year's in January and February (the scheme going to the council), this year's from March", () => {
    expect(defaultSchemeYear('2027-01-01')).toBe(2026);
    expect(defaultSchemeYear('2027-02-28')).toBe(2026);
    expect(defaultSchemeYear('2027-03-01')).toBe(2027);
    expect(defaultSchemeYear('2026-12-31')).toBe(2026);
  });
});
