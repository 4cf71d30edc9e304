import { cooperationSeeds } from '@rs/reference-data';
import { complianceAudience, mayManage, mayReadFeed } from './access';

const SEEDS = cooperationSeeds();
import { openingRefusal } from './opening';

describe('opening a further round', () => {
  it('one open round per order at a time', () => {
    expect(openingRefusal({ scope: 'national', cooperation: 'HRS', cooperationNow: 'HRS', openRounds: 1 })).toMatchObject({
      rule: 'round-open',
    });
    expect(openingRefusal({ scope: 'national', cooperation: 'HRS', cooperationNow: 'HRS', openRounds: 0 })).toBeUndefined();
  });

  it('a cooperation round needs a lead in a cooperation, at registration or now', () => {
    expect(openingRefusal({ scope: 'cooperation', cooperation: null, cooperationNow: undefined, openRounds: 0 })).toMatchObject({
      rule: 'no-cooperation',
    });
    expect(openingRefusal({ scope: 'cooperation', cooperation: 'HRS', cooperationNow: undefined, openRounds: 0 })).toBeUndefined();
    expect(openingRefusal({ scope: 'cooperation', cooperation: null, cooperationNow: 'JRS', openRounds: 0 })).toBeUndefined();
  });
});

describe('who may see what', () => {
  const order = { leadJobcentre: 147, cooperation: 'HRS' };
  it('the lead, its secretariat and an admin manage rounds; others do not', () => {
    expect(mayManage({ role: 'jobcentre', jobcentre: 147 }, order)).toBe(true);
    expect(mayManage({ role: 'jobcentre', jobcentre: 151 }, order)).toBe(false);
    expect(mayManage({ role: 'secretariat', cooperation: 'HRS' }, order)).toBe(true);
    expect(mayManage({ role: 'secretariat', cooperation: 'JRS' }, order)).toBe(false);
    expect(mayManage({ role: 'admin' }, order)).toBe(true);
    expect(mayManage({ role: 'phone-line' }, order)).toBe(false);
  });

  it('compliance: a jobcentre sees itself, a secretariat its members, the phone line nothing', () => {
    expect(complianceAudience({ role: 'jobcentre', jobcentre: 147 }, SEEDS)!(147)).toBe(true);
    expect(complianceAudience({ role: 'jobcentre', jobcentre: 147 }, SEEDS)!(151)).toBe(false);
    expect(complianceAudience({ role: 'secretariat', cooperation: 'HRS' }, SEEDS)!(101)).toBe(true);
    expect(complianceAudience({ role: 'secretariat', cooperation: 'HRS' }, SEEDS)!(253)).toBe(false);
    expect(complianceAudience({ role: 'admin' }, SEEDS, 'JRS')!(101)).toBe(false);
    expect(complianceAudience({ role: 'phone-line' }, SEEDS)).toBeUndefined();
  });

  it('the feed of a jobcentre is its own', () => {
    expect(mayReadFeed({ role: 'jobcentre', jobcentre: 147 }, 147)).toBe(true);
    expect(mayReadFeed({ role: 'jobcentre', jobcentre: 151 }, 147)).toBe(false);
    expect(mayReadFeed({ role: 'secretariat', cooperation: 'HRS' }, 147)).toBe(false);
  });
});
