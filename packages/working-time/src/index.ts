// Danish working days and hours in Europe/Copenhagen, pure: every instant is passed in.
export { type CalendarOptions, type DeadlineMode, type WorkingTimeCalendar, createCalendar } from './calendar';
export { DEFAULT_EXTRA_CLOSED_DAYS } from './closed-days';
export {
  addClockHours,
  addWorkingDays,
  addWorkingHours,
  deadline,
  defaultCalendar,
  isWorkingDay,
  workingHoursBetween,
} from './default-calendar';
export { type LocalDay, localDay, TIME_ZONE } from './local-day';
