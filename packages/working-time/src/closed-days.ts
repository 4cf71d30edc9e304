import Holidays from 'date-holidays';
import type { LocalDay } from './local-day';

/**
 * Days jobcentres are closed although date-holidays does not list them as public holidays in
 * Denmark: Grundlovsdag (5 June), Christmas Eve and New Year's Eve. Month-day strings.
 */
export const DEFAULT_EXTRA_CLOSED_DAYS: readonly string[] = Object.freeze(['06-05', '12-24', '12-31']);

// 'MM-DD' (every year) or 'YYYY-MM-DD' (that date only).
const EXTRA_DAY = /^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True when the local day is a public holiday or one of the extra closed days (weekends are not its concern). */
export type ClosedDayCheck = (day: LocalDay) => boolean;

/**
 * Builds the closed-day check. Public holidays come from date-holidays (country 'DK', type
 * 'public' only: it knows Store Bededag ended after 2023); they are looked up once per year
 * and memoised, since a deadline computation asks for every day it walks over.
 */
export function createClosedDays(extraClosedDays: readonly string[]): {
  isClosed: ClosedDayCheck;
  closedDays: (year: number) => readonly string[];
} {
  const invalid = extraClosedDays.filter((d) => !EXTRA_DAY.test(d));
  if (invalid.length > 0) {
    throw new Error(`extraClosedDays must be 'MM-DD' or 'YYYY-MM-DD'; got ${invalid.map((d) => JSON.stringify(d)).join(', ')}`);
  }
  const holidays = new Holidays('DK');
  const byYear = new Map<number, ReadonlySet<string>>();

  function closedDays(year: number): readonly string[] {
    let set = byYear.get(year);
    if (!set) {
      // `date` is the local date as 'YYYY-MM-DD hh:mm:ss'; `start` is an instant and would
      // need converting back to Copenhagen time.
      const publicDays = holidays
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10));
      const extras = extraClosedDays.map((d) => (d.length === 5 ? `${year}-${d}` : d)).filter((d) => d.startsWith(`${year}-`));
      set = new Set([...publicDays, ...extras]);
      byYear.set(year, set);
    }
    return [...set].sort();
  }

  const isClosed: ClosedDayCheck = (day) => {
    if (!byYear.has(day.year)) closedDays(day.year);
    return byYear.get(day.year)?.has(day.key) ?? false;
  };

  return { isClosed, closedDays };
}
