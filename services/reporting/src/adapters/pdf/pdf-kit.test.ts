import { danish, danishDate, formatValue } from './pdf-kit';

describe("the PDFs' Danish formats", () => {
  it('dates "udskrevet" by the Danish day, not the UTC one', () => {
    expect(danishDate('2026-11-30T23:30:00.000Z')).toBe('2026-12-01');
    expect(danishDate('2026-06-30T21:59:00.000Z')).toBe('2026-06-30');
    expect(danishDate('2026-06-30T22:00:00.000Z')).toBe('2026-07-01');
  });

  it('writes numbers with a decimal comma and thousands separated by a point', () => {
    expect(danish(40000, 0)).toBe('40.000');
    expect(danish(1234.56)).toBe('1.234,6');
    expect(formatValue(0.833, 'ratio')).toBe('83,3 %');
    expect(formatValue(65432, 'dkk')).toBe('65.432 kr.');
    expect(formatValue(12345, 'count')).toBe('12.345');
  });
});
