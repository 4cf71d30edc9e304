import { parseReference, REFERENCE_ALPHABET, REFERENCE_PATTERN, referenceFrom } from './reference';

describe('phone-line reference number', () => {
  it('has no character that is confused on the phone', () => {
    for (const ambiguous of ['0', 'O', '1', 'I', 'L', 'U', 'B', 'C', 'D', 'E', 'G', 'P', 'T', 'V', 'Z'])
      expect(REFERENCE_ALPHABET).not.toContain(ambiguous);
    expect(new Set(REFERENCE_ALPHABET).size).toBe(REFERENCE_ALPHABET.length);
    expect(REFERENCE_ALPHABET).toMatch(/^[2-9A-Z]+$/);
  });

  it('is six characters in two groups of three', () => {
    expect(referenceFrom([0, 1, 2, 18, 19, 20])).toBe('234-WXY');
    // Enough entropy for a unique-key insert to find a free one at once: over 26 bits.
    expect(REFERENCE_ALPHABET.length ** 6).toBeGreaterThan(2 ** 26);
    expect(REFERENCE_PATTERN.test(referenceFrom([10, 20, 5, 0, 19, 14]))).toBe(true);
    expect(() => referenceFrom([0, 1, 2])).toThrow();
    expect(() => referenceFrom([0, 1, 2, 3, 4, 21])).toThrow();
    expect(() => referenceFrom([0, 1, 2, 3, 4, 1.5])).toThrow();
  });

  it('covers every character of the alphabet and only those', () => {
    const seen = new Set<string>();
    for (let d = 0; d < REFERENCE_ALPHABET.length; d++) for (const c of referenceFrom([d, d, d, d, d, d]).replaceAll('-', '')) seen.add(c);
    expect([...seen].join('')).toBe(REFERENCE_ALPHABET);
  });

  it('reads back what a caller says, whatever the case, spaces or dash', () => {
    expect(parseReference('k7h 4qx')).toBe('K7H-4QX');
    expect(parseReference('K7H-4QX')).toBe('K7H-4QX');
    expect(parseReference('k7h4qx')).toBe('K7H-4QX');
    for (const bad of ['K7H-4Q', 'K7H-4QXX', 'K0H-4QX', 'KOH-4QX', 'K1H-4QX', 'KLH-4QX', 'K7P-4QX', 'K7H-4QZ', '$ne', '']) {
      expect([bad, parseReference(bad)]).toEqual([bad, undefined]);
    }
  });
});
