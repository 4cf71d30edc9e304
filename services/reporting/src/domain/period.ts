/**
 * A reporting period: a quarter (default), a month or a year, in Danish local time. The bounds
 * are instants (UTC ISO), `from` included and `to` excluded, so a quarter begins at midnight in
 * Copenhagen whatever the season.
 */
export interface Period {
  id: string;
  kind: 'quarter' | 'month' | 'year';
  from: string;
  to: string;
  /** How many quarters the period spans (a target is per quarter). */
  quarters: number;
}

export const PERIOD_PATTERN = /^(20\d{2})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

/** The instant of 00:00 in Copenhagen on this local date (CET/CEST, found from the zone's own offset). */
export function copenhagenMidnight(year: number, month: number, day: number): Date {
  const guess = Date.UTC(year, month - 1, day);
  for (const offsetHours of [1, 2]) {
    const candidate = new Date(guess - offsetHours * 3_600_000);
    const local = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Copenhagen',
      hour: '2-digit',
      hourCycle: 'h23',
      day: '2-digit',
    }).formatToParts(candidate);
    const hour = Number(local.find((p) => p.type === 'hour')?.value);
    const d = Number(local.find((p) => p.type === 'day')?.value);
    if (hour === 0 && d === day) return candidate;
  }
  throw new Error(`no Copenhagen midnight on ${year}-${month}-${day}`);
}

/** The period named `2026-Q4`, `2026-11` or `2026`; undefined when the name is not one. */
export function parsePeriod(id: string): Period | undefined {
  const m = PERIOD_PATTERN.exec(id);
  if (!m) return undefined;
  const year = Number(m[1]);
  const bounds = (fromMonth: number, months: number) => {
    const end = fromMonth - 1 + months;
    return {
      from: copenhagenMidnight(year, fromMonth, 1).toISOString(),
      to: copenhagenMidnight(year + Math.floor(end / 12), (end % 12) + 1, 1).toISOString(),
    };
  };
  if (m[2]) return { id, kind: 'quarter', ...bounds((Number(m[2]) - 1) * 3 + 1, 3), quarters: 1 };
  if (m[3]) return { id, kind: 'month', ...bounds(Number(m[3]), 1), quarters: 1 / 3 };
  return { id, kind: 'year', ...bounds(1, 12), quarters: 4 };
}

/** The quarter an instant falls in, in Danish local time. */
export function quarterOf(instant: Date): Period {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit' }).formatToParts(
    instant,
  );
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  return parsePeriod(`${year}-Q${Math.floor((month - 1) / 3) + 1}`)!;
}

export const within = (at: string, period: Pick<Period, 'from' | 'to'>): boolean => at >= period.from && at < period.to;
