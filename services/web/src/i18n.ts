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

/** Time left until an instant, coarse (days, hours or minutes), or undefined when it has passed. */
export function timeLeft(iso: string, now: Date, t: Translate): string | undefined {
  const ms = Date.parse(iso) - now.getTime();
  if (ms <= 0) return undefined;
  const minutes = Math.floor(ms / 60_000);
  if (minutes >= 2 * 24 * 60) return t('time.days', { n: Math.floor(minutes / (24 * 60)) });
  if (minutes >= 60) return `${t('time.hours', { n: Math.floor(minutes / 60) })} ${t('time.minutes', { n: minutes % 60 })}`;
  return t('time.minutes', { n: minutes });
}
