import type { CourseSummary, ScopeId } from '@rs/contracts';
import { type AllocationRule, allocate, type Bilingual, type JobcentreShare, nextInLine, type Standing } from './allocation';

/*
 * An upskilling course as data and one pure decider (issue 18): requests until the window closes,
 * the allocation once, co-selection, seats given back to the waiting list, outcomes. No clock:
 * every command carries `now`; nothing here reads or writes anything.
 */

export type Selection = 'pending' | 'accepted' | 'declined';
export type OutcomeStatus = 'started' | 'completed' | 'dropped-out';

export interface Outcome {
  status: OutcomeStatus;
  /** The day the company hired the participant, or null (not hired, or not yet). */
  hiredOn: string | null;
  recordedAt: string;
}

export interface CandidateState {
  candidateRef: string;
  selection: Selection;
  outcome?: Outcome;
}

export interface SeatRequestState {
  jobcentre: number;
  /** Seats wanted now (a decline or a give-back lowers it). */
  seats: number;
  /** Named candidates, declined ones kept (they may not be named again). */
  candidates: CandidateState[];
  /** The first request: its place in the priority order, kept when the request is changed. */
  requestedAt: string;
  updatedAt: string;
  /**
   * When the last applied request or withdrawal of this jobcentre arrived (its envelope time):
   * an older one delivered later is ignored, as cv.upserted's revision is. Absent on old records.
   */
  lastSentAt?: string;
  /** Seats allocated; null until the window closed. */
  allocated: number | null;
  explanation?: Bilingual;
  withdrawn: boolean;
}

export interface BudgetCeiling {
  jobcentre: number;
  dkk: number;
}

export interface Course {
  id: string;
  leadJobcentre: number;
  /** The lead's cooperation when the course opened (its secretariat may manage it). */
  cooperation: string | null;
  scope: ScopeId;
  /** Every jobcentre offered the course, the lead included, ascending. */
  inScope: number[];
  summary: CourseSummary;
  budgetCeilings: BudgetCeiling[];
  /** Ceiling of a jobcentre not listed, or null for none. */
  defaultBudgetCeilingDkk: number | null;
  status: 'open' | 'allocated';
  openedAt: string;
  allocatedAt?: string;
  rule?: AllocationRule;
  requests: SeatRequestState[];
}

export type CourseCommand =
  | {
      type: 'RequestSeats';
      jobcentre: number;
      seats: number;
      /** The candidates named now; absent keeps those named before (an empty list names none). */
      candidates?: string[];
      now: Date;
      /** When the request arrived (its envelope time, bounded by the app); default `now`. */
      sentAt?: Date;
    }
  | { type: 'Withdraw'; jobcentre: number; now: Date; sentAt?: Date }
  | { type: 'CloseWindow'; now: Date }
  | { type: 'DecideCandidate'; jobcentre: number; candidateRef: string; decision: 'accepted' | 'declined'; now: Date }
  | { type: 'RecordOutcome'; jobcentre: number; candidateRef: string; status: OutcomeStatus; hiredOn: string | null; now: Date };

export type CourseEvent =
  | { type: 'RequestRecorded'; jobcentre: number }
  | { type: 'RequestWithdrawn'; jobcentre: number }
  | { type: 'SeatsAllocated'; rule: AllocationRule; shares: JobcentreShare[] }
  | { type: 'SeatsReleased'; jobcentre: number; count: number }
  /** `allocated`/`requested`: the jobcentre's figures right after this grant (several grants in one decision differ). */
  | { type: 'SeatGranted'; jobcentre: number; allocated: number; requested: number; explanation: Bilingual }
  | { type: 'CandidateDecided'; jobcentre: number; candidateRef: string; decision: 'accepted' | 'declined' }
  | { type: 'OutcomeRecorded'; jobcentre: number; candidateRef: string };

export type CourseRule =
  | 'not-in-scope'
  | 'window-closed'
  | 'over-budget'
  | 'over-seats'
  | 'too-many-candidates'
  | 'declined-candidate'
  | 'no-request'
  | 'unknown-candidate'
  | 'kept-candidate'
  | 'over-allocated'
  | 'not-allocated';

export interface Refusal {
  rule: CourseRule;
  message: Bilingual;
  /** The input field at fault, for the HTTP problem. */
  field?: string;
}

export type Decision = { ok: true; state: Course; events: CourseEvent[] } | { ok: false; refusal: Refusal };

const refuse = (rule: CourseRule, en: string, da: string, field?: string): Decision => ({
  ok: false,
  refusal: { rule, message: { en, da }, ...(field ? { field } : {}) },
});
const unchanged = (state: Course): Decision => ({ ok: true, state, events: [] });

/** A jobcentre's budget ceiling on the course, or null for none. */
export function ceilingOf(course: Pick<Course, 'budgetCeilings' | 'defaultBudgetCeilingDkk'>, jobcentre: number): number | null {
  return course.budgetCeilings.find((c) => c.jobcentre === jobcentre)?.dkk ?? course.defaultBudgetCeilingDkk;
}

/** The most seats a jobcentre may request: the seats bought, and no more than its ceiling pays for. */
export function maxSeatsFor(course: Pick<Course, 'budgetCeilings' | 'defaultBudgetCeilingDkk' | 'summary'>, jobcentre: number): number {
  const ceiling = ceilingOf(course, jobcentre);
  const price = course.summary.pricePerSeatDkk;
  if (ceiling === null || price === 0) return course.summary.seats;
  return Math.min(course.summary.seats, Math.floor(ceiling / price));
}

export const costOf = (course: Pick<Course, 'summary'>, seats: number): number => seats * course.summary.pricePerSeatDkk;

/**
 * Whether a request that arrived at `at` is on time: the course is not allocated yet and the
 * request arrived before the window closed. `at` is the arrival (envelope) time, not the time it
 * is processed, so a request queued just before the close still counts (the allocation timer
 * fires a grace period after the close to let such requests land first).
 */
export const windowOpen = (course: Course, at: Date): boolean =>
  course.status === 'open' && at.getTime() < Date.parse(course.summary.windowClosesAt);

/**
 * When a request arrived, for judging it on time: its envelope time, but never later than now nor
 * more than `skewMs` before it (a sender's clock cannot buy a late request a place).
 */
export function arrivalOf(sent: Date | undefined, now: Date, skewMs: number): Date {
  if (!sent || Number.isNaN(sent.getTime())) return now;
  return new Date(Math.min(now.getTime(), Math.max(sent.getTime(), now.getTime() - skewMs)));
}

/** An older request than the last applied one of this jobcentre (delivered out of order). */
const stale = (course: Course, jobcentre: number, sentAt: Date): boolean => {
  const last = course.requests.find((r) => r.jobcentre === jobcentre)?.lastSentAt;
  return last !== undefined && sentAt.getTime() < Date.parse(last);
};

export function decide(course: Course, command: CourseCommand): Decision {
  switch (command.type) {
    case 'RequestSeats':
      return requestSeats(course, command);
    case 'Withdraw':
      return withdraw(course, command);
    case 'CloseWindow':
      return closeWindow(course, command.now);
    case 'DecideCandidate':
      return decideCandidate(course, command);
    case 'RecordOutcome':
      return recordOutcome(course, command);
    default: {
      const never: never = command;
      throw new Error(`unknown command ${JSON.stringify(never)}`);
    }
  }
}

const requestOf = (course: Course, jobcentre: number) => course.requests.find((r) => r.jobcentre === jobcentre && !r.withdrawn);
const withRequest = (course: Course, request: SeatRequestState): Course => ({
  ...course,
  requests: [...course.requests.filter((r) => r.jobcentre !== request.jobcentre), request].sort((a, b) => a.jobcentre - b.jobcentre),
});

function requestSeats(course: Course, c: Extract<CourseCommand, { type: 'RequestSeats' }>): Decision {
  if (!course.inScope.includes(c.jobcentre)) {
    return refuse('not-in-scope', 'The course was not offered to this jobcentre', 'Kurset er ikke tilbudt dette jobcenter', 'jobcentre');
  }
  const sentAt = c.sentAt ?? c.now;
  if (stale(course, c.jobcentre, sentAt)) return unchanged(course);
  const existing = requestOf(course, c.jobcentre);
  const now = c.now.toISOString();
  // No list sent: the candidates named before stay (an empty list names none).
  const refs = c.candidates ?? (existing ? active(existing.candidates) : []);
  const named = new Set(refs);
  if (named.size !== refs.length || refs.length > c.seats) {
    return refuse(
      'too-many-candidates',
      `${refs.length} candidates named for ${c.seats} seats, or one named twice: name at most one per seat`,
      `${refs.length} kandidater til ${c.seats} pladser, eller en nævnt to gange: højst én pr. plads`,
      'candidates',
    );
  }
  const declined = existing?.candidates.filter((k) => k.selection === 'declined' && named.has(k.candidateRef)) ?? [];
  if (declined.length > 0) {
    return refuse(
      'declined-candidate',
      `The company declined ${declined.map((k) => k.candidateRef).join(', ')}: name someone else`,
      `Virksomheden har fravalgt ${declined.map((k) => k.candidateRef).join(', ')}: nævn en anden`,
      'candidates',
    );
  }
  const dropped = existing?.candidates.filter((k) => (k.selection === 'accepted' || k.outcome) && !named.has(k.candidateRef)) ?? [];
  if (dropped.length > 0) {
    const list = dropped.map((k) => k.candidateRef).join(', ');
    return refuse(
      'kept-candidate',
      `${list} was accepted by the company or has an outcome recorded and cannot be dropped: name them again`,
      `${list} er valgt af virksomheden eller har et resultat registreret og kan ikke fjernes: nævn dem igen`,
      'candidates',
    );
  }
  if (c.seats > course.summary.seats) {
    return refuse(
      'over-seats',
      `${c.seats} seats asked; the course has ${course.summary.seats}`,
      `${c.seats} pladser ønsket; kurset har ${course.summary.seats}`,
      'seats',
    );
  }
  const ceiling = ceilingOf(course, c.jobcentre);
  const cost = costOf(course, c.seats);
  if (ceiling !== null && cost > ceiling) {
    const most = maxSeatsFor(course, c.jobcentre);
    const price = course.summary.pricePerSeatDkk;
    return refuse(
      'over-budget',
      `${c.seats} seats × ${price} kr = ${cost} kr is over your budget ceiling of ${ceiling} kr (at most ${most} seats)`,
      `${c.seats} pladser × ${price} kr = ${cost} kr overstiger jeres budgetloft på ${ceiling} kr (højst ${most} pladser)`,
      'seats',
    );
  }
  const candidates = mergeCandidates(existing?.candidates ?? [], refs);
  const lastSentAt = sentAt.toISOString();
  if (!windowOpen(course, sentAt)) return changeAfterClose(course, c, existing, candidates, refs.length, lastSentAt);
  if (existing && existing.seats === c.seats && sameRefs(existing.candidates, refs)) return unchanged(course);
  const request: SeatRequestState = {
    jobcentre: c.jobcentre,
    seats: c.seats,
    candidates,
    // Ties are broken by when the first request arrived, not when it was processed.
    requestedAt: existing?.requestedAt ?? lastSentAt,
    updatedAt: now,
    lastSentAt,
    allocated: null,
    withdrawn: false,
  };
  return { ok: true, state: withRequest(course, request), events: [{ type: 'RequestRecorded', jobcentre: c.jobcentre }] };
}

/**
 * After the close a request may only shrink: no more seats than asked before (leaving the waiting
 * list, or giving allocated seats back to it), and candidates named or replaced up to the seats
 * the jobcentre got. Between the close and the allocation nothing changes.
 */
function changeAfterClose(
  course: Course,
  c: Extract<CourseCommand, { type: 'RequestSeats' }>,
  existing: SeatRequestState | undefined,
  candidates: CandidateState[],
  namedCount: number,
  lastSentAt: string,
): Decision {
  const closed = (en: string, da: string, field = 'seats') =>
    refuse(
      'window-closed',
      `The request window closed at ${course.summary.windowClosesAt}: ${en}`,
      `Fristen for anmodninger udløb ${course.summary.windowClosesAt}: ${da}`,
      field,
    );
  if (course.status !== 'allocated' || !existing || existing.allocated === null) {
    return closed('no new request; changes are possible after the allocation', 'ingen ny anmodning; ændringer kan ske efter fordelingen');
  }
  if (c.seats > existing.seats) {
    return closed(`at most the ${existing.seats} seats asked before`, `højst de ${existing.seats} pladser, der blev ønsket før`);
  }
  if (existing.seats === c.seats && sameRefs(existing.candidates, active(candidates))) return unchanged(course);
  const allocated = Math.min(existing.allocated, c.seats);
  if (namedCount > allocated) {
    return refuse(
      'over-allocated',
      `${namedCount} candidates named; after the close at most the ${allocated} seats you got`,
      `${namedCount} kandidater nævnt; efter fristen højst de ${allocated} pladser, I har fået`,
      'candidates',
    );
  }
  const lowered = withRequest(course, { ...existing, seats: c.seats, allocated, candidates, updatedAt: c.now.toISOString(), lastSentAt });
  return release(lowered, c.jobcentre, existing.allocated - allocated, [{ type: 'RequestRecorded', jobcentre: c.jobcentre }]);
}

/** The named candidates in the order given, keeping each one's selection; declined ones stay on record. */
function mergeCandidates(before: CandidateState[], refs: string[]): CandidateState[] {
  const kept = new Map(before.map((k) => [k.candidateRef, k]));
  const named = refs.map((ref) => kept.get(ref) ?? { candidateRef: ref, selection: 'pending' as const });
  return [...named, ...before.filter((k) => k.selection === 'declined' && !refs.includes(k.candidateRef))];
}

const active = (candidates: CandidateState[]) => candidates.filter((k) => k.selection !== 'declined').map((k) => k.candidateRef);
const sameRefs = (candidates: CandidateState[], refs: string[]) => {
  const a = active(candidates);
  return a.length === refs.length && a.every((r, i) => r === refs[i]);
};

function withdraw(course: Course, c: Extract<CourseCommand, { type: 'Withdraw' }>): Decision {
  const sentAt = c.sentAt ?? c.now;
  if (stale(course, c.jobcentre, sentAt)) return unchanged(course);
  const existing = requestOf(course, c.jobcentre);
  if (!existing) return refuse('no-request', 'This jobcentre has no request on the course', 'Jobcentret har ingen anmodning på kurset');
  const now = c.now.toISOString();
  const lastSentAt = sentAt.toISOString();
  if (windowOpen(course, sentAt)) {
    // Before the close it is as if it never asked: a new request later takes a new place. The
    // withdrawn record stays (no seats) so an older request delivered after it is ignored.
    const gone: SeatRequestState = { ...existing, seats: 0, candidates: [], withdrawn: true, updatedAt: now, lastSentAt };
    return { ok: true, state: withRequest(course, gone), events: [{ type: 'RequestWithdrawn', jobcentre: c.jobcentre }] };
  }
  if (course.status !== 'allocated') {
    return refuse(
      'window-closed',
      'The window has closed and the seats are being allocated: withdraw after the allocation',
      'Fristen er udløbet, og pladserne fordeles nu: træk tilbage efter fordelingen',
    );
  }
  const count = existing.allocated ?? 0;
  const gone = withRequest(course, { ...existing, seats: 0, allocated: 0, withdrawn: true, updatedAt: now, lastSentAt });
  return release(gone, c.jobcentre, count, [{ type: 'RequestWithdrawn', jobcentre: c.jobcentre }]);
}

function closeWindow(course: Course, now: Date): Decision {
  // Once: an allocated course, or a window still open (a timer that fired early), changes nothing.
  if (course.status !== 'open' || now.getTime() < Date.parse(course.summary.windowClosesAt)) return unchanged(course);
  const demands = course.requests
    .filter((r) => !r.withdrawn)
    .map((r) => ({ jobcentre: r.jobcentre, seats: r.seats, requestedAt: r.requestedAt }));
  const result = allocate(course.summary.seats, demands);
  const shares = new Map(result.shares.map((s) => [s.jobcentre, s]));
  const requests = course.requests.map((r) => {
    const share = shares.get(r.jobcentre);
    return { ...r, allocated: share?.allocated ?? 0, ...(share ? { explanation: share.explanation } : {}) };
  });
  return {
    ok: true,
    state: { ...course, status: 'allocated', allocatedAt: now.toISOString(), rule: result.rule, requests },
    events: [{ type: 'SeatsAllocated', rule: result.rule, shares: result.shares }],
  };
}

/** Seats given back (or freed by a decline) go one by one to the waiting list (nextInLine). */
function release(course: Course, from: number, count: number, events: CourseEvent[]): Decision {
  let state = course;
  const out: CourseEvent[] = [...events];
  if (count > 0) out.push({ type: 'SeatsReleased', jobcentre: from, count });
  for (let i = 0; i < count; i++) {
    const standings: Standing[] = state.requests
      .filter((r) => !r.withdrawn && r.allocated !== null)
      .map((r) => ({ jobcentre: r.jobcentre, requested: r.seats, allocated: r.allocated ?? 0, requestedAt: r.requestedAt }));
    const next = nextInLine(standings);
    if (next === undefined) break;
    const request = state.requests.find((r) => r.jobcentre === next && !r.withdrawn);
    if (!request) break;
    const explanation = {
      en: `A seat was freed and you were first on the waiting list (the smallest share of your request so far, ties by request time): ${(request.allocated ?? 0) + 1} of ${request.seats} now.`,
      da: `En plads blev ledig, og I stod først på ventelisten (den mindste del af jeres ønske indtil nu, lighed afgøres af anmodningstid): nu ${(request.allocated ?? 0) + 1} af ${request.seats}.`,
    };
    const allocated = (request.allocated ?? 0) + 1;
    // The request's explanation keeps the whole story: the allocation, then each seat granted from the waiting list.
    const told = request.explanation
      ? { en: `${request.explanation.en} ${explanation.en}`, da: `${request.explanation.da} ${explanation.da}` }
      : explanation;
    state = withRequest(state, { ...request, allocated, explanation: told });
    out.push({ type: 'SeatGranted', jobcentre: next, allocated, requested: request.seats, explanation });
  }
  return { ok: true, state, events: out };
}

function findCandidate(course: Course, jobcentre: number, candidateRef: string) {
  const request = requestOf(course, jobcentre);
  const candidate = request?.candidates.find((k) => k.candidateRef === candidateRef);
  return request && candidate ? { request, candidate } : undefined;
}

const overAllocated = (allocated: number, field: string) =>
  refuse(
    'over-allocated',
    `The jobcentre got ${allocated} seats on the course: no more participants can be accepted or recorded`,
    `Jobcentret har fået ${allocated} pladser på kurset: flere deltagere kan ikke vælges eller registreres`,
    field,
  );

const unknownCandidate = () =>
  refuse(
    'unknown-candidate',
    'This jobcentre has not named this candidate for the course',
    'Jobcentret har ikke nævnt denne kandidat til kurset',
    'candidateRef',
  );

function decideCandidate(course: Course, c: Extract<CourseCommand, { type: 'DecideCandidate' }>): Decision {
  const found = findCandidate(course, c.jobcentre, c.candidateRef);
  if (!found) return unknownCandidate();
  const { request, candidate } = found;
  if (candidate.selection === c.decision) return unchanged(course);
  if (candidate.selection === 'declined') {
    return refuse(
      'declined-candidate',
      'The candidate was declined already; the seat has been freed',
      'Kandidaten er allerede fravalgt; pladsen er givet videre',
      'decision',
    );
  }
  const candidates = request.candidates.map((k) => (k.candidateRef === c.candidateRef ? { ...k, selection: c.decision } : k));
  const event: CourseEvent = { type: 'CandidateDecided', jobcentre: c.jobcentre, candidateRef: c.candidateRef, decision: c.decision };
  const updatedAt = c.now.toISOString();
  if (c.decision === 'accepted') {
    // No more accepted than the seats the jobcentre got (a waiting-list jobcentre with none can have none).
    const cap = request.allocated ?? request.seats;
    const accepted = request.candidates.filter((k) => k.selection === 'accepted').length;
    if (accepted + 1 > cap) return overAllocated(cap, 'decision');
    return { ok: true, state: withRequest(course, { ...request, candidates, updatedAt }), events: [event] };
  }
  // Before the allocation a decline changes only the candidate: the lead (itself a requester)
  // must not shrink another jobcentre's request before the seats are shared; the jobcentre names
  // someone else or lowers its request itself.
  if (request.allocated === null) return { ok: true, state: withRequest(course, { ...request, candidates, updatedAt }), events: [event] };
  // After it a decline frees the candidate's seat: the request shrinks by one; an allocated seat above it goes to the waiting list.
  const seats = Math.max(0, request.seats - 1);
  const allocated = request.allocated === null ? null : Math.min(request.allocated, seats);
  const freed = request.allocated === null ? 0 : request.allocated - (allocated ?? 0);
  const after = withRequest(course, { ...request, candidates, seats, allocated, updatedAt });
  return freed > 0 ? release(after, c.jobcentre, freed, [event]) : { ok: true, state: after, events: [event] };
}

function recordOutcome(course: Course, c: Extract<CourseCommand, { type: 'RecordOutcome' }>): Decision {
  if (course.status !== 'allocated') {
    return refuse('not-allocated', 'Outcomes are recorded after the allocation', 'Resultater registreres efter fordelingen');
  }
  const found = findCandidate(course, c.jobcentre, c.candidateRef);
  if (!found || found.candidate.selection === 'declined') return unknownCandidate();
  const { request, candidate } = found;
  // Outcomes only for as many participants as the jobcentre got seats.
  const allocated = request.allocated ?? 0;
  const withOutcome = request.candidates.filter((k) => k.outcome !== undefined).length;
  if (!candidate.outcome && withOutcome + 1 > allocated) return overAllocated(allocated, 'candidateRef');
  const outcome: Outcome = { status: c.status, hiredOn: c.hiredOn, recordedAt: c.now.toISOString() };
  if (candidate.outcome && candidate.outcome.status === outcome.status && candidate.outcome.hiredOn === outcome.hiredOn)
    return unchanged(course);
  const candidates = request.candidates.map((k) => (k.candidateRef === c.candidateRef ? { ...k, outcome } : k));
  return {
    ok: true,
    state: withRequest(course, { ...request, candidates }),
    events: [{ type: 'OutcomeRecorded', jobcentre: c.jobcentre, candidateRef: c.candidateRef }],
  };
}
