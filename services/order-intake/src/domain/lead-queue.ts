import { GOAL_IDS, type GoalClock, type ServiceGoals, standing } from './service-goals';

/**
 * The lead consultant's queue (R3, R4): its orders, the most urgent first. Pure: the caller passes
 * the clocks and the instant. A goal is warned from its warning time on, and breached from its due time
 * on, even before the timer has run, so the order moves up the list the moment the lead should act.
 */
export type Urgency = 'breached' | 'warned' | 'running' | 'quiet';

const RANK: Record<Urgency, number> = { breached: 0, warned: 1, running: 2, quiet: 3 };

/** Past its due time a running goal is breached, even before the breach timer has run. */
const isOverdue = (clock: GoalClock, now: Date) =>
  standing(clock) === 'running' && clock.dueAt !== null && Date.parse(clock.dueAt) <= now.getTime();
const isBreached = (clock: GoalClock, now: Date) => standing(clock) === 'breached' || isOverdue(clock, now);
const isRunning = (clock: GoalClock) => standing(clock) === 'running';
const isWarned = (clock: GoalClock, now: Date) =>
  isRunning(clock) && (clock.warnedAt !== undefined || (clock.warnAt !== null && Date.parse(clock.warnAt) <= now.getTime()));

export interface QueueStanding {
  urgency: Urgency;
  /** The earliest due time of a breached or running goal: what the list sorts on within an urgency. */
  nextDueAt: string | null;
}

export function queueStanding(goals: ServiceGoals | undefined, now: Date): QueueStanding {
  if (!goals) return { urgency: 'quiet', nextDueAt: null };
  const clocks = GOAL_IDS.map((g) => goals.goals[g]);
  const urgency: Urgency = clocks.some((c) => isBreached(c, now))
    ? 'breached'
    : clocks.some((c) => isWarned(c, now))
      ? 'warned'
      : clocks.some(isRunning)
        ? 'running'
        : 'quiet';
  const due = clocks
    .filter((c) => (standing(c) === 'breached' || isRunning(c)) && c.dueAt !== null)
    .map((c) => c.dueAt as string)
    .sort((a, b) => Date.parse(a) - Date.parse(b));
  return { urgency, nextDueAt: due[0] ?? null };
}

/** Breached, then warned, then running, then the rest; within each the soonest due first, then the newest order. */
export function byUrgency(
  a: QueueStanding & { registeredAt: string; id: string },
  b: QueueStanding & { registeredAt: string; id: string },
): number {
  const rank = RANK[a.urgency] - RANK[b.urgency];
  if (rank !== 0) return rank;
  const due =
    (a.nextDueAt ? Date.parse(a.nextDueAt) : Number.POSITIVE_INFINITY) - (b.nextDueAt ? Date.parse(b.nextDueAt) : Number.POSITIVE_INFINITY);
  if (due !== 0 && !Number.isNaN(due)) return due;
  return b.registeredAt.localeCompare(a.registeredAt) || b.id.localeCompare(a.id);
}
