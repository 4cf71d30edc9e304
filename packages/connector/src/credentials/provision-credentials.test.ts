import { generatePassword, parseJobcentreCodes } from './provision-credentials';

describe('rs-admin provision arguments', () => {
  it('accepts jobcentre codes and refuses everything else, naming each', () => {
    expect(parseJobcentreCodes(['147', '101', '147'])).toEqual([147, 101]);
    // 201 is Allerød (a jobcentre); 183 Ishøj is served by Vallensbæk; 999 and 'abc' are nothing.
    expect(() => parseJobcentreCodes(['201', '183', '999', 'abc', '1470'])).toThrow('not jobcentre codes: 183, 999, abc, 1470');
    expect(() => parseJobcentreCodes([])).toThrow(/at least one/);
  });

  it('generates long random passwords that fit an AMQP URL unescaped', () => {
    const a = generatePassword();
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(generatePassword()).not.toBe(a);
  });
});
