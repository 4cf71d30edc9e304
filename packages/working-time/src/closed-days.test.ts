import Holidays from 'date-holidays';
import { DEFAULT_EXTRA_CLOSED_DAYS, createCalendar, isWorkingDay } from './index';

const at = (iso: string) => new Date(iso);

describe('working days', () => {
  it('Monday–Friday are working days, Saturday and Sunday are not', () => {
    expect(isWorkingDay(at('2026-09-07T12:00:00+02:00'))).toBe(true); // Monday
    expect(isWorkingDay(at('2026-09-04T23:59:59+02:00'))).toBe(true); // Friday, last second
    expect(isWorkingDay(at('2026-09-05T00:00:00+02:00'))).toBe(false); // Saturday, first second
    expect(isWorkingDay(at('2026-09-06T12:00:00+02:00'))).toBe(false); // Sunday
  });

  it('uses the Copenhagen calendar day, not UTC: Monday 00:30 local is Sunday in UTC', () => {
    expect(isWorkingDay(at('2026-09-07T00:30:00+02:00'))).toBe(true);
    expect(isWorkingDay(at('2026-09-05T01:30:00+02:00'))).toBe(false); // Friday 23:30 UTC
  });

  it('Store Bededag (5 May 2023) was a holiday; Friday 26 April 2024 is a normal working day', () => {
    expect(isWorkingDay(at('2023-05-05T10:00:00+02:00'))).toBe(false);
    expect(isWorkingDay(at('2024-04-26T10:00:00+02:00'))).toBe(true);
  });

  it('Easter 2027: Skærtorsdag, Langfredag and 2. påskedag are closed; Tuesday after is open', () => {
    expect(isWorkingDay(at('2027-03-25T10:00:00+01:00'))).toBe(false);
    expect(isWorkingDay(at('2027-03-26T10:00:00+01:00'))).toBe(false);
    expect(isWorkingDay(at('2027-03-29T10:00:00+02:00'))).toBe(false);
    expect(isWorkingDay(at('2027-03-30T10:00:00+02:00'))).toBe(true);
  });
});

describe('extra closed days', () => {
  it('defaults to Grundlovsdag, Christmas Eve and New Year’s Eve', () => {
    expect(DEFAULT_EXTRA_CLOSED_DAYS).toEqual(['06-05', '12-24', '12-31']);
    expect(isWorkingDay(at('2026-06-05T10:00:00+02:00'))).toBe(false); // Friday
    expect(isWorkingDay(at('2026-12-24T10:00:00+01:00'))).toBe(false); // Thursday
    expect(isWorkingDay(at('2026-12-31T10:00:00+01:00'))).toBe(false); // Thursday
  });

  it('are needed because date-holidays does not count those days as public in Denmark', () => {
    const open = createCalendar({ extraClosedDays: [] });
    expect(open.isWorkingDay(at('2026-06-05T10:00:00+02:00'))).toBe(true);
    expect(open.isWorkingDay(at('2026-12-24T10:00:00+01:00'))).toBe(true);
    expect(open.isWorkingDay(at('2026-12-31T10:00:00+01:00'))).toBe(true);
    expect(open.isWorkingDay(at('2026-12-25T10:00:00+01:00'))).toBe(false); // Juledag is public
  });

  it('accepts one-off dates as YYYY-MM-DD and refuses other formats', () => {
    const calendar = createCalendar({ extraClosedDays: ['2026-09-07'] });
    expect(calendar.isWorkingDay(at('2026-09-07T10:00:00+02:00'))).toBe(false);
    expect(calendar.isWorkingDay(at('2027-09-07T10:00:00+02:00'))).toBe(true);
    expect(() => createCalendar({ extraClosedDays: ['5 June', '13-01'] })).toThrow(/"5 June", "13-01"/);
  });

  it('lists a year’s closed days: 2023 has Store Bededag, 2024 does not', () => {
    const calendar = createCalendar();
    expect(calendar.closedDays(2023)).toContain('2023-05-05');
    expect(calendar.closedDays(2024)).not.toContain('2024-04-26');
    expect(calendar.closedDays(2026)).toEqual([
      '2026-01-01',
      '2026-04-02',
      '2026-04-03',
      '2026-04-05',
      '2026-04-06',
      '2026-05-14',
      '2026-05-24',
      '2026-05-25',
      '2026-06-05',
      '2026-12-24',
      '2026-12-25',
      '2026-12-26',
      '2026-12-31',
    ]);
  });

  it('looks up the holidays of a year only once per calendar', () => {
    const spy = jest.spyOn(Holidays.prototype, 'getHolidays');
    try {
      const calendar = createCalendar();
      calendar.addWorkingHours(at('2026-12-18T15:00:00+01:00'), 48 * 10);
      calendar.isWorkingDay(at('2026-06-05T10:00:00+02:00'));
      expect(spy.mock.calls.map(([year]) => year)).toEqual([2026, 2027]);
    } finally {
      spy.mockRestore();
    }
  });
});
