import { ApiError } from '../api';
import { parseReply } from './operator-replies';
import { BoardRound, LeadQueue, openRound } from './orders-api';

const board = {
  id: 'o-1',
  orderId: 'o',
  leadJobcentre: 185,
  scope: 'cooperation',
  order: { title: 'Lagerarbejder' },
  openedAt: '2026-12-01T10:00:00Z',
  deadline: '2026-12-03T10:00:00Z',
  status: 'open',
  recipients: [{ jobcentre: 101, status: 'pending' }],
  summary: { replied: [], overdue: [], pending: [101], candidateCount: 0 },
  proposedNextScope: null,
};

describe("the lead's pages' replies", () => {
  it('are read as the API gives them, fields the pages do not use kept', () => {
    const round = parseReply(BoardRound, board);
    expect(round.recipients[0]?.status).toBe('pending');
    expect((round as Record<string, unknown>).order).toEqual({ title: 'Lagerarbejder' });
  });

  it('refuse a reply that does not fit with a 502 naming what is wrong, instead of "undefined" on the page', () => {
    const broken = { ...board, recipients: [{ jobcentre: '101', status: 'asleep' }] };
    expect(() => parseReply(BoardRound, broken)).toThrow(ApiError);
    try {
      parseReply(BoardRound, broken);
    } catch (error) {
      expect((error as ApiError).status).toBe(502);
      expect(JSON.stringify((error as ApiError).body)).toContain('recipients');
    }
    expect(() => parseReply(LeadQueue, { jobcentre: 185, orders: [{ order: {} }], truncated: false })).toThrow(ApiError);
  });

  it("finds an order's open round for 'my orders': the newest still open, else none", () => {
    const r = (roundId: string, status: 'open' | 'complete') => ({ roundId, status, recipients: [1, 2], replied: [1] });
    expect(openRound({ rounds: [r('a', 'complete'), r('b', 'open')] })?.roundId).toBe('b');
    expect(openRound({ rounds: [r('a', 'complete')] })).toBeUndefined();
  });
});
