import { z } from 'zod';

/**
 * Strict parsers for path and query values. `z.coerce.number()` reads `0x65`, ` 101` and `1e2`
 * as numbers; these accept only the canonical spelling, so one resource has one URL.
 */

/** A three-digit code without leading zero or spaces (jobcentres, municipalities). */
export const codeParam = z
  .string()
  .regex(/^[1-9]\d{2}$/, 'three digits, e.g. 101')
  .transform(Number)
  .meta({ example: '101' });

/** An id made of letters, digits, - and _. */
export const idParam = (max = 120) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, - and _ only');

/** A whole number in [min, max], written without sign, leading zeros or spaces. */
export const intQuery = (min: number, max: number) =>
  z
    .string()
    .regex(/^(0|[1-9]\d{0,6})$/, 'a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** An ISO calendar date (YYYY-MM-DD) that exists (no 2026-02-30). */
export const isoDate = z.iso.date();

/** Milliseconds of an ISO date at 00:00 UTC. */
export function dayStart(date: string): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

const copenhagenWall = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Copenhagen',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** Copenhagen's offset from UTC (ms) at an instant: one hour in winter, two in summer. */
function copenhagenOffset(ms: number): number {
  const p = Object.fromEntries(copenhagenWall.formatToParts(ms).map((x) => [x.type, x.value]));
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - Math.floor(ms / 60_000) * 60_000;
}

/**
 * The first instant of an ISO date in Danish time (Europe/Copenhagen): the day a person in
 * Denmark means by "today's calls", which begins at 23:00 or 22:00 UTC the evening before.
 */
export function copenhagenDayStart(date: string): Date {
  const midnightUtc = dayStart(date).getTime();
  // Midnight is never inside a Danish DST change (those are at 02:00 and 03:00), so one offset serves.
  return new Date(midnightUtc - copenhagenOffset(midnightUtc));
}

/** The first instant of the day after an ISO date in Danish time: an exclusive end. */
export function copenhagenDayAfter(date: string): Date {
  return copenhagenDayStart(dayAfter(date).toISOString().slice(0, 10));
}

/** The instant after the last millisecond of an ISO date (UTC): an exclusive end. */
export function dayAfter(date: string): Date {
  const end = dayStart(date);
  end.setUTCDate(end.getUTCDate() + 1);
  return end;
}

/**
 * Refuses `from` after `to`, compared as dates (not as strings, which would order `2026-1-2`
 * after `2026-01-10` if the format ever loosened).
 */
export function fromNotAfterTo(q: { from?: string | undefined; to?: string | undefined }): boolean {
  if (q.from === undefined || q.to === undefined) return true;
  return dayStart(q.from).getTime() <= dayStart(q.to).getTime();
}
export const FROM_AFTER_TO = { message: 'from must not be after to (fra må ikke ligge efter til)', path: ['from'] };
