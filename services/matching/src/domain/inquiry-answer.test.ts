import { candidateInquiryExample } from '@rs/contracts';
import { decideAnswer, type StoredAnswer } from './inquiry-answer';

const inquiry = candidateInquiryExample; // to 101, about c-101-0042, from 185
const at = new Date('2026-12-01T11:00:00Z');
const attempt = (over: Partial<Parameters<typeof decideAnswer>[2]> = {}) => ({
  sender: 101,
  by: 'connector',
  answer: { inquiryId: inquiry.inquiryId, candidateRef: inquiry.candidateRef, answer: 'available' as const },
  messageId: 'm-1',
  at,
  ...over,
});

describe('decideAnswer', () => {
  it('records the first answer of the home jobcentre, addressed to the asker', () => {
    const decision = decideAnswer(inquiry, undefined, attempt());
    expect(decision).toEqual({
      kind: 'record',
      answer: expect.objectContaining({
        toJobcentre: 101,
        fromJobcentre: 185,
        answer: 'available',
        messageId: 'm-1',
        answeredAt: at.toISOString(),
      }),
    });
  });

  it('refuses an unknown inquiry, another jobcentre, and another candidate', () => {
    expect(decideAnswer(undefined, undefined, attempt())).toEqual({ kind: 'refused', reason: 'unknown-inquiry' });
    expect(decideAnswer(inquiry, undefined, attempt({ sender: 185 }))).toEqual({ kind: 'refused', reason: 'not-asked' });
    const other = attempt();
    other.answer = { ...other.answer, candidateRef: 'c-101-9999' };
    expect(decideAnswer(inquiry, undefined, other)).toEqual({ kind: 'refused', reason: 'wrong-candidate' });
  });

  it('counts the same answer again once, by id or by content, and refuses a different one', () => {
    const recorded = (decideAnswer(inquiry, undefined, attempt()) as { answer: StoredAnswer }).answer;
    expect(decideAnswer(inquiry, recorded, attempt()).kind).toBe('duplicate');
    expect(decideAnswer(inquiry, recorded, attempt({ messageId: 'm-2' })).kind).toBe('duplicate');
    const changed = attempt({ messageId: 'm-3' });
    changed.answer = { ...changed.answer, answer: 'not-available' } as never;
    expect(decideAnswer(inquiry, recorded, changed)).toEqual({ kind: 'refused', reason: 'already-answered' });
    const noted = attempt({ messageId: 'm-4' });
    noted.answer = { ...noted.answer, note: 'ring efter 10' } as never;
    expect(decideAnswer(inquiry, recorded, noted)).toEqual({ kind: 'refused', reason: 'already-answered' });
  });
});
