import { companyListFilter, decideCompany, mayMakeAgreement, mayReadCompany, type NewCompany } from './company';
import { cooperationsAt } from '@rs/contracts';
import { cooperationSeeds } from '@rs/reference-data';

/** The cooperations as seeded (HRS, JRS), on a December day. */
const COOPS = cooperationsAt(cooperationSeeds(), new Date('2026-12-01T12:00:00Z'));

const now = new Date('2026-12-01T10:00:00Z');
const dragør = (over: Partial<NewCompany> = {}): NewCompany => ({
  cvr: '24256790',
  name: 'Dragør Havn ApS',
  address: { street: 'Havnen 1', postalCode: '2791', city: 'Dragør' },
  municipality: 155,
  contacts: [{ name: 'Mette Holm' }],
  ...over,
});
const phoneLine = { role: 'phone-line' as const, sub: 'operator-1' };

describe('company (R1)', () => {
  it("leads a Dragør company from Tårnby and an Ishøj company from Vallensbæk, by the company's municipality", () => {
    const d = decideCompany(phoneLine, dragør(), now, COOPS);
    expect(d).toMatchObject({ ok: true, company: { id: '24256790', leadJobcentre: 185, leadChosen: false, cooperation: 'HRS' } });
    const i = decideCompany(phoneLine, dragør({ municipality: 183, name: 'Ishøj Is' }), now, COOPS);
    expect(i).toMatchObject({ ok: true, company: { leadJobcentre: 187, nameKey: 'ishøj is' } });
  });

  it('takes the jobcentre the company chose; a jobcentre registering a company becomes its lead', () => {
    expect(decideCompany(phoneLine, dragør({ leadJobcentre: 101 }), now, COOPS)).toMatchObject({
      ok: true,
      company: { leadJobcentre: 101, leadChosen: true },
    });
    expect(decideCompany({ role: 'jobcentre', jobcentre: 147, sub: 'c' }, dragør(), now, COOPS)).toMatchObject({
      ok: true,
      company: { leadJobcentre: 147 },
    });
    expect(decideCompany({ role: 'jobcentre', jobcentre: 147, sub: 'c' }, dragør({ leadJobcentre: 101 }), now, COOPS)).toMatchObject({
      ok: false,
      kind: 'forbidden',
    });
    expect(decideCompany(phoneLine, dragør({ leadJobcentre: 155 }), now, COOPS)).toMatchObject({ ok: false, kind: 'invalid' });
    expect(decideCompany(phoneLine, dragør({ municipality: 999 }), now, COOPS)).toMatchObject({ ok: false, kind: 'invalid' });
  });

  it('names a workplace by CVR and P-number', () => {
    expect(decideCompany(phoneLine, dragør({ pNumber: '1003388394' }), now, COOPS)).toMatchObject({
      company: { id: '24256790-1003388394' },
    });
  });

  it('shows a company to its lead, its cooperation, the phone line and admins', () => {
    const company = { leadJobcentre: 185, cooperation: 'HRS' };
    expect(mayReadCompany({ role: 'jobcentre', jobcentre: 185 }, company)).toBe(true);
    expect(mayReadCompany({ role: 'jobcentre', jobcentre: 101 }, company)).toBe(false);
    expect(mayReadCompany({ role: 'secretariat', cooperation: 'HRS' }, company)).toBe(true);
    expect(mayReadCompany({ role: 'secretariat', cooperation: 'JRS' }, company)).toBe(false);
    expect(mayReadCompany({ role: 'onboarding', cooperation: 'HRS' }, company)).toBe(false);
    expect(mayReadCompany({ role: 'phone-line' }, company)).toBe(true);
    expect(companyListFilter({ role: 'onboarding', cooperation: 'HRS' })).toBeUndefined();
    expect(mayMakeAgreement({ role: 'phone-line' }, company)).toBe(false);
    expect(mayMakeAgreement({ role: 'jobcentre', jobcentre: 185 }, company)).toBe(true);
  });
});
