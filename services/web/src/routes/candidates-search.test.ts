import { CERTIFICATES, CEFR_LEVELS, LICENCE_CATEGORIES } from '@rs/contracts';
import { da, en } from '../locales';
import { CERTIFICATE_CODES, groupByJobcentre, LEVELS, LICENCE_CODES, searchBody, searchForm } from './candidates-search';

describe('the search form and the body it sends', () => {
  it("offers the common CV template's vocabularies, each certificate labelled in both languages as the template labels it", () => {
    expect([...CERTIFICATE_CODES].sort()).toEqual(Object.keys(CERTIFICATES).sort());
    expect(LICENCE_CODES).toEqual(LICENCE_CATEGORIES);
    expect(LEVELS).toEqual(CEFR_LEVELS);
    for (const [code, label] of Object.entries(CERTIFICATES)) {
      expect(da[`candidates.cert.${code}` as keyof typeof da]).toBe(label.da);
      expect(en[`candidates.cert.${code}` as keyof typeof en]).toBe(label.en);
    }
  });

  it('defaults to the own jobcentre and the cooperation; sends only the requirements chosen', () => {
    const first = searchForm({}, 185);
    expect(first).toMatchObject({ municipality: '185', scope: 'cooperation', certificates: [], shortNotice: false });
    expect(searchBody({ ...first, occupation: '9321', purpose: 'ordre' }, 30)).toEqual({
      occupation: '9321',
      municipality: 185,
      scope: 'cooperation',
      purpose: 'ordre',
      limit: 30,
    });
  });

  it('turns repeated fields, languages with levels and short notice into hard requirements; drops values outside the vocabularies', () => {
    const form = searchForm(
      {
        occupation: ' 9321 ',
        municipality: '155',
        scope: 'national',
        certificates: ['forklift', 'pilot'],
        licences: 'C',
        language1: 'da',
        level1: 'B2',
        language2: '',
        level2: 'C1',
        shortNotice: 'yes',
        text: 'lager',
        startBy: '2027-01-04',
        purpose: 'ordre til lager',
        orderId: 'order-1',
      },
      185,
    );
    expect(searchBody(form, 10)).toEqual({
      occupation: '9321',
      municipality: 155,
      scope: 'national',
      purpose: 'ordre til lager',
      limit: 10,
      requirements: {
        certificates: ['forklift'],
        licenceCategories: ['C'],
        languages: [{ code: 'da', level: 'B2' }],
        startWithinDays: 14,
      },
      text: 'lager',
      startBy: '2027-01-04',
      orderId: 'order-1',
    });
    // Not a number: sent as typed, so matching names the field.
    expect(searchBody({ ...form, municipality: 'abc' }, 10).municipality).toBe('abc');
  });

  it('groups results by home jobcentre, the group of the best candidate first, keeping the order within each', () => {
    const r = (ref: string, jobcentre: number, score: number) => ({
      candidateRef: ref,
      jobcentre,
      jobcentreName: '',
      headline: '',
      score,
      reasons: [],
      occupations: [],
      certificates: [],
      licenceCategories: [],
      languages: [],
    });
    const groups = groupByJobcentre([r('a', 167, 90), r('b', 101, 80), r('c', 167, 70)], (c) => (c === 101 ? 'København' : 'Hvidovre'));
    expect(groups.map((g) => [g.name, g.results.map((x) => x.candidateRef)])).toEqual([
      ['Hvidovre (167)', ['a', 'c']],
      ['København (101)', ['b']],
    ]);
  });
});
