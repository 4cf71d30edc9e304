import { applyRoundEvent, everyJobcentreSearched, type RoundEventView, type RoundProgress } from './order';

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
