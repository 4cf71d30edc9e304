import type { LeadQueue } from './orders-api';
import { workToday } from './work-today';

const round = (id: string, deadline: string, status: string) => ({ id, deadline, own: { status } });
const order = (urgency: LeadQueue['orders'][number]['urgency']) => ({ urgency }) as LeadQueue['orders'][number];

describe("a jobcentre consultant's work today", () => {
  it('counts the rounds still to answer with the earliest deadline, and the led orders by their clocks', () => {
    const inbox = {
      rounds: [
        round('b', '2026-12-03T09:00:00Z', 'pending'),
        round('a', '2026-12-02T15:00:00Z', 'pending'),
        round('c', '2026-12-01T08:00:00Z', 'replied'),
      ],
    };
    const queue = { jobcentre: 185, truncated: false, orders: [order('breached'), order('warned'), order('warned'), order('quiet')] };
    expect(workToday(inbox, queue)).toEqual({
      toAnswer: { count: 2, nextDeadline: '2026-12-02T15:00:00Z' },
      leading: { count: 4, breached: 1, warned: 2 },
    });
  });

  it('leaves out a part whose service did not answer, and has no deadline with nothing to answer', () => {
    expect(workToday({ rounds: [round('c', '2026-12-01T08:00:00Z', 'replied')] }, undefined)).toEqual({
      toAnswer: { count: 0, nextDeadline: undefined },
    });
    expect(workToday(undefined, undefined)).toEqual({});
  });
});
