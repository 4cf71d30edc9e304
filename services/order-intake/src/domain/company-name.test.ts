import { escapeRegex, nameKey, namePrefixPattern } from './company-name';

describe('company name search key', () => {
  it('lower-cases Danish letters and collapses whitespace', () => {
    expect(nameKey('  ÆBLEGÅRDEN   Øst ApS ')).toBe('æblegården øst aps');
    expect(nameKey('Ærø Færgeri')).toBe(nameKey('ærø færgeri'));
  });

  it('treats a decomposed å (a + combining ring) as å', () => {
    expect(nameKey('Ga\u030Arden')).toBe(nameKey('Gården'));
  });

  it('anchors the prefix and escapes what a regex would read', () => {
    expect(namePrefixPattern('Øst')).toBe('^øst');
    expect(namePrefixPattern('A.B (1)')).toBe('^a\\.b \\(1\\)');
    expect(escapeRegex('$where|.*')).toBe('\\$where\\|\\.\\*');
    const pattern = new RegExp(namePrefixPattern('.*'));
    expect(pattern.test(nameKey('Vognmand Hansen'))).toBe(false);
    expect(pattern.test(nameKey('.* Design'))).toBe(true);
    expect(new RegExp(namePrefixPattern('Æble')).test(nameKey('ÆBLEGÅRDEN'))).toBe(true);
    expect(new RegExp(namePrefixPattern('gården')).test(nameKey('Æblegården'))).toBe(false);
  });
});
