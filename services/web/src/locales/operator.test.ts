import { CALL_NEEDS, CALL_OUTCOMES, ORDER_EMPLOYMENT_TYPES, ORDER_WORKING_TIMES, REFERENCE_ALPHABET } from '@rs/contracts';
import { CATALOGUES, LANGS } from '../i18n';

/*
 * The operator's pages build text keys from order-intake's values (a call's need and outcome, a
 * reference's characters, an order's terms); the values are the contracts', so one added there
 * without its text fails here rather than on an operator's page.
 */
describe('the operator texts cover every value of the contracts', () => {
  const keys = [
    ...CALL_NEEDS.map((v) => `operator.call.need.${v}`),
    ...CALL_OUTCOMES.map((v) => `operator.outcome.${v}`),
    ...[...REFERENCE_ALPHABET].map((c) => `operator.spell.${c}`),
    ...ORDER_EMPLOYMENT_TYPES.map((v) => `operator.order.employmentType.${v}`),
    ...ORDER_WORKING_TIMES.map((v) => `operator.order.workingTime.${v}`),
  ];

  it.each(LANGS)('in %s', (lang) => {
    const catalogue = CATALOGUES[lang] as Record<string, string>;
    expect(keys.filter((k) => !catalogue[k])).toEqual([]);
    expect(REFERENCE_ALPHABET).toHaveLength(21);
  });
});
