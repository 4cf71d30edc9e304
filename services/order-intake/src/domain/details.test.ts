import { OrderSummary, SearchTerms } from '@rs/contracts';
import { hardRequirementsOf, NO_REQUIREMENTS, type OrderDetails, sentRequirementsOf, summaryOf } from './details';

const details = (requirements: OrderDetails['requirements']): OrderDetails => ({
  title: 'Lastbilchauffør',
  description: 'Distribution på Sjælland',
  occupation: { code: '8332', taxonomy: 'DISCO-08' },
  positions: 1,
  workplaceMunicipality: 185,
  requirements,
  wishes: ['Erfaring med kran'],
  shortNotice: false,
});

describe("an order's hard requirements in matching's shape", () => {
  it('sends a required licence category, certificate and language to matching as OrderSummary.requirements', () => {
    const summary = summaryOf(
      details({ certificates: ['driver-cpc'], licences: ['CE'], languages: [{ language: 'da', level: 'B1' }] }),
      'Vognmand Hansen ApS',
    );
    expect(OrderSummary.parse(summary).requirements).toEqual({
      certificates: ['driver-cpc'],
      licenceCategories: ['CE'],
      languages: [{ code: 'da', level: 'B1' }],
    });
  });

  it('asks a native speaker as C2, and sends no requirements when there are none', () => {
    expect(hardRequirementsOf({ ...NO_REQUIREMENTS, languages: [{ language: 'da', level: 'native' }] })).toEqual({
      requirements: { languages: [{ code: 'da', level: 'C2' }] },
    });
    expect(summaryOf(details(NO_REQUIREMENTS), 'X')).not.toHaveProperty('requirements');
  });

  it('leaves out free text of an order stored before the vocabulary (matching could not test it)', () => {
    expect(hardRequirementsOf({ certificates: ['Kvalifikationsbevis', 'forklift'], licences: ['B'], languages: [] })).toEqual({
      requirements: { certificates: ['forklift'], licenceCategories: ['B'] },
    });
  });

  it('sends recipients only vocabulary values, so an old order with free text still meets SearchTerms', () => {
    const stored = {
      certificates: ['Kvalifikationsbevis', 'forklift'],
      licences: ['CE' as const],
      languages: [{ language: 'da', level: 'native' as const }],
    };
    expect(sentRequirementsOf(stored)).toEqual({
      certificates: ['forklift'],
      licences: ['CE'],
      languages: [{ language: 'da', level: 'native' }],
    });
    expect(SearchTerms.safeParse({ requirements: sentRequirementsOf(stored), wishes: [], shortNotice: false }).success).toBe(true);
  });
});

describe('SearchTerms.requirements (contracts)', () => {
  const terms = (requirements: unknown) => ({ requirements, wishes: [], shortNotice: false });
  const firstPath = (requirements: unknown) => {
    const parsed = SearchTerms.safeParse(terms(requirements));
    return parsed.success ? 'accepted' : parsed.error.issues[0]?.path.join('.');
  };

  it('accepts matching vocabulary, CEFR levels and native', () => {
    expect(firstPath({ certificates: ['driver-cpc'], licences: ['C1E'], languages: [{ language: 'pl', level: 'B2' }] })).toBe('accepted');
    expect(firstPath({ certificates: [], licences: [], languages: [{ language: 'da', level: 'native' }] })).toBe('accepted');
  });

  it('refuses free text and unknown levels, naming the field', () => {
    expect(firstPath({ certificates: ['Kvalifikationsbevis (EU)'], licences: [], languages: [] })).toBe('requirements.certificates.0');
    expect(firstPath({ certificates: [], licences: ['truck'], languages: [] })).toBe('requirements.licences.0');
    expect(firstPath({ certificates: [], licences: [], languages: [{ language: 'da', level: 'good' }] })).toBe(
      'requirements.languages.0.level',
    );
    expect(firstPath({ certificates: [], licences: [], languages: [{ language: 'Danish', level: 'B1' }] })).toBe(
      'requirements.languages.0.language',
    );
    expect(firstPath({ certificates: [], licences: [], languages: [], extra: 1 })).toBe('requirements');
  });
});
