import { decideOutcome, decidePresent, markHired, type Referral } from './referrals';
import { screeningPrinciplesOf } from './screening';
import { cooperationSeeds } from '@rs/reference-data';

const SEEDS = cooperationSeeds();

const at = '2026-12-02T10:00:00.000Z';
const candidate = { jobcentre: 147, candidateRef: 'c-147-1', screening: ['interest', 'qualifications'] };
const open = { status: 'searching' as const, cooperation: 'HRS', referrals: [] as Referral[] };

describe('the referral log', () => {
  it('records a presented candidate once, with the screening principles checked (sorted)', () => {
    const decision = decidePresent(open, candidate, at, 'lead', SEEDS);
    expect(decision).toEqual({
      kind: 'record',
      referrals: [
        {
          id: '147-c-147-1',
          jobcentre: 147,
          candidateRef: 'c-147-1',
          screening: ['interest', 'qualifications'],
          presentedAt: at,
          presentedBy: 'lead',
        },
      ],
    });
    const referrals = decision.kind === 'record' ? decision.referrals : [];
    expect(decidePresent({ ...open, referrals }, { ...candidate, screening: ['qualifications', 'interest'] }, at, 'lead', SEEDS)).toEqual({
      kind: 'stay',
    });
    expect(decidePresent({ ...open, referrals }, { ...candidate, screening: [] }, at, 'lead', SEEDS)).toMatchObject({
      kind: 'refused',
      status: 409,
    });
  });

  it("refuses a principle that is not the cooperation's, and presenting on a closed order", () => {
    expect(decidePresent(open, { ...candidate, screening: ['horoscope'] }, at, 'lead', SEEDS)).toMatchObject({
      kind: 'refused',
      status: 400,
      field: 'body.screening',
    });
    expect(decidePresent({ ...open, status: 'filled' }, candidate, at, 'lead', SEEDS)).toMatchObject({ kind: 'refused', status: 409 });
  });

  it('keeps the checklist as data, with both languages', () => {
    const list = screeningPrinciplesOf(SEEDS, 'HRS');
    expect(list.map((p) => p.id)).toEqual(expect.arrayContaining(['qualifications', 'availability', 'interest']));
    for (const p of list) expect([p.en.length > 0, p.da.length > 0]).toEqual([true, true]);
    expect(screeningPrinciplesOf(SEEDS, null)).toEqual(list);
  });

  it('records interview, then rejected with a reason; a final outcome does not change', () => {
    const presented = decidePresent(open, candidate, at, 'lead', SEEDS);
    const referrals = presented.kind === 'record' ? presented.referrals : [];
    const order = { status: 'candidates-presented' as const, referrals };
    const interview = decideOutcome(order, '147-c-147-1', { kind: 'interview' }, at, 'lead');
    expect(interview).toMatchObject({ kind: 'record', referrals: [{ outcome: { kind: 'interview', at, by: 'lead' } }] });
    const afterInterview = interview.kind === 'record' ? interview.referrals : [];
    expect(decideOutcome({ ...order, referrals: afterInterview }, '147-c-147-1', { kind: 'interview' }, at, 'lead')).toEqual({
      kind: 'stay',
    });
    expect(decideOutcome({ ...order, referrals: afterInterview }, '147-c-147-1', { kind: 'rejected' }, at, 'lead')).toMatchObject({
      kind: 'refused',
      status: 400,
      field: 'body.reason',
    });
    const rejected = decideOutcome(
      { ...order, referrals: afterInterview },
      '147-c-147-1',
      { kind: 'rejected', reason: 'No forklift licence' },
      at,
      'lead',
    );
    const final = rejected.kind === 'record' ? rejected.referrals : [];
    expect(final[0]?.outcome).toMatchObject({ kind: 'rejected', reason: 'No forklift licence' });
    expect(decideOutcome({ ...order, referrals: final }, '147-c-147-1', { kind: 'interview' }, at, 'lead')).toMatchObject({ status: 409 });
    expect(decideOutcome(order, '147-nobody', { kind: 'interview' }, at, 'lead')).toMatchObject({ status: 409 });
    expect(markHired(referrals, 147, 'c-147-1', at, 'lead')[0]?.outcome).toEqual({ kind: 'hired', at, by: 'lead' });
  });
});
