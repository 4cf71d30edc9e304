import { addWorkingDays } from './index';

const at = (iso: string) => new Date(iso);
const iso = (d: Date) => d.toISOString();

describe('addWorkingDays: same local time N working days later (R3: 1 day, R4: 3 days)', () => {
  it('Friday 10:00 + 1 working day is Monday 10:00; + 3 is Wednesday 10:00', () => {
    expect(iso(addWorkingDays(at('2026-09-04T10:00:00+02:00'), 1))).toBe(iso(at('2026-09-07T10:00:00+02:00')));
    expect(iso(addWorkingDays(at('2026-09-04T10:00:00+02:00'), 3))).toBe(iso(at('2026-09-09T10:00:00+02:00')));
  });

  it('Easter 2027: Wed 24 Mar 09:30 CET + 1 working day is Tue 30 Mar 09:30 CEST (holidays skipped, wall clock kept across DST)', () => {
    expect(iso(addWorkingDays(at('2027-03-24T09:30:00+01:00'), 1))).toBe(iso(at('2027-03-30T09:30:00+02:00')));
  });

  it('Christmas 2026: Wed 23 Dec 14:00 + 3 working days is Wed 30 Dec 14:00 (24–27 closed; 28, 29, 30)', () => {
    expect(iso(addWorkingDays(at('2026-12-23T14:00:00+01:00'), 3))).toBe(iso(at('2026-12-30T14:00:00+01:00')));
  });

  it('from a Saturday, counting starts Monday 00:00: + 1 working day is Tuesday 00:00 (the end of Monday)', () => {
    expect(iso(addWorkingDays(at('2026-09-05T10:00:00+02:00'), 1))).toBe(iso(at('2026-09-08T00:00:00+02:00')));
  });

  it('0 days is the start itself on a working day; negative or fractional days are refused', () => {
    expect(iso(addWorkingDays(at('2026-09-04T10:00:00+02:00'), 0))).toBe(iso(at('2026-09-04T10:00:00+02:00')));
    expect(() => addWorkingDays(at('2026-09-04T10:00:00+02:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingDays(at('2026-09-04T10:00:00+02:00'), 1.5)).toThrow(RangeError);
  });
});
