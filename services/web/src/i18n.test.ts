import { da, en } from './locales';
import { formatDate, formatInstant, translator } from './i18n';

describe('the two catalogues', () => {
  it('have the same keys, none empty', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(da).sort());
    for (const catalogue of [da, en])
      for (const [key, text] of Object.entries(catalogue)) expect([key, text.trim().length > 0]).toEqual([key, true]);
  });

  it('fill placeholders, and say the same placeholders in both languages', () => {
    expect(translator('da')('home.signedInAs', { name: 'Karen' })).toBe('Du er logget ind som Karen.');
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(da) as (keyof typeof da)[]) expect([key, names(en[key])]).toEqual([key, names(da[key])]);
  });

  it('write dates the Danish way in Danish', () => {
    expect(formatInstant('2026-12-01T13:30:00Z', 'da')).toBe('1. december 2026 kl. 14.30');
  });

  it('write a calendar date in words, in either language, without shifting the day', () => {
    expect(formatDate('2030-01-07', 'da')).toBe('7. januar 2030');
    expect(formatDate('2030-01-07', 'en')).toBe('7 January 2030');
    expect(formatDate('2030-12-31', 'da')).toBe('31. december 2030');
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });
});
