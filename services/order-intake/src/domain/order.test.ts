import { applyRoundEvent, closingRefusal, decideHire, everyJobcentreSearched, type RoundEventView, type RoundProgress } from './order';

const opened: RoundEventView = { type: 'opened', roundId: 'r1', scope: 'cooperation', recipients: [147, 151] };
const reply147: RoundEventView = { type: 'reply-recorded', roundId: 'r1', recipient: 147, candidateCount: 2 };
const overdue151: RoundEventView = { type: 'recipient-overdue', roundId: 'r1', recipient: 151 };
const completed: RoundEventView = {
  type: 'completed',
  roundId: 'r1',
  replied: [147],
  overdue: [151],
  candidateCount: 2,
  proposedNextScope: null,
};

const fold = (events: RoundEventView[]) => events.reduce<RoundProgress[]>(applyRoundEvent, []);

describe('order view of broadcast rounds', () => {
  it('gives the same result whatever order the events arrive in', () => {
    const a = fold([opened, reply147, overdue151, completed]);
    const b = fold([completed, overdue151, reply147, opened]);
    expect(b).toEqual(a);
    expect(a[0]).toMatchObject({ status: 'complete', replied: [147], overdue: [151], candidateCount: 2 });
  });

  it('counts a duplicated reply once', () => {
    expect(fold([opened, reply147, reply147])[0]?.candidateCount).toBe(2);
  });

  it('moves a late replier from overdue to replied', () => {
    const late: RoundEventView = { type: 'reply-recorded', roundId: 'r1', recipient: 151, candidateCount: 0 };
    expect(fold([opened, overdue151, late])[0]).toMatchObject({ replied: [151], overdue: [] });
  });

  it('allows closing as unfilled only when every recipient replied (R7)', () => {
    expect(everyJobcentreSearched(fold([opened, reply147, overdue151, completed]))).toBe(false);
    const all: RoundEventView = {
      type: 'completed',
      roundId: 'r1',
      replied: [147, 151],
      overdue: [],
      candidateCount: 2,
      proposedNextScope: null,
    };
    expect(everyJobcentreSearched(fold([opened, all]))).toBe(true);
  });
});

describe('closing an order', () => {
  it('refuses "unfilled" until every jobcentre replied, and any second close', () => {
    const partly = fold([opened, reply147, overdue151, completed]);
    expect(closingRefusal('registered', 'unfilled', partly)).toMatch(/R7/);
    expect(closingRefusal('registered', 'filled', partly)).toBeUndefined();
    const all: RoundEventView = {
      type: 'completed',
      roundId: 'r1',
      replied: [147, 151],
      overdue: [],
      candidateCount: 0,
      proposedNextScope: 'east-denmark',
    };
    expect(closingRefusal('registered', 'unfilled', fold([opened, all]))).toBeUndefined();
    expect(closingRefusal('filled', 'cancelled', partly)).toMatch(/already filled/);
  });
});

describe('hires (placements)', () => {
  const hire = { jobcentre: 147, candidateRef: 'k1', hiredAt: '2026-12-01T10:00:00Z' };
  it('records a hire on an open order, up to its positions; the same candidate twice is one hire', () => {
    expect(decideHire('registered', 2, [], hire)).toEqual({ kind: 'record' });
    expect(decideHire('registered', 2, [hire], hire)).toEqual({ kind: 'already-recorded' });
    expect(decideHire('registered', 2, [hire], { jobcentre: 151, candidateRef: 'k1' })).toEqual({ kind: 'record' });
    expect(decideHire('registered', 1, [hire], { jobcentre: 151, candidateRef: 'k1' })).toMatchObject({
      kind: 'refused',
      reason: expect.stringContaining('all 1 positions are filled'),
    });
  });
  it('refuses on a closed order', () => {
    expect(decideHire('cancelled', 2, [], hire)).toMatchObject({ kind: 'refused', reason: expect.stringContaining('already cancelled') });
  });
});
