import { cvrRefusal, isPNumber, isValidCvr } from './cvr';

describe('CVR number', () => {
  it('accepts numbers that pass the modulus-11 check', () => {
    // Novo Nordisk A/S and Danmarks Statistik, as in the register.
    for (const cvr of ['24256790', '10103940']) expect([cvr, isValidCvr(cvr)]).toEqual([cvr, true]);
  });

  it('refuses a changed digit and two swapped neighbours', () => {
    expect(isValidCvr('24256791')).toBe(false);
    expect(isValidCvr('24256709')).toBe(false);
    expect(isValidCvr('42256790')).toBe(false);
  });

  it('refuses anything but eight digits, and a leading 0', () => {
    for (const bad of ['', '2425679', '242567900', '2425679a', ' 24256790', '2425 6790', '00000000', '0']) {
      expect([bad, isValidCvr(bad)]).toEqual([bad, false]);
    }
  });

  it('says why, in both languages', () => {
    expect(cvrRefusal('123')).toMatch(/8 digits \/ .*8 cifre/);
    expect(cvrRefusal('24256791')).toMatch(/modulus-11.* \/ .*modulus 11/);
    expect(cvrRefusal('24256790')).toBeUndefined();
  });

  it('takes a P-number of ten digits', () => {
    expect(isPNumber('1003388394')).toBe(true);
    expect(isPNumber('100338839')).toBe(false);
    expect(isPNumber('0003388394')).toBe(false);
  });
});
