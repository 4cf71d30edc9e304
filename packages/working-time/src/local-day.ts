import { TZDate } from '@date-fns/tz';

/**
 * Every jobcentre works on Danish local time. Not an option: the holidays, the closed days
 * and the service goals are all Danish.
 */
export const TIME_ZONE = 'Europe/Copenhagen';

/** A calendar day in Europe/Copenhagen. */
export interface LocalDay {
  readonly year: number;
  /** 1–12. */
  readonly month: number;
  readonly day: number;
  /** 0 Sunday … 6 Saturday, as Date.getDay(). */
  readonly weekday: number;
  /** 'YYYY-MM-DD'. */
  readonly key: string;
}

/** The local calendar day an instant falls on. */
export function localDay(instant: Date): LocalDay {
  const local = new TZDate(instant.getTime(), TIME_ZONE);
  const year = local.getFullYear();
  const month = local.getMonth() + 1;
  const day = local.getDate();
  return { year, month, day, weekday: local.getDay(), key: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * Local midnight that begins the day after the instant's local day. Built from calendar
 * components, never by adding 24 h, so a 23- or 25-hour DST day still ends at midnight.
 */
export function startOfNextLocalDay(instant: Date): Date {
  const local = new TZDate(instant.getTime(), TIME_ZONE);
  return plain(new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + 1, TIME_ZONE));
}

/** The instant with the same local wall-clock time as `time`, on the local day of `day`. */
export function atLocalTimeOf(day: Date, time: Date): Date {
  const d = new TZDate(day.getTime(), TIME_ZONE);
  const t = new TZDate(time.getTime(), TIME_ZONE);
  return plain(
    new TZDate(d.getFullYear(), d.getMonth(), d.getDate(), t.getHours(), t.getMinutes(), t.getSeconds(), t.getMilliseconds(), TIME_ZONE),
  );
}

/** Callers get plain Dates: a TZDate's local getters would surprise code that expects UTC-agnostic instants. */
function plain(date: TZDate): Date {
  return new Date(date.getTime());
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
