import { OrderSummary } from '@rs/contracts';
import { hardRequirementsOf, NO_REQUIREMENTS, type OrderDetails, summaryOf } from './details';

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
});
