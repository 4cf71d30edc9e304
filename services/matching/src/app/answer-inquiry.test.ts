import { candidateInquiryExample } from '@rs/contracts';
import type { StoredAnswer } from '../domain/inquiry-answer';
import { answerInquiry } from './answer-inquiry';
import type { InquiryStore } from './ports';

const inquiry = candidateInquiryExample; // to 101, about c-101-0042, from 185
const answer = { inquiryId: inquiry.inquiryId, candidateRef: inquiry.candidateRef, answer: 'available' as const };

/**
 * The change log's order as the loser of an insert meets it: the winner's change is committed
 * (so this insert loses), and its answer document becomes readable only after `readsUntilVisible`
 * more reads — the window in which ten parallel posts saw three 404s.
 */
function storeWithWinnerInFlight(readsUntilVisible: number, inquiryKept = true): InquiryStore {
  let reads = 0;
  let winner: StoredAnswer | undefined;
  return {
    insert: async () => true,
    find: async () => (inquiryKept ? inquiry : undefined),
    list: async () => [],
    answersOf: async () => new Map(),
    eraseCandidates: async () => 0,
    async insertAnswer(attempt) {
      winner = { ...attempt, messageId: 'winner-message' };
      return false;
    },
    async answerOf() {
      if (!winner) return undefined;
      reads += 1;
      return reads > readsUntilVisible ? winner : undefined;
    },
  };
}

const deps = (inquiries: InquiryStore) => ({ inquiries, now: () => new Date('2026-12-01T11:00:00Z') });

describe('answerInquiry, the loser of the insert', () => {
  it("finds the winner's answer written just after its change, instead of calling the inquiry unknown", async () => {
    const result = await answerInquiry(deps(storeWithWinnerInFlight(3)), { jobcentre: 101, by: 'consultant-101' }, answer, 'm-2');
    expect(result.kind).toBe('duplicate');
  });

  it('calls the inquiry unknown when it is gone (erased in between)', async () => {
    const store = storeWithWinnerInFlight(Number.POSITIVE_INFINITY, false);
    store.find = (() => {
      let calls = 0;
      return async () => (calls++ === 0 ? inquiry : undefined);
    })();
    const result = await answerInquiry(deps(store), { jobcentre: 101, by: 'consultant-101' }, answer, 'm-2');
    expect(result).toEqual({ kind: 'refused', reason: 'unknown-inquiry' });
  });
});
