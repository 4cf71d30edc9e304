import { inPeriod, periodRefusal, type RecruitmentAgreement, silenceMeansNoneOn } from './agreement';

const agreement = (over: Partial<RecruitmentAgreement> = {}): RecruitmentAgreement => ({
  id: 'a1',
  companyId: '24256790',
  leadJobcentre: 185,
  cooperation: 'HRS',
  period: { from: '2026-01-01', to: '2026-12-31' },
  expectedHires: 10,
  terms: { silenceMeansNone: true, other: '' },
  createdAt: '2026-01-01T08:00:00.000Z',
  createdBy: 'consultant-185',
  ...over,
});

describe('agreements', () => {
  it('holds a period with both ends included, or open-ended', () => {
    expect(inPeriod({ from: '2026-01-01', to: '2026-12-31' }, '2026-12-31')).toBe(true);
    expect(inPeriod({ from: '2026-01-01', to: '2026-12-31' }, '2027-01-01')).toBe(false);
    expect(inPeriod({ from: '2026-01-01' }, '2030-06-01')).toBe(true);
    expect(inPeriod({ from: '2026-01-01' }, '2025-12-31')).toBe(false);
    expect(periodRefusal({ from: '2026-02-01', to: '2026-01-31' })).toMatch(/body\.period\.to/);
    expect(periodRefusal({ from: '2026-02-01', to: '2026-02-01' })).toBeUndefined();
  });

  it('lets silence mean "none" only under an agreement in force with that term', () => {
    expect(silenceMeansNoneOn([agreement()], '2026-06-01')).toBe(true);
    expect(silenceMeansNoneOn([agreement()], '2027-06-01')).toBe(false);
    expect(silenceMeansNoneOn([agreement({ terms: { silenceMeansNone: false, other: 'x' } })], '2026-06-01')).toBe(false);
    expect(silenceMeansNoneOn([], '2026-06-01')).toBe(false);
  });
});
