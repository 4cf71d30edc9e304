import { parseReference, REFERENCE_ALPHABET, REFERENCE_PATTERN, referenceFrom } from './reference';

describe('phone-line reference number', () => {
  it('has no character that is confused on the phone', () => {
    for (const ambiguous of ['0', 'O', '1', 'I', 'L', 'U']) expect(REFERENCE_ALPHABET).not.toContain(ambiguous);
    expect(new Set(REFERENCE_ALPHABET).size).toBe(REFERENCE_ALPHABET.length);
    expect(REFERENCE_ALPHABET).toMatch(/^[2-9A-Z]+$/);
  });

  it('is six characters in two groups of three', () => {
    expect(referenceFrom([0, 1, 2, 27, 28, 29])).toBe('234-XYZ');
    expect(REFERENCE_PATTERN.test(referenceFrom([10, 20, 5, 0, 29, 14]))).toBe(true);
    expect(() => referenceFrom([0, 1, 2])).toThrow();
    expect(() => referenceFrom([0, 1, 2, 3, 4, 30])).toThrow();
    expect(() => referenceFrom([0, 1, 2, 3, 4, 1.5])).toThrow();
  });

  it('covers every character of the alphabet and only those', () => {
    const seen = new Set<string>();
    for (let d = 0; d < REFERENCE_ALPHABET.length; d++) for (const c of referenceFrom([d, d, d, d, d, d]).replace('-', '')) seen.add(c);
    expect([...seen].join('')).toBe(REFERENCE_ALPHABET);
  });

  it('reads back what a caller says, whatever the case, spaces or dash', () => {
    expect(parseReference('k7p 4qx')).toBe('K7P-4QX');
    expect(parseReference('K7P-4QX')).toBe('K7P-4QX');
    expect(parseReference('k7p4qx')).toBe('K7P-4QX');
    for (const bad of ['K7P-4Q', 'K7P-4QXX', 'K0P-4QX', 'KOP-4QX', 'K1P-4QX', 'KLP-4QX', '$ne', '']) {
      expect([bad, parseReference(bad)]).toEqual([bad, undefined]);
    }
  });
});
