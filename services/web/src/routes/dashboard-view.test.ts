import { translator } from '../i18n';
import { chartSuffix, formatValue, periodLabel, periodOptions, plotted, scriptJson } from './dashboard-view';

const da = translator('da');
const en = translator('en');

describe("the dashboard's formatting", () => {
  it('writes values the Danish way in Danish', () => {
    expect(formatValue(0.8333, 'ratio', 'da', da)).toBe('83,3 %');
    expect(formatValue(0.8333, 'ratio', 'en', en)).toBe('83.3%');
    expect(formatValue(6.6, 'days', 'da', da)).toBe('6,6 dage');
    expect(formatValue(1938, 'minutes', 'da', da)).toBe('32,3 timer');
    expect(formatValue(90, 'minutes', 'en', en)).toBe('1.5 hours');
    expect(formatValue(65432, 'dkk', 'da', da)).toBe('65.432 kr.');
    expect(plotted(90, 'minutes')).toBe(1.5);
    expect(chartSuffix('ratio', 'da')).toBe(' %');
    expect(chartSuffix('ratio', 'en')).toBe('%');
    expect(chartSuffix('minutes', 'da')).toBe(' timer');
    expect(formatValue(1234, 'count', 'da', da)).toBe('1.234');
    expect(formatValue(null, 'count', 'da', da)).toBe('–');
  });

  it('names periods and offers this and last year’s quarters, twelve months and three years', () => {
    expect(periodLabel('2026-Q3', 'da', da)).toBe('3. kvartal 2026');
    expect(periodLabel('2026-Q3', 'en', en)).toBe('Q3 2026');
    expect(periodLabel('2026-09', 'da', da)).toBe('september 2026');
    const options = periodOptions(new Date('2026-12-01T10:00:00Z'), '2026-Q4');
    expect(options.quarters).toEqual(['2026-Q4', '2026-Q3', '2026-Q2', '2026-Q1', '2025-Q4', '2025-Q3', '2025-Q2', '2025-Q1']);
    expect(options.months[0]).toBe('2026-12');
    expect(options.months.at(-1)).toBe('2026-01');
    expect(periodOptions(new Date('2026-12-01T10:00:00Z'), '2020-Q1').quarters.at(-1)).toBe('2020-Q1');
  });

  it('never lets chart data close its script element', () => {
    expect(scriptJson({ label: '</script><script>alert(1)</script>' })).not.toContain('</script>');
  });
});
