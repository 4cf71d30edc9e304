import { erasedRef } from '@rs/contracts';
import { eraseInText } from './erasure';

const e = { jobcentre: 147, refs: new Set(['k1']) };
const m = erasedRef(147, 'k1');

describe('eraseInText', () => {
  it('replaces the whole ref in a hire note, a referral id and free text, and nothing that only contains it', () => {
    expect(eraseInText('147/k1 from 2027-01-04, 37 h/week', e)).toBe(`147/${m} from 2027-01-04, 37 h/week`);
    expect(eraseInText('147-k1', e)).toBe(`147-${m}`);
    expect(eraseInText('kandidat k1 sagde nej', e)).toBe(`kandidat ${m} sagde nej`);
    expect(eraseInText('147/k10; k1x; xk1; 101/k1-b', e)).toBe('147/k10; k1x; xk1; 101/k1-b');
  });
});
