import fc from 'fast-check';
import { allocate, nextInLine, type SeatDemand, waitingList } from './allocation';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 9, minute)).toISOString();
const d = (jobcentre: number, seats: number, minute: number): SeatDemand => ({ jobcentre, seats, requestedAt: at(minute) });
const figures = (seats: number, demands: SeatDemand[]) =>
  allocate(seats, demands).shares.map((s) => [s.jobcentre, s.allocated, s.waitlisted] as const);

describe('the allocation rule', () => {
  it('gives everyone what they asked when the requests fit exactly', () => {
    const result = allocate(10, [d(147, 4, 1), d(101, 6, 2)]);
    expect(result.rule).toBe('all-fit');
    expect(result.shares.map((s) => [s.jobcentre, s.allocated, s.waitlisted])).toEqual([
      [101, 6, 0],
      [147, 4, 0],
    ]);
    expect(result.shares[0]?.explanation.en).toContain('you got the 6 you asked for');
    expect(result.shares[0]?.explanation.da).toContain('I fik de 6, I bad om');
  });

  it('when oversubscribed: one seat each first, then proportional by largest remainder', () => {
    // 15 asked for 12: minimum 1 each (3), 9 left over rests 7,3,2 of 12 → 5.25, 2.25, 1.5 → 5,2,1 + the remainder to 151 (0.5).
    expect(figures(12, [d(101, 8, 1), d(147, 4, 2), d(151, 3, 3)])).toEqual([
      [101, 6, 2],
      [147, 3, 1],
      [151, 3, 0],
    ]);
    const share = allocate(12, [d(101, 8, 1), d(147, 4, 2), d(151, 3, 3)]).shares.find((s) => s.jobcentre === 147);
    expect(share?.explanation.en).toBe(
      '15 seats were requested for 12. Each of the 3 requesting jobcentres first got 1 seat; the other 9 were shared in proportion to what was still asked (largest remainder, ties by request time). You asked for 4: 1 + 2 + 0 = 3. You are on the waiting list for 1.',
    );
    expect(share?.explanation.da).toContain('I står på venteliste til 1.');
  });

  it('one seat and many requesters: the earliest request gets it, ties by the lower code', () => {
    expect(figures(1, [d(151, 3, 5), d(147, 1, 2), d(101, 2, 2)])).toEqual([
      [101, 1, 1],
      [147, 0, 1],
      [151, 0, 3],
    ]);
    const late = allocate(1, [d(151, 3, 5), d(147, 1, 2), d(101, 2, 2)]).shares.find((s) => s.jobcentre === 151);
    expect(late?.explanation.en).toContain('yours was number 3');
  });

  it('breaks equal remainders by request time, not by code', () => {
    // 3 seats, two asking 2 each: 1 each, then 1 left over rests 1,1 → 0.5 each: the earlier request wins.
    expect(figures(3, [d(101, 2, 9), d(147, 2, 3)])).toEqual([
      [101, 1, 1],
      [147, 2, 0],
    ]);
    expect(figures(3, [d(101, 2, 3), d(147, 2, 9)])).toEqual([
      [101, 2, 0],
      [147, 1, 1],
    ]);
  });

  it('leaves out requests of no seats and gives a freed seat to the least fulfilled request', () => {
    expect(figures(5, [d(101, 0, 1), d(147, 2, 2)])).toEqual([[147, 2, 0]]);
    const standings = [
      { jobcentre: 101, requested: 8, allocated: 6, requestedAt: at(1) },
      { jobcentre: 147, requested: 4, allocated: 3, requestedAt: at(2) },
      { jobcentre: 151, requested: 3, allocated: 3, requestedAt: at(3) },
    ];
    // 6/8 = 0.75 equals 3/4: the earlier request (101) is first.
    expect(nextInLine(standings)).toBe(101);
    expect(waitingList(standings)).toEqual([101, 147]);
    expect(nextInLine([{ jobcentre: 101, requested: 2, allocated: 2, requestedAt: at(1) }])).toBeUndefined();
  });

  const demandsArb = fc.uniqueArray(fc.integer({ min: 100, max: 999 }), { minLength: 1, maxLength: 30 }).chain((codes) =>
    fc.tuple(
      ...codes.map((code) =>
        fc.record({
          jobcentre: fc.constant(code),
          seats: fc.integer({ min: 0, max: 60 }),
          requestedAt: fc.integer({ min: 0, max: 50 }).map(at),
        }),
      ),
    ),
  );

  it('never gives more seats than exist, nor anyone more than it asked; fills every seat it can', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), demandsArb, (seats, demands) => {
        const { shares } = allocate(seats, demands);
        const given = shares.reduce((s, x) => s + x.allocated, 0);
        const asked = demands.reduce((s, x) => s + x.seats, 0);
        expect(given).toBeLessThanOrEqual(seats);
        expect(given).toBe(Math.min(seats, asked));
        for (const share of shares) {
          expect(share.allocated).toBeLessThanOrEqual(share.requested);
          expect(share.allocated + share.waitlisted).toBe(share.requested);
        }
        // The guaranteed minimum: with enough seats, everyone asking gets at least one.
        if (seats >= shares.length) for (const share of shares) expect(share.allocated).toBeGreaterThanOrEqual(1);
      }),
    );
  });

  it('gives the same result for the same requests in any order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        demandsArb.chain((ds) => fc.tuple(fc.constant(ds), fc.shuffledSubarray(ds, { minLength: ds.length, maxLength: ds.length }))),
        (seats, [demands, shuffled]) => {
          expect(allocate(seats, shuffled)).toEqual(allocate(seats, demands));
        },
      ),
    );
  });
});
