import { translator } from '../i18n';
import type { BoardRound, OrderView } from './orders-api';
import { boardRows, latestRoundId } from './orders-board';
import { timelineRows } from './orders-timeline';

const round = (recipients: BoardRound['recipients']): BoardRound => ({
  id: 'o-1',
  orderId: 'o',
  leadJobcentre: 185,
  scope: 'cooperation',
  openedAt: '2026-12-01T10:00:00Z',
  deadline: '2026-12-03T10:00:00Z',
  status: 'open',
  recipients,
  summary: { replied: [], overdue: [], pending: [], candidateCount: 0 },
  proposedNextScope: null,
});

describe("the round's board", () => {
  it('has a cell per recipient by code: candidates (how many), none (implied too), pending with its deadline, overdue, late', () => {
    const rows = boardRows(
      round([
        { jobcentre: 167, status: 'overdue' },
        {
          jobcentre: 101,
          status: 'replied',
          answer: 'candidates',
          candidates: [{ candidateRef: 'a' }, { candidateRef: 'b' }],
          repliedAt: '2026-12-01T11:00:00Z',
        },
        { jobcentre: 147, status: 'replied', answer: 'none', late: true, repliedAt: '2026-12-03T11:00:00Z' },
        { jobcentre: 151, status: 'pending' },
        { jobcentre: 153, status: 'replied', answer: 'none', implied: true },
      ]),
      new Date('2026-12-02T10:00:00Z'),
    );
    expect(rows.map((r) => [r.jobcentre, r.state, r.candidates, r.late, r.implied, r.deadline])).toEqual([
      [101, 'candidates', 2, false, false, undefined],
      [147, 'none', 0, true, false, undefined],
      [151, 'pending', 0, false, false, '2026-12-03T10:00:00Z'],
      [153, 'none', 0, false, true, undefined],
      [167, 'overdue', 0, false, false, undefined],
    ]);
  });

  it('shows a pending recipient past the deadline as overdue before the timer has marked it', () => {
    const [row] = boardRows(round([{ jobcentre: 151, status: 'pending' }]), new Date('2026-12-03T10:00:01Z'));
    expect(row?.state).toBe('overdue');
  });
});

describe("the order's timeline", () => {
  it("merges the order's lines and the clocks' by time, in the reader's words, and names an unknown kind as it is", () => {
    const order = {
      timeline: [
        { id: 'o-1', at: '2026-12-01T10:00:00Z', by: 'operator', kind: 'registered', to: 'registered', note: 'channel phone-line' },
        { id: 'o-2', at: '2026-12-01T12:00:00Z', by: 'taarnby', kind: 'status-changed', from: 'registered', to: 'in-dialogue' },
        { id: 'o-3', at: '2026-12-01T13:00:00Z', by: 'x', kind: 'something-new' },
      ],
    } as unknown as OrderView;
    const goals = { goals: [], timeline: [{ at: '2026-12-01T11:00:00Z', by: 'system', type: 'goal-warned', goal: 'dialogue' }] };
    const rows = timelineRows(order, goals, translator('en'), 'en');
    expect(rows.map((r) => [r.by, r.what, r.detail])).toEqual([
      ['operator', 'The order was registered', 'Channel: the shared phone line'],
      ['The platform', 'Service goal warned', 'In dialogue with the company within 1 working day'],
      ['taarnby', 'Status changed', 'Registered → In dialogue'],
      ['x', 'something-new', ''],
    ]);
  });
});

describe("the order's newest round (what the order's board polls)", () => {
  const order = (rounds: OrderView['rounds']) => ({ id: 'o', rounds }) as unknown as OrderView;
  it('is the highest sequence known, so the board follows a widened round; the first before any is known', () => {
    const complete = { roundId: 'o-1', status: 'complete' as const, recipients: [], replied: [] };
    const widened = { roundId: 'o-2', status: 'open' as const, recipients: [], replied: [] };
    expect(latestRoundId(order([complete, widened]))).toBe('o-2');
    expect(latestRoundId(order([widened, complete]))).toBe('o-2');
    expect(latestRoundId(order([]))).toBe('o-1');
  });
});
