import { CvsUpserted, personalIdentifierIn, SharedCv, sharedCvExample } from './cv';

/** The common CV template: pseudonymous only, the full form and the thin CV's first form. */
const thin = {
  candidateRef: 'c-147-0042',
  revision: '2026-11-20T08:15:00.000Z',
  headline: 'Social- og sundhedsassistent',
  occupations: ['5321'],
  skills: ['medicingivning'],
  languages: ['da'],
  municipality: 147,
  summary: 'SOSU-assistent med 6 års erfaring.',
};

const problems = (value: unknown) => {
  const result = SharedCv.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('the common CV template', () => {
  it('accepts the full example and the thin CV of connectors written before it', () => {
    expect(problems(sharedCvExample)).toEqual([]);
    expect(problems(thin)).toEqual([]);
    expect(CvsUpserted.safeParse({ cvs: [thin, sharedCvExample] }).success).toBe(true);
  });

  it.each([
    ['0101901234', 'ten digits'],
    ['010190-1234', 'DDMMYY-XXXX'],
    ['01-01-90-1234', 'with dashes in between'],
    ['0101_901234', 'with an underscore'],
  ])('refuses a reference shaped like a CPR number: %s (%s)', (ref) => {
    expect(problems({ ...thin, candidateRef: ref }).join()).toMatch(/^candidateRef: looks like a CPR number/);
  });

  it.each([
    ['headline', { headline: 'Tømrer 010190-1234' }],
    ['summary', { summary: 'cpr 0101901234, ledig' }],
    ['summary.da', { summary: { da: 'Ledig siden maj, 010190 1234', en: 'Unemployed since May' } }],
    ['skills.1', { skills: ['tagarbejde', 'id 0101901234'] }],
    ['education.0.field', { education: [{ level: 'vocational', field: 'Tømrer (010190-1234)' }] }],
  ])('refuses a CPR number anywhere in free text: %s', (path, over) => {
    const found = problems({ ...thin, ...over });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(new RegExp(`^${path.replace('.', '\\.')}: looks like a CPR number`));
  });

  it('refuses contact details in free text, and leaves ordinary numbers alone', () => {
    expect(problems({ ...thin, summary: 'Skriv til jens@example.dk' }).join()).toContain('e-mail');
    expect(problems({ ...thin, summary: 'Ring 20 30 40 50' }).join()).toContain('phone');
    expect(problems({ ...thin, summary: 'Ring +45 20304050' }).join()).toContain('phone');
    expect(personalIdentifierIn('6 års erfaring, 2019-2023, 37 timer, kørekort C/CE, DISCO 7115')).toBeUndefined();
    expect(personalIdentifierIn('Postnummer 2000, 4 uger')).toBeUndefined();
  });

  it('names the field of a bad value in the full form', () => {
    expect(problems({ ...thin, occupations: [{ code: '53', years: 2 }] }).join()).toContain('occupations.0');
    expect(problems({ ...thin, languages: [{ code: 'da', level: 'D1' }] }).join()).toContain('languages.0');
    expect(problems({ ...thin, certificates: ['pilot'] })).toEqual([expect.stringMatching(/^certificates\.0:/)]);
    expect(problems({ ...thin, summary: {} }).join()).toContain('give da, en or both');
    expect(problems({ ...thin, visibility: { searchable: 'yes' } }).join()).toContain('visibility.searchable');
  });

  it('has no field for a name or contact details, and refuses one sent anyway in a strict part', () => {
    const shape = Object.keys(SharedCv.shape);
    for (const field of ['name', 'cpr', 'email', 'phone', 'address']) expect(shape).not.toContain(field);
    expect(problems({ ...thin, visibility: { searchable: true, email: 'x@y.dk' } }).join()).toContain('visibility');
  });

  it('labels every field in Danish and English', () => {
    for (const [field, schema] of Object.entries(SharedCv.shape)) {
      const meta = (schema as { meta(): Record<string, unknown> | undefined }).meta();
      expect([field, typeof meta?.['x-label-da'], typeof meta?.['x-label-en']]).toEqual([field, 'string', 'string']);
    }
  });
});
