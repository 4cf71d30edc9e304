import { da, en } from './locales';
import { formatInstant, translator } from './i18n';

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
});
