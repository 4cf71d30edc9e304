import type { HireFact, OrderState, RoundFact } from './facts';
import { type Period, within } from './period';

/**
 * Escalations (R7): rounds to East Denmark and to the whole country opened in the period on the
 * cooperation's orders (a jobcentre's row: the orders it led), and what they found — whether the
 * orders were then filled, and the hires from jobcentres outside the cooperation.
 */
export interface EscalationFigures {
  eastDenmark: number;
  national: number;
  /** Orders with at least one such round. */
  orders: number;
  /** Jobcentres asked in them. */
  asked: number;
  /** Of those orders, filled or partly filled. */
  filled: number;
  /** Of those orders, closed unfilled. */
  unfilled: number;
  /** Hires on those orders from jobcentres outside the cooperation. */
  hiresFromOutside: number;
  /** filled ÷ (filled + unfilled). */
  fillRate: number | null;
}

export function escalationFigures(
  rounds: readonly RoundFact[],
  hires: readonly HireFact[],
  stateOf: (orderId: string) => OrderState,
  cooperationOfRound: (round: RoundFact) => string | null,
  scope: { cooperation: string; period: Period; members: readonly number[] },
  jobcentre: number | undefined,
): EscalationFigures {
  const escalated = rounds.filter(
    (r) =>
      (r.scope === 'east-denmark' || r.scope === 'national') &&
      within(r.at, scope.period) &&
      cooperationOfRound(r) === scope.cooperation &&
      (jobcentre === undefined || r.leadJobcentre === jobcentre),
  );
  const orders = new Set(escalated.map((r) => r.orderId));
  const states = [...orders].map(stateOf);
  const filled = states.filter((s) => s === 'filled' || s === 'partly-filled').length;
  const unfilled = states.filter((s) => s === 'unfilled').length;
  const members = new Set(scope.members);
  return {
    eastDenmark: escalated.filter((r) => r.scope === 'east-denmark').length,
    national: escalated.filter((r) => r.scope === 'national').length,
    orders: orders.size,
    asked: escalated.reduce((n, r) => n + r.recipients.length, 0),
    filled,
    unfilled,
    hiresFromOutside: hires.filter((h) => orders.has(h.orderId) && !members.has(h.jobcentre)).length,
    fillRate: filled + unfilled === 0 ? null : filled / (filled + unfilled),
  };
}
