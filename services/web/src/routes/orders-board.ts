import type { BoardRound, OrderView } from './orders-api';

/** One cell of the round's board: what a recipient jobcentre answered, or how long it has left. */
export interface BoardRow {
  jobcentre: number;
  /** The word on the cell's tag; `late` is an extra tag on a reply after the deadline. */
  state: 'candidates' | 'none' | 'pending' | 'overdue';
  candidates: number;
  late: boolean;
  /** "None" taken from silence because the company agreed so (R6), not given by the jobcentre. */
  implied: boolean;
  repliedAt?: string;
  /** Pending: the deadline, for the time left; past it and not yet marked overdue by the timer, shown as overdue. */
  deadline?: string;
}

/** The board's rows, by jobcentre code: each cell stays where it is while the answers come in. */
export function boardRows(round: BoardRound, now: Date): BoardRow[] {
  const passed = Date.parse(round.deadline) <= now.getTime();
  return round.recipients
    .map((r): BoardRow => {
      const state: BoardRow['state'] =
        r.status === 'replied'
          ? r.answer === 'candidates'
            ? 'candidates'
            : 'none'
          : r.status === 'overdue' || passed
            ? 'overdue'
            : 'pending';
      return {
        jobcentre: r.jobcentre,
        state,
        candidates: r.candidates?.length ?? 0,
        late: r.late === true,
        implied: r.implied === true,
        ...(r.repliedAt ? { repliedAt: r.repliedAt } : {}),
        ...(state === 'pending' ? { deadline: round.deadline } : {}),
      };
    })
    .sort((a, b) => a.jobcentre - b.jobcentre);
}

/**
 * The newest round of an order: the highest sequence order-intake knows, else the first one —
 * order-intake hears of a round from broadcast's events, so just after it opened only broadcast
 * knows it (the board asks broadcast, which answers 404 while there is none).
 */
export function latestRoundId(order: OrderView): string {
  const seq = (id: string) => Number(id.slice(id.lastIndexOf('-') + 1)) || 0;
  const known = [...order.rounds].sort((a, b) => seq(b.roundId) - seq(a.roundId))[0]?.roundId;
  return known ?? `${order.id}-1`;
}
