import { ApiError } from '../api';
import { courseProblems, formFieldOf } from './course-problems';

describe("the API's course problems at the form's fields", () => {
  const order = [147, 151];

  it.each([
    ['budgetCeilings.1.jobcentre', 'ceiling.151'],
    ['budgetCeilings.0', 'ceiling.147'],
    ['budgetCeilings', 'ceiling.147'],
    ['budgetCeilings.7.dkk', 'ceiling.147'],
    ['guarantee', 'guarantee.kind'],
    ['guarantee.declaration', 'guarantee.kind'],
    ['guarantee.declaration.employmentMonths', 'guarantee.declaration.employmentMonths'],
    ['positiveList', 'onPositiveList'],
    ['positiveList.year', 'positiveList.year'],
    ['provider.name', 'provider.name'],
    ['company.name', 'company.name'],
    ['seats.extra', 'seats'],
    ['windowClosesAt', 'windowClosesAt'],
  ])('%s is shown at %s', (api, form) => {
    expect(formFieldOf(api, order)).toBe(form);
  });

  it('the ceilings as a whole with no ceiling sent are the form’s problem', () => {
    expect(formFieldOf('budgetCeilings', [])).toBe('form');
  });

  it('in the page’s language, the first per field; no field named: the detail at the form', () => {
    const error = new ApiError(422, {
      errors: [
        { field: 'body.guarantee', message: 'the pool needs a guarantee / puljen kræver en garanti' },
        { field: 'body.guarantee.declaration', message: 'second / anden' },
        { field: 'body.budgetCeilings', message: 'too many / for mange' },
      ],
    });
    expect(courseProblems(error, 'da', [147])).toEqual({
      'guarantee.kind': { text: 'puljen kræver en garanti' },
      'ceiling.147': { text: 'for mange' },
    });
    expect(courseProblems(new ApiError(409, { detail: 'Conflict', detail_da: 'Konflikt' }), 'da', [])).toEqual({
      form: { text: 'Konflikt' },
    });
  });
});
