import type { RecruitmentAgreement } from '../domain/agreement';
import type { Company } from '../domain/company';
import type { CompanyDeps } from './company-deps';
import { companyOrderTerms } from './company-order';

const company: Company = {
  id: '24256790',
  cvr: '24256790',
  name: 'Dragør Havn',
  nameKey: 'dragør havn',
  address: { street: 'Havnen 1', postalCode: '2791', city: 'Dragør' },
  municipality: 155,
  leadJobcentre: 185,
  leadChosen: false,
  cooperation: 'HRS',
  contacts: [],
  createdAt: '2026-11-01T08:00:00.000Z',
  createdBy: 'operator-1',
};
const agreement: RecruitmentAgreement = {
  id: 'a1',
  companyId: company.id,
  leadJobcentre: 185,
  cooperation: 'HRS',
  period: { from: '2026-12-01' },
  expectedHires: 10,
  terms: { silenceMeansNone: true, other: '' },
  createdAt: '2026-11-01T08:00:00.000Z',
  createdBy: 'consultant-185',
};

const deps = (now: string) =>
  ({
    now: () => new Date(now),
    companies: { load: async () => company },
    agreements: { ofCompany: async () => [agreement] },
  }) as unknown as CompanyDeps;

describe("an order's terms from its company's agreements", () => {
  it('reads the agreement in force on the Copenhagen day, not the UTC day', async () => {
    const admin = { role: 'admin' as const };
    // 30 November 23:30 UTC is 1 December 00:30 in Copenhagen: the agreement from 1 December holds.
    expect(await companyOrderTerms(deps('2026-11-30T23:30:00.000Z'), admin, company.id)).toMatchObject({ silenceMeansNone: true });
    expect(await companyOrderTerms(deps('2026-11-30T22:30:00.000Z'), admin, company.id)).toMatchObject({ silenceMeansNone: false });
  });
});
