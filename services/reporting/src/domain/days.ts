import { copenhagenMidnight, type Period } from './period';

/*
 * Dates (YYYY-MM-DD) and months (YYYY-MM) against a period's instants. A period begins at a
 * Copenhagen midnight, so a day is wholly inside it or wholly outside: its start decides.
 */

const starts = new Map<string, string>();

/** The instant a Copenhagen day begins (UTC ISO), for YYYY-MM-DD or YYYY-MM (its first day). */
export function dayStart(date: string): string {
  let at = starts.get(date);
  if (at === undefined) {
    const [y, m, d] = date.split('-').map(Number);
    at = copenhagenMidnight(y!, m!, d ?? 1).toISOString();
    starts.set(date, at);
  }
  return at;
}

/** Whether the day (or the month's first day) falls in the period. */
export const dateWithin = (date: string, period: Pick<Period, 'from' | 'to'>): boolean => {
  const at = dayStart(date);
  return at >= period.from && at < period.to;
};

/** Whether days `from`..`to` (both included; `to` null: open-ended) overlap the period. */
export const overlaps = (from: string, to: string | null, period: Pick<Period, 'from' | 'to'>): boolean =>
  dayStart(from) < period.to && (to === null || dayStart(to) >= period.from);
