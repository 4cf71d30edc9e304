import { decideHire, FULL_TIME_WEEKLY_HOURS, HIRE_IN_PROGRESS, hireSlotOf, slotHolder } from './hires';

describe('hires (placements)', () => {
  const hire = { jobcentre: 147, candidateRef: 'k1', hiredAt: '2026-12-01T10:00:00Z', startDate: '2027-01-04', weeklyHours: 37 };
  const again = { jobcentre: 147, candidateRef: 'k1', startDate: '2027-01-04', weeklyHours: 37 };
  it('records a hire on an open order, up to its positions; the same hire twice is one hire', () => {
    expect(decideHire('searching', 2, [], again)).toEqual({ kind: 'record' });
    expect(decideHire('searching', 2, [hire], again)).toEqual({ kind: 'already-recorded' });
    expect(decideHire('searching', 2, [hire], { ...again, jobcentre: 151 })).toEqual({ kind: 'record' });
    expect(decideHire('searching', 1, [hire], { ...again, jobcentre: 151 })).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('all 1 positions are filled'),
    });
  });
  it('refuses the same candidate for a second position of the order (other start or hours)', () => {
    expect(decideHire('searching', 2, [hire], { ...again, startDate: '2027-02-01' })).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('hired for this order already'),
    });
  });
  it('refuses on a closed order', () => {
    for (const closed of ['filled', 'partly-filled', 'closed-unfilled', 'cancelled'] as const) {
      expect(decideHire(closed, 2, [], again)).toMatchObject({ kind: 'refused', reason: expect.stringContaining(`already ${closed}`) });
    }
  });
  it('refuses a candidate holding an overlapping position elsewhere, unless both part-time positions fit in a full week', () => {
    const fullTime = [{ orderId: 'o2', startDate: '2026-11-01', weeklyHours: 37 }];
    expect(decideHire('searching', 2, [], again, fullTime)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('o2') });
    const partTime = [{ orderId: 'o2', startDate: '2026-11-01', weeklyHours: 15 }];
    expect(decideHire('searching', 2, [], { ...again, weeklyHours: 20 }, partTime)).toEqual({ kind: 'record' });
    expect(decideHire('searching', 2, [], { ...again, weeklyHours: 25 }, partTime)).toMatchObject({ kind: 'refused' });
    // A hire recorded before issue 15 has no hours: it counts as full-time.
    expect(decideHire('searching', 2, [], { ...again, weeklyHours: 1 }, [{ orderId: 'o3' }])).toMatchObject({ kind: 'refused' });
    expect(FULL_TIME_WEEKLY_HOURS).toBe(37);
  });
});

describe('hire slots (two orders hiring one candidate at once)', () => {
  const now = new Date('2026-12-01T12:00:00.000Z');
  it('names the n-th hire of a candidate, so parallel hires claim the same key', () => {
    expect(hireSlotOf(151, 'c-7', 1)).toBe('151/c-7/1');
  });
  it('tells a recorded hire, a left-over claim and one being recorded apart', () => {
    const recorded = [{ orderId: 'a', weeklyHours: 15 }];
    expect(slotHolder({ orderId: 'a', claimedAt: now.toISOString() }, recorded, now)).toBe('settled');
    expect(slotHolder({ orderId: 'b', claimedAt: '2026-12-01T11:58:59.000Z' }, recorded, now)).toBe('stale');
    expect(slotHolder({ orderId: 'b', claimedAt: '2026-12-01T11:59:30.000Z' }, recorded, now)).toBe('in-progress');
  });
  it('refuses in both languages without naming the other order', () => {
    expect(HIRE_IN_PROGRESS('c-7')).toMatch(/another order .* \/ .*en anden ordre/);
  });
});
