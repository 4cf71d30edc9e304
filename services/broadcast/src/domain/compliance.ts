import type { Round } from './round';

/** R11: how one jobcentre answered the rounds it received in a period. */
export interface ComplianceRow {
  jobcentre: number;
  received: number;
  repliedInTime: number;
  late: number;
  /** Let the deadline pass and never replied. */
  never: number;
  /** Still inside the window of an open round. */
  pending: number;
  /** Median minutes from the round opening to the first reply; null without replies. */
  medianReplyMinutes: number | null;
}

export function compliance(rounds: Round[], include: (jobcentre: number) => boolean = () => true): ComplianceRow[] {
  const rows = new Map<number, ComplianceRow & { minutes: number[] }>();
  for (const round of rounds) {
    for (const r of round.recipients) {
      // An implied "none" (silence means none, R6) was no reply: the jobcentre was not asked for
      // one, so it counts neither for nor against its reply compliance, nor in the reply time.
      if (!include(r.jobcentre) || r.implied) continue;
      const row = rows.get(r.jobcentre) ?? {
        jobcentre: r.jobcentre,
        received: 0,
        repliedInTime: 0,
        late: 0,
        never: 0,
        pending: 0,
        medianReplyMinutes: null,
        minutes: [],
      };
      row.received++;
      if (r.status === 'replied') {
        if (r.late) row.late++;
        else row.repliedInTime++;
        if (r.repliedAt) row.minutes.push((Date.parse(r.repliedAt) - Date.parse(round.openedAt)) / 60_000);
      } else if (r.status === 'overdue') row.never++;
      // Pending in a closed round: withdrawn before the deadline, so neither late nor never.
      else if (round.status !== 'closed') row.pending++;
      rows.set(r.jobcentre, row);
    }
  }
  return [...rows.values()]
    .sort((a, b) => a.jobcentre - b.jobcentre)
    .map(({ minutes, ...row }) => ({ ...row, medianReplyMinutes: median(minutes) }));
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}
