import { z } from 'zod';
import type { Lang, Translate } from '../i18n';

/**
 * reporting's dashboard view (GET /figures/dashboard) as the page gets it, and the page's own
 * formatting of it: values in the reader's language, periods in words, the charts' data. The
 * figures are walked as the API lists them, so a figure reporting adds appears by itself.
 */
const UNITS = ['ratio', 'count', 'days', 'minutes', 'dkk'] as const;
export type Unit = (typeof UNITS)[number];
/**
 * A light or a unit this page does not know (reporting added one) is read as none / a plain
 * count, so a new value shows as "no data" instead of asking the translator for a key it lacks.
 */
const LightValue = z.enum(['green', 'yellow', 'red']).nullable().catch(null);
export type Light = NonNullable<z.infer<typeof LightValue>>;
const UnitValue = z.enum(UNITS).catch('count');
const Label = z.object({ da: z.string(), en: z.string() });
export type Label = z.infer<typeof Label>;
const Tile = z.object({
  figure: z.string(),
  label: Label,
  unit: UnitValue,
  value: z.number().nullable(),
  light: LightValue,
  threshold: z.object({ better: z.enum(['higher', 'lower']), green: z.number(), yellow: z.number() }).nullable(),
});
export type Tile = z.infer<typeof Tile>;
/** reporting's GET /figures/dashboard, checked at the page's edge. */
export const DashboardViewSchema = z.object({
  cooperation: z.string(),
  period: z.object({ id: z.string(), kind: z.enum(['quarter', 'month', 'year']), from: z.string(), to: z.string() }),
  jobcentre: z.number().int().nullable(),
  jobcentreName: z.string().nullable(),
  tiles: z.array(Tile),
  jobcentres: z.array(
    z.object({
      jobcentre: z.number().int(),
      name: z.string(),
      values: z.record(z.string(), z.object({ value: z.number().nullable(), light: LightValue })),
    }),
  ),
  trend: z.array(z.object({ period: z.string(), values: z.record(z.string(), z.number().nullable()) })),
  trendSeries: z.object({ rates: z.array(z.string()), counts: z.array(z.string()) }),
  all: z.array(z.object({ path: z.string(), label: Label, unit: UnitValue, value: z.number().nullable() })),
});
export type DashboardView = z.infer<typeof DashboardViewSchema>;

const number = (value: number, lang: Lang, decimals = 1) =>
  new Intl.NumberFormat(lang === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: decimals }).format(value);

/** A figure's value in words and digits of the reader's language. */
export function formatValue(value: number | null, unit: Unit, lang: Lang, t: Translate): string {
  if (value === null) return '–';
  switch (unit) {
    case 'ratio':
      return lang === 'da' ? `${number(value * 100, lang)} %` : `${number(value * 100, lang)}%`;
    case 'days':
      return t('dashboard.unit.days', { n: number(value, lang) });
    case 'minutes':
      // In hours, as the charts draw them, so a chart and its table read in the same unit.
      return t('dashboard.unit.hours', { n: number(value / 60, lang) });
    case 'dkk':
      return t('dashboard.unit.dkk', { n: number(value, lang, 0) });
    default:
      return number(value, lang, 0);
  }
}

/** What a chart draws: a rate in per cent, minutes in hours (as the tables show them), other values as they are. */
export const plotted = (value: number | null, unit: Unit): number | null =>
  value === null
    ? null
    : unit === 'ratio'
      ? Math.round(value * 1000) / 10
      : unit === 'minutes'
        ? Math.round(value / 6) / 10
        : Math.round(value * 10) / 10;

/** The unit written after a chart's numbers in the reader's language: "83,3 %" in Danish, "83.3%" in English. */
export function chartSuffix(unit: Unit, lang: Lang): string {
  if (unit === 'ratio') return lang === 'da' ? ' %' : '%';
  if (unit === 'minutes') return lang === 'da' ? ' timer' : ' hours';
  if (unit === 'days') return lang === 'da' ? ' dage' : ' days';
  if (unit === 'dkk') return lang === 'da' ? ' kr.' : ' DKK';
  return '';
}

/** `3. kvartal 2026`, `september 2026`, `2026`. */
export function periodLabel(id: string, lang: Lang, t: Translate): string {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(id);
  if (quarter) return t('dashboard.quarter', { n: quarter[2]!, year: quarter[1]! });
  const month = /^(\d{4})-(\d{2})$/.exec(id);
  if (month) {
    return new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 15)),
    );
  }
  return id;
}

/** The periods to choose from: this and last year's quarters, the last twelve months, three years. */
export function periodOptions(now: Date, selected: string): { quarters: string[]; months: string[]; years: string[] } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit' }).formatToParts(now);
  const year = Number(parts.find((p) => p.type === 'year')?.value);
  const month = Number(parts.find((p) => p.type === 'month')?.value);
  const currentQuarter = Math.floor((month - 1) / 3) + 1;
  const quarters: string[] = [];
  for (let y = year; y >= year - 1; y--) for (let q = 4; q >= 1; q--) if (y < year || q <= currentQuarter) quarters.push(`${y}-Q${q}`);
  const months: string[] = [];
  for (let i = 0; i < 12; i++) {
    const d = new Date(Date.UTC(year, month - 1 - i, 1));
    months.push(`${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`);
  }
  const years = [String(year), String(year - 1), String(year - 2)];
  if (![...quarters, ...months, ...years].includes(selected)) {
    if (/Q/.test(selected)) quarters.push(selected);
    else if (/-/.test(selected)) months.push(selected);
    else years.push(selected);
  }
  return { quarters, months, years };
}

export interface ChartData {
  type: 'line' | 'bar';
  /** Per cent on the value axis (0–100). */
  percent: boolean;
  /** Written after each number on the axis and in the tooltip (`chartSuffix`). */
  suffix: string;
  labels: string[];
  datasets: Array<{ label: string; data: Array<number | null> }>;
}

/** JSON for a `<script type="application/json">` block: nothing in it can close the element. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');
