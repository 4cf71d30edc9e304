import { type EscalationFigures, escalationFigures } from './escalation-figures';
import type {
  AgreementFact,
  Fact,
  FollowUpFact,
  FollowUpOutcomeFact,
  GoalFact,
  HireFact,
  OrderFact,
  OrderState,
  OverdueFact,
  ReplyFact,
  RoundFact,
  StateFact,
} from './facts';
import { type AgreementFigures, agreementFigures, type FollowUpFigures, followUpFigures } from './onboarding-figures';
import { type Period, within } from './period';
import { type Light, LIT_FIGURES, type LitFigure, lightOf, type Thresholds } from './thresholds';
import {
  emptyUpskillingIndex,
  keepLatest,
  type NeedFigures,
  needFigures,
  type UpskillingFigures,
  type UpskillingIndex,
  upskillingFigures,
} from './upskilling-figures';

/** R11's figures for one cooperation, or one of its jobcentres, in one period. */
export interface FigureSet {
  orders: {
    /** Orders registered in the period. */
    received: number;
    byChannel: { jobcentre: number; phoneLine: number; aKasse: number; api: number; unknown: number };
    filled: number;
    partlyFilled: number;
    /** Closed without anyone hired (JRS: preferably zero). */
    unfilled: number;
    cancelled: number;
    open: number;
    /** (filled + partly filled) ÷ (filled + partly filled + unfilled); null when none closed so. */
    fillRate: number | null;
    /** Median days from registration to filled (or partly filled), one decimal. */
    medianDaysToFill: number | null;
  };
  serviceGoals: { dialogue: GoalFigures; candidates: GoalFigures };
  /** How the recipients answered the rounds opened in the period on the cooperation's orders. */
  replies: {
    received: number;
    inTime: number;
    late: number;
    never: number;
    pending: number;
    /** Silent where the company agreed silence means "none" (R6): not a reply, not due, left out of the rate. */
    silenceMeansNone: number;
    /** in time ÷ (in time + late + never); null when nothing was due. */
    inTimeRate: number | null;
    /** Median minutes from the round opening to the reply, one decimal. */
    medianReplyMinutes: number | null;
  };
  placements: { hires: number; target: number | null; progress: number | null };
  /** Onboarding follow-ups due in the period and retention (R10). */
  followUps: FollowUpFigures;
  /** Recruitment and a-kasse agreements in force in the period. */
  agreements: AgreementFigures;
  /** Rounds escalated to East Denmark and the country, and what they found (R7). */
  escalations: EscalationFigures;
  /** Courses opened in the period: seats bought, used, completed, hired after, cost per hire. */
  upskilling: UpskillingFigures;
  /** Companies' coming needs expected in the period (for AMK Øst and the positive list). */
  needs: NeedFigures;
  lights: Record<LitFigure, Light | null>;
}

export interface GoalFigures {
  /** Orders registered in the period, each with the goal's clock. */
  orders: number;
  warned: number;
  breached: number;
  /** (orders − breached) ÷ orders. */
  compliance: number | null;
}

export interface Report {
  cooperation: string;
  period: Period;
  /** Set when the report is one jobcentre's. */
  jobcentre: number | null;
  figures: FigureSet;
  /** Each member jobcentre's own figures (its orders, its answers, its placements). */
  jobcentres: Array<{ jobcentre: number; figures: FigureSet }>;
}

export interface ReportScope {
  cooperation: string;
  period: Period;
  /** The cooperation's member jobcentres (rows of the report). */
  members: readonly number[];
  /** Only this jobcentre's figures (a consultant's view): no rows of the others. */
  jobcentre?: number;
  /** Placements aimed for per quarter, if the cooperation has a target. */
  targetPerQuarter?: number | undefined;
  thresholds: Thresholds;
  /** The cooperation of a jobcentre, for a round whose order the read model has not seen. */
  cooperationOf: (jobcentre: number) => string | undefined;
}

/** The facts, sorted by kind and indexed by order. */
interface Indexed {
  orders: Map<string, OrderFact>;
  states: Map<string, StateFact[]>;
  goals: GoalFact[];
  rounds: RoundFact[];
  replies: Map<string, ReplyFact>;
  overdue: Set<string>;
  silent: Set<string>;
  hires: HireFact[];
  hiresByOrder: Map<string, number>;
  followUps: Map<string, FollowUpFact>;
  followUpOutcomes: Map<string, FollowUpOutcomeFact>;
  agreements: AgreementFact[];
  upskilling: UpskillingIndex;
}

const TERMINAL: ReadonlySet<OrderState> = new Set(['filled', 'partly-filled', 'unfilled', 'cancelled']);

function indexed(facts: readonly Fact[]): Indexed {
  const ix: Indexed = {
    orders: new Map(),
    states: new Map(),
    goals: [],
    rounds: [],
    replies: new Map(),
    overdue: new Set(),
    silent: new Set(),
    hires: [],
    hiresByOrder: new Map(),
    followUps: new Map(),
    followUpOutcomes: new Map(),
    agreements: [],
    upskilling: emptyUpskillingIndex(),
  };
  for (const f of facts) {
    switch (f.kind) {
      case 'order':
        ix.orders.set(f.orderId, f);
        break;
      case 'state':
        ix.states.set(f.orderId, [...(ix.states.get(f.orderId) ?? []), f]);
        break;
      case 'goal':
        ix.goals.push(f);
        break;
      case 'round':
        ix.rounds.push(f);
        break;
      case 'reply':
        ix.replies.set(`${f.roundId}:${f.recipient}`, f);
        break;
      case 'silence':
        ix.silent.add(`${f.roundId}:${f.recipient}`);
        break;
      case 'overdue':
        ix.overdue.add(`${(f as OverdueFact).roundId}:${f.recipient}`);
        break;
      case 'hire':
        ix.hires.push(f);
        ix.hiresByOrder.set(f.orderId, (ix.hiresByOrder.get(f.orderId) ?? 0) + 1);
        break;
      case 'follow-up':
        ix.followUps.set(f.followUpId, f);
        break;
      case 'follow-up-outcome':
        ix.followUpOutcomes.set(f.followUpId, f);
        // An outcome alone still says the follow-up was planned.
        if (!ix.followUps.has(f.followUpId)) ix.followUps.set(f.followUpId, { ...f, kind: 'follow-up' });
        break;
      case 'agreement':
        ix.agreements.push(f);
        break;
      case 'course':
        ix.upskilling.courses.set(f.courseId, f);
        break;
      case 'seats':
        keepLatest(ix.upskilling.seats, `${f.courseId}:${f.jobcentre}`, f);
        break;
      case 'participant':
        keepLatest(ix.upskilling.participants, `${f.courseId}:${f.jobcentre}:${f.candidateRef}`, f);
        break;
      case 'need':
        ix.upskilling.needs.push(f);
        break;
    }
  }
  return ix;
}

/**
 * Where an order ended up: its latest state (ties: order.closed's last, it is what closes the
 * order). "Filled" with fewer people hired than positions is partly filled.
 */
export function orderState(ix: Pick<Indexed, 'orders' | 'states' | 'hiresByOrder'>, orderId: string): { state: OrderState; at?: string } {
  const states = ix.states.get(orderId) ?? [];
  if (states.length === 0) return { state: 'open' };
  const latest = [...states]
    .sort((a, b) => a.at.localeCompare(b.at) || Number(a.entry === 'closed') - Number(b.entry === 'closed'))
    .at(-1)!;
  const hires = ix.hiresByOrder.get(orderId) ?? 0;
  const positions = ix.orders.get(orderId)?.positions ?? 1;
  const state = latest.state === 'filled' && hires > 0 && hires < positions ? 'partly-filled' : latest.state;
  return { state, at: latest.at };
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

function figureSet(ix: Indexed, scope: ReportScope, jobcentre: number | undefined, target: number | null): FigureSet {
  const { period, cooperation } = scope;
  const cooperationOfOrder = (orderId: string, lead: number) => {
    const order = ix.orders.get(orderId);
    return order ? order.cooperation : (scope.cooperationOf(lead) ?? null);
  };
  const orders = [...ix.orders.values()].filter(
    (o) => o.cooperation === cooperation && within(o.at, period) && (jobcentre === undefined || o.leadJobcentre === jobcentre),
  );
  const counts = { filled: 0, partlyFilled: 0, unfilled: 0, cancelled: 0, open: 0 };
  const byChannel = { jobcentre: 0, phoneLine: 0, aKasse: 0, api: 0, unknown: 0 };
  const daysToFill: number[] = [];
  for (const o of orders) {
    if (o.channel === 'phone-line') byChannel.phoneLine++;
    else if (o.channel === 'jobcentre') byChannel.jobcentre++;
    else if (o.channel === 'a-kasse') byChannel.aKasse++;
    else if (o.channel === 'api') byChannel.api++;
    else byChannel.unknown++;
    const { state, at } = orderState(ix, o.orderId);
    if (state === 'filled') counts.filled++;
    else if (state === 'partly-filled') counts.partlyFilled++;
    else if (state === 'unfilled') counts.unfilled++;
    else if (state === 'cancelled') counts.cancelled++;
    else counts.open++;
    if ((state === 'filled' || state === 'partly-filled') && at) daysToFill.push((Date.parse(at) - Date.parse(o.at)) / 86_400_000);
  }
  const orderIds = new Set(orders.map((o) => o.orderId));
  const goal = (name: 'dialogue' | 'candidates'): GoalFigures => {
    const alerts = ix.goals.filter((g) => g.goal === name && orderIds.has(g.orderId));
    const breached = new Set(alerts.filter((g) => g.alert === 'breach').map((g) => g.orderId)).size;
    const warned = new Set(alerts.filter((g) => g.alert === 'warning').map((g) => g.orderId)).size;
    return { orders: orders.length, warned, breached, compliance: ratio(orders.length - breached, orders.length) };
  };

  const replies = { received: 0, inTime: 0, late: 0, never: 0, pending: 0, silenceMeansNone: 0 };
  const minutes: number[] = [];
  for (const round of ix.rounds) {
    if (!within(round.at, period) || cooperationOfOrder(round.orderId, round.leadJobcentre) !== cooperation) continue;
    const closed = TERMINAL.has(orderState(ix, round.orderId).state);
    for (const recipient of round.recipients) {
      if (jobcentre !== undefined && recipient !== jobcentre) continue;
      replies.received++;
      const key = `${round.roundId}:${recipient}`;
      const reply = ix.replies.get(key);
      if (reply) {
        if (reply.late) replies.late++;
        else replies.inTime++;
        minutes.push((Date.parse(reply.at) - Date.parse(round.at)) / 60_000);
      } else if (ix.silent.has(key)) replies.silenceMeansNone++;
      else if (ix.overdue.has(key)) replies.never++;
      // Unanswered in a round of a closed order: withdrawn before its deadline, neither late nor never.
      else if (!closed) replies.pending++;
    }
  }

  const hires = ix.hires.filter((h) => {
    const order = ix.orders.get(h.orderId);
    return within(h.at, period) && (order?.cooperation ?? null) === cooperation && (jobcentre === undefined || h.jobcentre === jobcentre);
  }).length;

  const set: Omit<FigureSet, 'lights'> = {
    orders: {
      received: orders.length,
      byChannel,
      ...counts,
      fillRate: ratio(counts.filled + counts.partlyFilled, counts.filled + counts.partlyFilled + counts.unfilled),
      medianDaysToFill: median(daysToFill),
    },
    serviceGoals: { dialogue: goal('dialogue'), candidates: goal('candidates') },
    replies: {
      ...replies,
      inTimeRate: ratio(replies.inTime, replies.inTime + replies.late + replies.never),
      medianReplyMinutes: median(minutes),
    },
    placements: { hires, target, progress: target === null || target === 0 ? null : hires / target },
    followUps: followUpFigures(ix.followUps, ix.followUpOutcomes, scope, jobcentre),
    agreements: agreementFigures(ix.agreements, scope, jobcentre),
    escalations: escalationFigures(
      ix.rounds,
      ix.hires,
      (orderId) => orderState(ix, orderId).state,
      (round) => cooperationOfOrder(round.orderId, round.leadJobcentre),
      scope,
      jobcentre,
    ),
    upskilling: upskillingFigures(ix.upskilling, ix.hires, ix.orders, scope, jobcentre),
    needs: needFigures(ix.upskilling.needs, scope, jobcentre),
  };
  return { ...set, lights: lightsOf(set, scope.thresholds) };
}

/** The value each lit figure is judged by. */
export function litValues(set: Omit<FigureSet, 'lights'>): Record<LitFigure, number | null> {
  return {
    fillRate: set.orders.fillRate,
    unfilled: set.orders.received === 0 ? null : set.orders.unfilled,
    medianDaysToFill: set.orders.medianDaysToFill,
    dialogueCompliance: set.serviceGoals.dialogue.compliance,
    candidatesCompliance: set.serviceGoals.candidates.compliance,
    replyInTimeRate: set.replies.inTimeRate,
    medianReplyMinutes: set.replies.medianReplyMinutes,
    placementProgress: set.placements.progress,
    followUpsDone: set.followUps.doneRate,
    retention: set.followUps.retention,
    recruitmentAgreements: set.agreements.recruitment,
    aKasseAgreements: set.agreements.aKasse,
    escalationFillRate: set.escalations.fillRate,
    seatUseRate: set.upskilling.seatUseRate,
    courseCompletionRate: set.upskilling.completionRate,
    courseHireRate: set.upskilling.hireRate,
    costPerHire: set.upskilling.costPerHireDkk,
  };
}

function lightsOf(set: Omit<FigureSet, 'lights'>, thresholds: Thresholds): Record<LitFigure, Light | null> {
  const values = litValues(set);
  return Object.fromEntries(LIT_FIGURES.map((f) => [f, lightOf(values[f], thresholds[f])])) as Record<LitFigure, Light | null>;
}

/** The report of a cooperation (with a row per member) or of one of its jobcentres (no other rows). */
export function report(facts: readonly Fact[], scope: ReportScope): Report {
  const ix = indexed(facts);
  const target = scope.targetPerQuarter === undefined ? null : Math.round(scope.targetPerQuarter * scope.period.quarters);
  if (scope.jobcentre !== undefined) {
    return {
      cooperation: scope.cooperation,
      period: scope.period,
      jobcentre: scope.jobcentre,
      figures: figureSet(ix, scope, scope.jobcentre, null),
      jobcentres: [],
    };
  }
  return {
    cooperation: scope.cooperation,
    period: scope.period,
    jobcentre: null,
    figures: figureSet(ix, scope, undefined, target),
    jobcentres: [...scope.members].sort((a, b) => a - b).map((j) => ({ jobcentre: j, figures: figureSet(ix, scope, j, null) })),
  };
}
