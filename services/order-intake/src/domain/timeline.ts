import type { OrderState } from '@rs/contracts';

/**
 * One line of the order's timeline: who did what when. The kinds are open to the service-goal
 * clocks (warnings and breaches are timeline lines too), so a reader shows what it does not know
 * by its `kind` and `note`.
 */
export interface TimelineEntry {
  /** `<orderId>-<n>`, n counting from 1: unique per order, the id events carry (entryId). */
  id: string;
  at: string;
  /** The person (token subject) or `system`. */
  by: string;
  kind: string;
  from?: OrderState;
  to?: OrderState;
  reason?: string;
  /** An admin's override of a rule (R7), with its reason. */
  override?: boolean;
  /** What else a reader should know (a candidate reference, the new lead, the changed fields). */
  note?: string;
}

export type TimelineLine = Omit<TimelineEntry, 'id' | 'at' | 'by'>;

/** Appends lines at `at` by `by`, numbering them after the last one. */
export function appendTimeline(
  orderId: string,
  timeline: readonly TimelineEntry[],
  at: string,
  by: string,
  lines: readonly TimelineLine[],
): TimelineEntry[] {
  const added = lines.map((line, i) => ({ id: `${orderId}-${timeline.length + i + 1}`, at, by, ...line }));
  return [...timeline, ...added];
}
