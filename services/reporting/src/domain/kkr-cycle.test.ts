import { cycleOf } from './kkr-cycle';

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
