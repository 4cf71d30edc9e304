import { DEFAULT_EXTRA_CLOSED_DAYS, createClosedDays } from './closed-days';
import { atLocalTimeOf, localDay, startOfNextLocalDay } from './local-day';

const HOUR_MS = 3_600_000;

/** How a window is counted: only working time, or plain elapsed hours. */
export type DeadlineMode = 'working-time' | 'clock';

/** Options of {@link createCalendar}. */
export interface CalendarOptions {
  /**
   * Days closed besides weekends and Danish public holidays: 'MM-DD' for every year,
   * 'YYYY-MM-DD' for one date. Replaces the default, so include it to extend it.
   * Default: {@link DEFAULT_EXTRA_CLOSED_DAYS} = ['06-05', '12-24', '12-31']
   * (Grundlovsdag, Christmas Eve, New Year's Eve).
   */
  extraClosedDays?: readonly string[];
}

/**
 * Danish working time in Europe/Copenhagen. A working day is Monday–Friday, not a public
 * holiday, not an extra closed day. Working time is all 24 hours of every working day and
 * nothing of other days, so "48 working hours" from Friday 15:00 ends Tuesday 15:00. Every
 * function takes the instants it needs; none reads the clock.
 */
export interface WorkingTimeCalendar {
  /** True when the instant's Copenhagen calendar day is a working day. */
  isWorkingDay(instant: Date): boolean;
  /**
   * The instant `hours` working hours after `start`. Time on non-working days does not count;
   * from a non-working day, counting starts at the next working day's 00:00 local. A result
   * that exhausts a working day exactly is that day's end (the next local midnight).
   * `hours` must be finite and ≥ 0 (fractions allowed).
   */
  addWorkingHours(start: Date, hours: number): Date;
  /** `start` plus `hours` elapsed hours; across a DST switch the local wall-clock hour shifts by one. */
  addClockHours(start: Date, hours: number): Date;
  /** A reply deadline: {@link addWorkingHours} for 'working-time', {@link addClockHours} for 'clock'. */
  deadline(start: Date, hours: number, mode: DeadlineMode): Date;
  /**
   * The same local wall-clock time `days` working days later (R3's 1 and R4's 3 working days).
   * From a non-working day, counting starts at the next working day's 00:00 local, so a
   * Saturday order's 1-working-day goal falls due Tuesday 00:00 (the end of Monday).
   * `days` must be an integer ≥ 0.
   */
  addWorkingDays(start: Date, days: number): Date;
  /** Working hours from `from` to `to` (fractional; negative when `to` is earlier). */
  workingHoursBetween(from: Date, to: Date): number;
  /** The year's public holidays and extra closed days as sorted 'YYYY-MM-DD' strings (weekends not listed). */
  closedDays(year: number): readonly string[];
}

/** Builds a calendar. Options default as documented on {@link CalendarOptions}. */
export function createCalendar(options: CalendarOptions = {}): WorkingTimeCalendar {
  const { isClosed, closedDays } = createClosedDays(options.extraClosedDays ?? DEFAULT_EXTRA_CLOSED_DAYS);

  function isWorkingDay(instant: Date): boolean {
    assertInstant(instant, 'isWorkingDay');
    const day = localDay(instant);
    return day.weekday !== 0 && day.weekday !== 6 && !isClosed(day);
  }

  function nextWorkingDayStart(instant: Date): Date {
    let cursor = startOfNextLocalDay(instant);
    while (!isWorkingDay(cursor)) cursor = startOfNextLocalDay(cursor);
    return cursor;
  }

  function addWorkingHours(start: Date, hours: number): Date {
    assertInstant(start, 'addWorkingHours');
    if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`addWorkingHours: hours must be finite and >= 0, got ${hours}`);
    let remaining = hours * HOUR_MS;
    let cursor = isWorkingDay(start) ? start : nextWorkingDayStart(start);
    for (;;) {
      const dayEnd = startOfNextLocalDay(cursor);
      const available = dayEnd.getTime() - cursor.getTime();
      if (remaining <= available) return new Date(cursor.getTime() + remaining);
      remaining -= available;
      cursor = isWorkingDay(dayEnd) ? dayEnd : nextWorkingDayStart(dayEnd);
    }
  }

  function addClockHours(start: Date, hours: number): Date {
    assertInstant(start, 'addClockHours');
    if (!Number.isFinite(hours)) throw new RangeError(`addClockHours: hours must be finite, got ${hours}`);
    return new Date(start.getTime() + hours * HOUR_MS);
  }

  function deadline(start: Date, hours: number, mode: DeadlineMode): Date {
    switch (mode) {
      case 'working-time':
        return addWorkingHours(start, hours);
      case 'clock':
        return addClockHours(start, hours);
      default: {
        const unknown: never = mode;
        throw new Error(`deadline: unknown mode ${String(unknown)}`);
      }
    }
  }

  function addWorkingDays(start: Date, days: number): Date {
    assertInstant(start, 'addWorkingDays');
    if (!Number.isInteger(days) || days < 0) throw new RangeError(`addWorkingDays: days must be an integer >= 0, got ${days}`);
    // The wall-clock time to keep: the start's own, or 00:00 of the next working day.
    const from = isWorkingDay(start) ? start : nextWorkingDayStart(start);
    let day = from;
    for (let i = 0; i < days; i++) day = nextWorkingDayStart(day);
    return atLocalTimeOf(day, from);
  }

  function workingHoursBetween(from: Date, to: Date): number {
    assertInstant(from, 'workingHoursBetween');
    assertInstant(to, 'workingHoursBetween');
    if (to < from) return -workingHoursBetween(to, from);
    let total = 0;
    let cursor = from;
    while (cursor < to) {
      const dayEnd = startOfNextLocalDay(cursor);
      const segmentEnd = dayEnd < to ? dayEnd : to;
      if (isWorkingDay(cursor)) total += segmentEnd.getTime() - cursor.getTime();
      cursor = dayEnd;
    }
    return total / HOUR_MS;
  }

  return { isWorkingDay, addWorkingHours, addClockHours, deadline, addWorkingDays, workingHoursBetween, closedDays };
}

function assertInstant(date: Date, fn: string): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new RangeError(`${fn}: not a valid Date`);
}
