// Instants are written with their explicit Copenhagen offset (+01:00 winter, +02:00 summer)
// so expectations do not depend on the code under test to build them.
import { addClockHours, addWorkingHours, createCalendar, deadline, workingHoursBetween } from './index';

const at = (iso: string) => new Date(iso);

describe('addWorkingHours: 48 working hours, whole working days count', () => {
  it.each([
    ['Friday 15:00 → Tuesday 15:00 (DESIGN.md: weekend does not count)', '2026-09-04T15:00:00+02:00', '2026-09-08T15:00:00+02:00'],
    ['Thursday 14:00 → Monday 14:00 (Thu 10 h + Fri 24 h + Mon 14 h)', '2026-09-03T14:00:00+02:00', '2026-09-07T14:00:00+02:00'],
    [
      'Easter 2027: Wed 24 Mar 12:00 → Wed 31 Mar 12:00 (Wed 12 h; Skærtorsdag 25, Langfredag 26, weekend, 2. påskedag 29 closed; Tue 30 24 h; Wed 31 12 h; DST began 28 Mar)',
      '2027-03-24T12:00:00+01:00',
      '2027-03-31T12:00:00+02:00',
    ],
    [
      'Easter week 2027: Tue 23 Mar 15:00 → Tue 30 Mar 15:00 (Tue 9 h + Wed 24 h; Thu–Mon closed; Tue 15 h)',
      '2027-03-23T15:00:00+01:00',
      '2027-03-30T15:00:00+02:00',
    ],
    [
      'Friday before Easter week 2027: Fri 19 Mar 15:00 → Tue 23 Mar 15:00 (Easter not yet reached)',
      '2027-03-19T15:00:00+01:00',
      '2027-03-23T15:00:00+01:00',
    ],
    [
      'Store Bededag 2023: Thu 4 May 12:00 → Tue 9 May 12:00 (Thu 12 h; Fri 5 May closed; Mon 24 h; Tue 12 h)',
      '2023-05-04T12:00:00+02:00',
      '2023-05-09T12:00:00+02:00',
    ],
    [
      'no Store Bededag from 2024: Thu 25 Apr 2024 12:00 → Mon 29 Apr 12:00 (Fri 26 Apr is a working day)',
      '2024-04-25T12:00:00+02:00',
      '2024-04-29T12:00:00+02:00',
    ],
    [
      'spring DST weekend: Fri 27 Mar 2026 15:00 CET → Tue 31 Mar 15:00 CEST (same wall-clock hour)',
      '2026-03-27T15:00:00+01:00',
      '2026-03-31T15:00:00+02:00',
    ],
    [
      'autumn DST weekend: Fri 23 Oct 2026 15:00 CEST → Tue 27 Oct 15:00 CET (same wall-clock hour)',
      '2026-10-23T15:00:00+02:00',
      '2026-10-27T15:00:00+01:00',
    ],
    [
      'Christmas 2026: Fri 18 Dec 15:00 → Tue 22 Dec 15:00 (Fri 9 h + Mon 24 h + Tue 15 h)',
      '2026-12-18T15:00:00+01:00',
      '2026-12-22T15:00:00+01:00',
    ],
    [
      'Christmas 2026: Wed 23 Dec 10:00 → Tue 29 Dec 10:00 (Wed 14 h; 24 extra-closed, 25–26 public, 27 Sunday; Mon 28 24 h; Tue 10 h)',
      '2026-12-23T10:00:00+01:00',
      '2026-12-29T10:00:00+01:00',
    ],
    [
      'New Year 2027: Wed 30 Dec 2026 10:00 → Tue 5 Jan 2027 10:00 (Wed 14 h; 31 Dec extra-closed, 1 Jan public, weekend; Mon 24 h; Tue 10 h)',
      '2026-12-30T10:00:00+01:00',
      '2027-01-05T10:00:00+01:00',
    ],
  ])('%s', (_name, start, due) => {
    expect(addWorkingHours(at(start), 48).toISOString()).toBe(at(due).toISOString());
    expect(deadline(at(start), 48, 'working-time').toISOString()).toBe(at(due).toISOString());
  });

  it('from a non-working day, counting starts at the next working day 00:00', () => {
    expect(addWorkingHours(at('2026-09-05T10:00:00+02:00'), 48).toISOString()).toBe(at('2026-09-09T00:00:00+02:00').toISOString());
    expect(addWorkingHours(at('2026-09-05T10:00:00+02:00'), 0).toISOString()).toBe(at('2026-09-07T00:00:00+02:00').toISOString());
  });

  it('a window that uses up a working day exactly ends at that day’s midnight', () => {
    expect(addWorkingHours(at('2026-09-04T00:00:00+02:00'), 24).toISOString()).toBe(at('2026-09-05T00:00:00+02:00').toISOString());
  });

  it('accepts fractional hours and refuses negative, non-finite hours and invalid dates', () => {
    expect(addWorkingHours(at('2026-09-04T23:30:00+02:00'), 1).toISOString()).toBe(at('2026-09-07T00:30:00+02:00').toISOString());
    expect(addWorkingHours(at('2026-09-03T10:00:00+02:00'), 0.25).toISOString()).toBe(at('2026-09-03T10:15:00+02:00').toISOString());
    expect(() => addWorkingHours(at('2026-09-03T10:00:00+02:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingHours(at('2026-09-03T10:00:00+02:00'), Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => addWorkingHours(new Date(Number.NaN), 1)).toThrow(RangeError);
  });
});

describe('clock mode', () => {
  it('is plain elapsed hours: Friday 15:00 + 48 h is Sunday 15:00', () => {
    const start = at('2026-09-04T15:00:00+02:00');
    expect(deadline(start, 48, 'clock').getTime()).toBe(start.getTime() + 48 * 3_600_000);
    expect(addClockHours(start, 48).toISOString()).toBe(at('2026-09-06T15:00:00+02:00').toISOString());
  });

  it('does not keep the wall clock across DST: Fri 27 Mar 2026 15:00 CET + 48 h is Sun 29 Mar 16:00 CEST', () => {
    expect(addClockHours(at('2026-03-27T15:00:00+01:00'), 48).toISOString()).toBe(at('2026-03-29T16:00:00+02:00').toISOString());
  });
});

describe('workingHoursBetween', () => {
  it('counts only working days, and is negative when the order is reversed', () => {
    const fri = at('2026-09-04T15:00:00+02:00');
    const tue = at('2026-09-08T15:00:00+02:00');
    expect(workingHoursBetween(fri, tue)).toBe(48);
    expect(workingHoursBetween(tue, fri)).toBe(-48);
    expect(workingHoursBetween(at('2026-09-05T00:00:00+02:00'), at('2026-09-07T00:00:00+02:00'))).toBe(0);
  });

  it('inverts addWorkingHours for starts on working days across a year of holidays and DST switches', () => {
    const calendar = createCalendar();
    // Every 31 hours from 1 Jan 2026 for a year: hits every weekday and hour over time.
    for (let t = at('2026-01-01T00:00:00+01:00').getTime(); t < at('2027-01-01T00:00:00+01:00').getTime(); t += 31 * 3_600_000) {
      const start = new Date(t);
      if (!calendar.isWorkingDay(start)) continue;
      for (const hours of [1, 24, 48, 72.5]) {
        expect(calendar.workingHoursBetween(start, calendar.addWorkingHours(start, hours))).toBeCloseTo(hours, 9);
      }
    }
  });
});
