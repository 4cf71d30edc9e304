import { csvRowToCv } from './csv-row';

describe('a CSV row of the CV template', () => {
  it('splits lists on |, converts numbers and ja/nej, drops empty cells', () => {
    expect(
      csvRowToCv({
        candidateRef: 'c1',
        occupations: '7115 | 7112',
        skills: '',
        languages: 'da|en',
        municipality: '147',
        availableFrom: '',
        drivingLicence: 'Ja',
      }),
    ).toEqual({
      candidateRef: 'c1',
      occupations: ['7115', '7112'],
      skills: [],
      languages: ['da', 'en'],
      municipality: 147,
      drivingLicence: true,
    });
  });

  it('passes values it cannot convert on unchanged, for validation to name', () => {
    expect(csvRowToCv({ municipality: 'København', drivingLicence: 'måske' })).toEqual({
      municipality: 'København',
      drivingLicence: 'måske',
    });
  });
});
