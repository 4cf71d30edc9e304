import type { OrderState, ServiceGoalAlertKind, ServiceGoalId } from '@rs/contracts';

/**
 * The service-goal clocks of one order (R3, R4), as pure data and a decider. Each goal falls due
 * a number of working days after the order's registration; the lead is warned a configured time
 * before, and the breach is recorded when it falls due unmet. The event that meets a goal stops
 * its clock. Every warning, breach, meeting and stop happens at most once: the decider records
 * it in the state and never again, and the store elects one writer per version (a unique-key
 * insert), so a timer that runs twice, or two replicas at once, record it once.
 */

export const GOAL_IDS = ['dialogue', 'candidates'] as const satisfies readonly ServiceGoalId[];

/** R3: in dialogue within 1 working day; R4: candidates (or an agreed alternative) within 3. */
export const GOAL_WORKING_DAYS: Readonly<Record<ServiceGoalId, number>> = { dialogue: 1, candidates: 3 };

/** What meets a goal: a state of the order's lifecycle, or (R4) an agreed alternative. */
export type GoalMetBy = OrderState | 'agreed-alternative';

export interface GoalClock {
  goal: ServiceGoalId;
  workingDays: number;
  /** Null while the registration is not known yet (an order's later event came first). */
  dueAt: string | null;
  warnAt: string | null;
  metAt?: string;
  metBy?: GoalMetBy;
  /** The order was cancelled before the goal was met: the clock stopped, neither met nor breached. */
  stoppedAt?: string;
  /** The order closed (filled, partly filled, closed unfilled) before the goal was met: it ended breached. */
  closedAt?: string;
  warnedAt?: string;
  breachedAt?: string;
}

export type TimelineType = 'goal-started' | 'goal-warned' | 'goal-breached' | 'goal-met' | 'goal-stopped' | 'alternative-agreed';

/** An entry of the order's timeline about its service goals. Its id is unique per order: each happens once. */
export interface GoalTimelineEntry {
  id: string;
  type: TimelineType;
  goal: ServiceGoalId;
  at: string;
  /** The person (token subject) or `system`. */
  by: string;
  note?: string;
}

export interface AgreedAlternative {
  description: string;
  agreedWith?: string;
  recordedAt: string;
  recordedBy: string;
}

export interface ServiceGoals {
  orderId: string;
  leadJobcentre: number;
  cooperation: string | null;
  /** Null until order.registered arrives (a status change may come first). */
  registeredAt: string | null;
  goals: Record<ServiceGoalId, GoalClock>;
  alternative?: AgreedAlternative;
  timeline: GoalTimelineEntry[];
}

/** How due dates are counted: injected, so tests (and a clock-unit override) can shorten the windows. */
export interface GoalSchedule {
  /** The instant `workingDays` working days after `start` (Danish working days, Europe/Copenhagen). */
  dueAfter(start: Date, workingDays: number): Date;
  /** How long before a goal falls due the lead is warned, in ms. */
  warnBeforeMs: number;
}

export type GoalsCommand =
  | { type: 'Register'; orderId: string; leadJobcentre: number; cooperation: string | null; registeredAt: string }
  | { type: 'StatusChanged'; orderId: string; leadJobcentre: number; cooperation: string | null; to: OrderState; at: string; by: string }
  | { type: 'AgreeAlternative'; description: string; agreedWith?: string; at: string; by: string }
  | { type: 'TimerDue'; goal: ServiceGoalId; kind: ServiceGoalAlertKind; now: string };

/** A warning or breach to tell the lead and the platform about. */
export interface GoalAlert {
  goal: ServiceGoalId;
  kind: ServiceGoalAlertKind;
  dueAt: string;
  at: string;
}

export type GoalsDecision =
  | { kind: 'write'; state: ServiceGoals; alerts: GoalAlert[] }
  | { kind: 'unchanged' }
  /** A timer ran before its time (clock skew): retry it, never drop it. */
  | { kind: 'early' }
  | { kind: 'refused'; status: 404 | 409; reason: string };

/**
 * States that show the lead has been in dialogue with the company (R3): in dialogue, searching,
 * candidates presented. A closing state (filled, partly filled, closed unfilled) shows nothing of
 * the kind by itself: an order closed before its goal was met ends that goal unmet (breached), so
 * the steering figure counts only what the jobcentre did in time (docs/service-goals.md).
 */
const MEETS_DIALOGUE: readonly OrderState[] = ['in-dialogue', 'searching', 'candidates-presented'];
/** R4: candidates presented (or an agreed alternative, a command of its own). */
const MEETS_CANDIDATES: readonly OrderState[] = ['candidates-presented'];
/** The order ended: a goal not met by then can no longer be met. */
const CLOSING: readonly OrderState[] = ['filled', 'partly-filled', 'closed-unfilled'];

export function goalsMetBy(state: OrderState): ServiceGoalId[] {
  return GOAL_IDS.filter((g) => (g === 'dialogue' ? MEETS_DIALOGUE : MEETS_CANDIDATES).includes(state));
}

/**
 * A clock whose due time passed before `at` with no breach recorded (the breach timer was late or
 * lost: worker down, Redis lost) gets its breach now, dated at the due time, once. Mutates the
 * working copies of one decision.
 */
function catchUpBreach(
  goals: Record<ServiceGoalId, GoalClock>,
  timeline: GoalTimelineEntry[],
  alerts: GoalAlert[],
  goal: ServiceGoalId,
  at: string,
): void {
  const clock = goals[goal];
  if (clock.dueAt === null || clock.breachedAt !== undefined || clock.stoppedAt !== undefined) return;
  if (Date.parse(at) <= Date.parse(clock.dueAt)) return;
  goals[goal] = { ...clock, breachedAt: clock.dueAt };
  timeline.push(entry('goal-breached', goal, clock.dueAt, 'system', `due ${clock.dueAt}`));
  alerts.push({ goal, kind: 'breach', dueAt: clock.dueAt, at: clock.dueAt });
}

const running = (c: GoalClock) => c.dueAt !== null && c.metAt === undefined && c.stoppedAt === undefined && c.closedAt === undefined;

function emptyClock(goal: ServiceGoalId): GoalClock {
  return { goal, workingDays: GOAL_WORKING_DAYS[goal], dueAt: null, warnAt: null };
}

/** The clocks of an order nothing is known of yet. */
export function newServiceGoals(orderId: string, leadJobcentre: number, cooperation: string | null): ServiceGoals {
  return {
    orderId,
    leadJobcentre,
    cooperation,
    registeredAt: null,
    goals: { dialogue: emptyClock('dialogue'), candidates: emptyClock('candidates') },
    timeline: [],
  };
}

const entry = (type: TimelineType, goal: ServiceGoalId, at: string, by: string, note?: string): GoalTimelineEntry => ({
  id: `${goal}-${type}`,
  type,
  goal,
  at,
  by,
  ...(note !== undefined ? { note } : {}),
});

/**
 * Decides what a command does to an order's clocks. `state` undefined: no clocks yet (the
 * command creates them, except an agreed alternative or a timer, which then find nothing).
 */
export function decideGoals(state: ServiceGoals | undefined, command: GoalsCommand, schedule: GoalSchedule): GoalsDecision {
  switch (command.type) {
    case 'Register': {
      const current = state ?? newServiceGoals(command.orderId, command.leadJobcentre, command.cooperation);
      if (current.registeredAt !== null) return { kind: 'unchanged' };
      const registered = new Date(command.registeredAt);
      const timeline = [...current.timeline];
      const goals = { ...current.goals };
      const alerts: GoalAlert[] = [];
      for (const goal of GOAL_IDS) {
        const clock = goals[goal];
        const due = schedule.dueAfter(registered, clock.workingDays);
        // A lead time longer than the window warns at once (at registration), never before it.
        const warn = new Date(Math.max(registered.getTime(), due.getTime() - schedule.warnBeforeMs));
        // A closed-unmet clock seen before its registration was breached when it closed, at its due time at the latest.
        const closedBreach =
          clock.closedAt !== undefined && clock.breachedAt !== undefined && Date.parse(clock.breachedAt) > due.getTime()
            ? { breachedAt: due.toISOString() }
            : {};
        goals[goal] = { ...clock, dueAt: due.toISOString(), warnAt: warn.toISOString(), ...closedBreach };
        timeline.push(entry('goal-started', goal, command.registeredAt, 'system', `due ${due.toISOString()}`));
        // Met (seen before the registration) after its due time: the breach was never given.
        const met = goals[goal].metAt;
        if (met !== undefined) catchUpBreach(goals, timeline, alerts, goal, met);
      }
      // Met or stopped before the registration arrived: those entries are already on the timeline.
      return {
        kind: 'write',
        state: {
          ...current,
          // The status events name the current lead (a handover); the registration names the first.
          ...(state ? {} : { leadJobcentre: command.leadJobcentre, cooperation: command.cooperation }),
          registeredAt: command.registeredAt,
          goals,
          timeline: sortTimeline(timeline),
        },
        alerts,
      };
    }
    case 'StatusChanged': {
      const current = state ?? newServiceGoals(command.orderId, command.leadJobcentre, command.cooperation);
      const goals = { ...current.goals };
      const timeline = [...current.timeline];
      const alerts: GoalAlert[] = [];
      let changed = !state || current.leadJobcentre !== command.leadJobcentre || current.cooperation !== command.cooperation;
      const untouched = (c: GoalClock) => c.metAt === undefined && c.stoppedAt === undefined && c.closedAt === undefined;
      const meets = goalsMetBy(command.to);
      for (const goal of GOAL_IDS) {
        if (!untouched(goals[goal])) continue;
        const isMet = meets.includes(goal);
        const closes = CLOSING.includes(command.to);
        if (command.to !== 'cancelled' && !isMet && !closes) continue;
        // Whatever ends the clock, a due time that passed unmet is a breach first (a late or lost timer).
        catchUpBreach(goals, timeline, alerts, goal, command.at);
        const clock = goals[goal];
        if (command.to === 'cancelled') {
          goals[goal] = { ...clock, stoppedAt: command.at };
          timeline.push(entry('goal-stopped', goal, command.at, command.by, 'order cancelled'));
        } else if (isMet) {
          goals[goal] = { ...clock, metAt: command.at, metBy: command.to };
          timeline.push(entry('goal-met', goal, command.at, command.by, command.to));
        } else if (clock.breachedAt !== undefined) {
          goals[goal] = { ...clock, closedAt: command.at };
        } else {
          // Closed before the due time without meeting the goal: it can no longer be met, so it ends breached now.
          goals[goal] = { ...clock, closedAt: command.at, breachedAt: command.at };
          timeline.push(entry('goal-breached', goal, command.at, command.by, `order ${command.to} before the goal was met`));
          if (clock.dueAt !== null) alerts.push({ goal, kind: 'breach', dueAt: clock.dueAt, at: command.at });
        }
        changed = true;
      }
      if (!changed) return { kind: 'unchanged' };
      return {
        kind: 'write',
        state: {
          ...current,
          leadJobcentre: command.leadJobcentre,
          cooperation: command.cooperation,
          goals,
          timeline: sortTimeline(timeline),
        },
        alerts,
      };
    }
    case 'AgreeAlternative': {
      if (!state || state.registeredAt === null) return { kind: 'refused', status: 404, reason: 'Order not found / Ordren findes ikke' };
      const clock = state.goals.candidates;
      if (state.alternative) {
        if (state.alternative.description === command.description) return { kind: 'unchanged' };
        return {
          kind: 'refused',
          status: 409,
          reason: 'an agreed alternative is already recorded / et aftalt alternativ er allerede registreret',
        };
      }
      if (clock.stoppedAt !== undefined) {
        return { kind: 'refused', status: 409, reason: 'the order is cancelled / ordren er annulleret' };
      }
      if (clock.closedAt !== undefined) {
        return { kind: 'refused', status: 409, reason: 'the order is closed / ordren er lukket' };
      }
      if (clock.metAt !== undefined) {
        return {
          kind: 'refused',
          status: 409,
          reason: `the goal was met already (${clock.metBy}) / målet er allerede nået (${clock.metBy})`,
        };
      }
      const goals = { ...state.goals };
      const timeline = [...state.timeline];
      const alerts: GoalAlert[] = [];
      catchUpBreach(goals, timeline, alerts, 'candidates', command.at);
      const alternative: AgreedAlternative = {
        description: command.description,
        ...(command.agreedWith !== undefined ? { agreedWith: command.agreedWith } : {}),
        recordedAt: command.at,
        recordedBy: command.by,
      };
      return {
        kind: 'write',
        state: {
          ...state,
          alternative,
          goals: { ...goals, candidates: { ...goals.candidates, metAt: command.at, metBy: 'agreed-alternative' } },
          timeline: sortTimeline([
            ...timeline,
            entry('alternative-agreed', 'candidates', command.at, command.by, command.description),
            entry('goal-met', 'candidates', command.at, command.by, 'agreed-alternative'),
          ]),
        },
        alerts,
      };
    }
    case 'TimerDue': {
      if (!state) return { kind: 'unchanged' };
      const clock = state.goals[command.goal];
      if (!running(clock) || clock.dueAt === null || clock.warnAt === null) return { kind: 'unchanged' };
      const now = Date.parse(command.now);
      if (command.kind === 'warning') {
        // After the breach a warning says nothing new.
        if (clock.warnedAt !== undefined || clock.breachedAt !== undefined) return { kind: 'unchanged' };
        if (now < Date.parse(clock.warnAt)) return { kind: 'early' };
      } else {
        if (clock.breachedAt !== undefined) return { kind: 'unchanged' };
        if (now < Date.parse(clock.dueAt)) return { kind: 'early' };
      }
      const warned = command.kind === 'warning';
      const next: GoalClock = warned ? { ...clock, warnedAt: command.now } : { ...clock, breachedAt: command.now };
      return {
        kind: 'write',
        state: {
          ...state,
          goals: { ...state.goals, [command.goal]: next },
          timeline: sortTimeline([
            ...state.timeline,
            entry(warned ? 'goal-warned' : 'goal-breached', command.goal, command.now, 'system', `due ${clock.dueAt}`),
          ]),
        },
        alerts: [{ goal: command.goal, kind: command.kind, dueAt: clock.dueAt, at: command.now }],
      };
    }
    default: {
      const unhandled: never = command;
      throw new Error(`unhandled ${JSON.stringify(unhandled)}`);
    }
  }
}

/** By instant (parsed: an ISO string with an offset does not sort as text), then by id. */
const sortTimeline = (entries: GoalTimelineEntry[]) =>
  [...entries].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/** A timer a running clock needs: the warning (unless given or past the breach) and the breach. */
export interface GoalTimer {
  goal: ServiceGoalId;
  kind: ServiceGoalAlertKind;
  runAt: string;
}

export function pendingTimers(state: ServiceGoals): GoalTimer[] {
  const timers: GoalTimer[] = [];
  for (const goal of GOAL_IDS) {
    const clock = state.goals[goal];
    if (!running(clock) || clock.dueAt === null || clock.warnAt === null || clock.breachedAt !== undefined) continue;
    if (clock.warnedAt === undefined) timers.push({ goal, kind: 'warning', runAt: clock.warnAt });
    timers.push({ goal, kind: 'breach', runAt: clock.dueAt });
  }
  return timers;
}

/** How a goal stands, for people and for list filters. */
export type GoalStanding = 'waiting' | 'running' | 'met' | 'met-late' | 'breached' | 'stopped';

export function standing(clock: GoalClock): GoalStanding {
  if (clock.stoppedAt !== undefined) return 'stopped';
  if (clock.metAt !== undefined) return clock.dueAt !== null && Date.parse(clock.metAt) > Date.parse(clock.dueAt) ? 'met-late' : 'met';
  if (clock.breachedAt !== undefined) return 'breached';
  return clock.dueAt === null ? 'waiting' : 'running';
}

/** The goals warned, breached and still running: stored beside the clocks so lists can filter on them. */
export function goalFlags(state: ServiceGoals): {
  warnedGoals: ServiceGoalId[];
  breachedGoals: ServiceGoalId[];
  runningGoals: ServiceGoalId[];
} {
  return {
    warnedGoals: GOAL_IDS.filter((g) => state.goals[g].warnedAt !== undefined),
    breachedGoals: GOAL_IDS.filter((g) => state.goals[g].breachedAt !== undefined),
    runningGoals: GOAL_IDS.filter((g) => running(state.goals[g])),
  };
}

const GOAL_TEXT: Record<ServiceGoalId, { da: string; en: string }> = {
  dialogue: { da: 'i dialog med virksomheden inden for 1 arbejdsdag', en: 'in dialogue with the company within 1 working day' },
  candidates: {
    da: 'kandidater præsenteret eller et aftalt alternativ registreret inden for 3 arbejdsdage',
    en: 'candidates presented or an agreed alternative recorded within 3 working days',
  },
};

/** The notice's text for the lead, in both languages; `dueLocal` is the due time as each language's reader writes it (Copenhagen time). */
export function noticeText(
  goal: ServiceGoalId,
  kind: ServiceGoalAlertKind,
  dueLocal: { da: string; en: string },
): { da: string; en: string } {
  const text = GOAL_TEXT[goal];
  return kind === 'warning'
    ? { da: `Servicemålet "${text.da}" udløber ${dueLocal.da}.`, en: `The service goal "${text.en}" falls due ${dueLocal.en}.` }
    : {
        da: `Servicemålet "${text.da}" blev ikke nået (udløb ${dueLocal.da}).`,
        en: `The service goal "${text.en}" was not met (due ${dueLocal.en}).`,
      };
}
