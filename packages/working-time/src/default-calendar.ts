import { type DeadlineMode, type WorkingTimeCalendar, createCalendar } from './calendar';

// Built on first use, not at import: loading date-holidays' country data is not free and
// many importers only need the types.
let shared: WorkingTimeCalendar | undefined;

/** The calendar with default options (extra closed days 5 June, 24 and 31 December). */
export function defaultCalendar(): WorkingTimeCalendar {
  shared ??= createCalendar();
  return shared;
}

/** {@link WorkingTimeCalendar.isWorkingDay} of the default calendar. */
export const isWorkingDay = (instant: Date): boolean => defaultCalendar().isWorkingDay(instant);
/** {@link WorkingTimeCalendar.addWorkingHours} of the default calendar. */
export const addWorkingHours = (start: Date, hours: number): Date => defaultCalendar().addWorkingHours(start, hours);
/** {@link WorkingTimeCalendar.addClockHours} of the default calendar. */
export const addClockHours = (start: Date, hours: number): Date => defaultCalendar().addClockHours(start, hours);
/** {@link WorkingTimeCalendar.deadline} of the default calendar. */
export const deadline = (start: Date, hours: number, mode: DeadlineMode): Date => defaultCalendar().deadline(start, hours, mode);
/** {@link WorkingTimeCalendar.addWorkingDays} of the default calendar. */
export const addWorkingDays = (start: Date, days: number): Date => defaultCalendar().addWorkingDays(start, days);
/** {@link WorkingTimeCalendar.workingHoursBetween} of the default calendar. */
export const workingHoursBetween = (from: Date, to: Date): number => defaultCalendar().workingHoursBetween(from, to);
