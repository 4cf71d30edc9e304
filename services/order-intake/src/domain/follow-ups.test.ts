import { copenhagenDate, decideOutcome, mayReadFollowUps, mayRecordOutcome, planFollowUps } from './follow-ups';

const hire = { orderId: 'o-1', cooperation: 'HRS', jobcentre: 147, candidateRef: 'c-147-1', startDate: '2027-01-04', weeklyHours: 37 };

describe('onboarding follow-ups (R10)', () => {
  it('plans one follow-up per configured week after the start date, with an id per hire and week', () => {
    const planned = planFollowUps(hire, [13, 4, 4]);
    expect(planned.map((f) => [f.id, f.weeksAfterStart, f.dueOn])).toEqual([
      ['o-1-147-c-147-1-w4', 4, '2027-02-01'],
      ['o-1-147-c-147-1-w13', 13, '2027-04-05'],
    ]);
  });

  it('records the outcome once; the same answer again is unchanged, another is a conflict; not before the start', () => {
    const [f] = planFollowUps(hire, [4]);
    const first = decideOutcome(f!, { status: 'left', reason: 'flyttet' }, '2027-02-01', '2027-02-01T10:00:00.000Z', 'onb-hrs');
    expect(first).toMatchObject({ kind: 'record', followUp: { outcome: { status: 'left', reason: 'flyttet', recordedBy: 'onb-hrs' } } });
    const done = (first as { followUp: typeof f }).followUp!;
    expect(decideOutcome(done, { status: 'left', reason: 'flyttet' }, '2027-02-02', 'x', 'onb-hrs').kind).toBe('unchanged');
    expect(decideOutcome(done, { status: 'still-employed' }, '2027-02-02', 'x', 'onb-hrs')).toMatchObject({ kind: 'refused', status: 409 });
    expect(decideOutcome(f!, { status: 'still-employed' }, '2027-01-03', 'x', 'onb-hrs')).toMatchObject({ kind: 'refused', status: 409 });
  });

  it("only the cooperation's onboarding consultant records; its secretariat reads; others neither", () => {
    expect(mayRecordOutcome({ role: 'onboarding', cooperation: 'HRS' }, 'HRS')).toBe(true);
    expect(mayRecordOutcome({ role: 'onboarding', cooperation: 'JRS' }, 'HRS')).toBe(false);
    expect(mayRecordOutcome({ role: 'secretariat', cooperation: 'HRS' }, 'HRS')).toBe(false);
    expect(mayReadFollowUps({ role: 'secretariat', cooperation: 'HRS' }, 'HRS')).toBe(true);
    expect(mayReadFollowUps({ role: 'jobcentre', jobcentre: 147 }, 'HRS')).toBe(false);
  });

  it('"today" is the Copenhagen day', () => {
    expect(copenhagenDate(new Date('2026-12-31T23:30:00.000Z'))).toBe('2027-01-01');
    expect(copenhagenDate(new Date('2026-07-01T21:59:00.000Z'))).toBe('2026-07-01');
  });
});
