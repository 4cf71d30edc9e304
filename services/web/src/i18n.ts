import { da, en, type MessageKey } from './locales';

export type Lang = 'da' | 'en';
export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { da, en };
export const LANGS: readonly Lang[] = ['da', 'en'];

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** The catalogue's text for a key with `{name}` placeholders filled in. */
export function translator(lang: Lang): Translate {
  const catalogue = CATALOGUES[lang];
  return (key, vars = {}) => catalogue[key].replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? `{${name}}`));
}

export const langOf = (value: unknown): Lang => (value === 'en' ? 'en' : 'da');

/** `1. december 2026 14.30` / `1 December 2026 14:30`, in Copenhagen time. */
export function formatInstant(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Copenhagen',
  }).format(new Date(iso));
}

/** A calendar date (`2030-01-07`): `7. januar 2030` / `7 January 2030`; what is no date is shown as it is. */
export function formatDate(iso: string, lang: Lang): string {
  const day = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(day.getTime())) return iso;
  // UTC both ways: a date has no time of day to shift.
  return new Intl.DateTimeFormat(lang === 'da' ? 'da-DK' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(day);
}

/** Time left until an instant, coarse (days, hours or minutes), or undefined when it has passed. */
export function timeLeft(iso: string, now: Date, t: Translate): string | undefined {
  const ms = Date.parse(iso) - now.getTime();
  if (ms <= 0) return undefined;
  const minutes = Math.floor(ms / 60_000);
  if (minutes >= 2 * 24 * 60) return t('time.days', { n: Math.floor(minutes / (24 * 60)) });
  if (minutes >= 60) return `${t('time.hours', { n: Math.floor(minutes / 60) })} ${t('time.minutes', { n: minutes % 60 })}`;
  return t('time.minutes', { n: minutes });
}
