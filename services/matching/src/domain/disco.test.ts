import { discoCloseness, eligibilityPrefix } from './disco';

describe('DISCO-08 closeness along the hierarchy', () => {
  it.each([
    ['5321', '5321', 4], // the same unit group
    ['5321', '5322', 3], // health care assistants / home-based personal care: minor group 532
    ['5321', '5311', 2], // child care workers: sub-major group 53 (personal care workers)
    ['5321', '5120', 1], // cooks: major group 5 only
    ['5321', '7115', 0], // carpenters
  ])('%s and %s share %i levels', (a, b, level) => {
    expect(discoCloseness(a, b)).toBe(level);
    expect(discoCloseness(b, a)).toBe(level);
  });

  it('does not read past a short or free-text occupation', () => {
    expect(discoCloseness('53', '5321')).toBe(2);
    expect(discoCloseness('Social- og sundhedsassistent', '5321')).toBe(0);
  });

  it('files occupations under their sub-major group, the widest level that still makes a candidate', () => {
    expect(eligibilityPrefix('5321')).toBe('53');
  });
});
