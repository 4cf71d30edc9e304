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
  | { type: 'RequestSeats'; jobcentre: number; seats: number; candidates: string[]; now: Date }
  | { type: 'Withdraw'; jobcentre: number; now: Date }
  | { type: 'CloseWindow'; now: Date }
  | { type: 'DecideCandidate'; jobcentre: number; candidateRef: string; decision: 'accepted' | 'declined'; now: Date }
  | { type: 'RecordOutcome'; jobcentre: number; candidateRef: string; status: OutcomeStatus; hiredOn: string | null; now: Date };

export type CourseEvent =
  | { type: 'RequestRecorded'; jobcentre: number }
  | { type: 'RequestWithdrawn'; jobcentre: number }
  | { type: 'SeatsAllocated'; rule: AllocationRule; shares: JobcentreShare[] }
  | { type: 'SeatsReleased'; jobcentre: number; count: number }
  | { type: 'SeatGranted'; jobcentre: number; explanation: Bilingual }
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

/** Whether requests are still taken: the course is open and its window has not closed. */
export const windowOpen = (course: Course, now: Date): boolean =>
  course.status === 'open' && now.getTime() < Date.parse(course.summary.windowClosesAt);

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
  const existing = requestOf(course, c.jobcentre);
  const now = c.now.toISOString();
  const named = new Set(c.candidates);
  if (named.size !== c.candidates.length || c.candidates.length > c.seats) {
    return refuse(
      'too-many-candidates',
      `${c.candidates.length} candidates named for ${c.seats} seats, or one named twice: name at most one per seat`,
      `${c.candidates.length} kandidater til ${c.seats} pladser, eller en nævnt to gange: højst én pr. plads`,
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
  const candidates = mergeCandidates(existing?.candidates ?? [], c.candidates);
  if (!windowOpen(course, c.now)) {
    // After the window only a give-back is possible: fewer seats than allocated, the rest to the waiting list.
    if (course.status === 'allocated' && existing?.allocated !== null && existing !== undefined && c.seats < existing.allocated) {
      const count = existing.allocated - c.seats;
      const lowered = withRequest(course, { ...existing, seats: c.seats, allocated: c.seats, candidates, updatedAt: now });
      return release(lowered, c.jobcentre, count, [{ type: 'RequestRecorded', jobcentre: c.jobcentre }]);
    }
    return refuse(
      'window-closed',
      `The request window closed at ${course.summary.windowClosesAt}: only fewer seats than allocated can be given back`,
      `Fristen for anmodninger udløb ${course.summary.windowClosesAt}: nu kan kun pladser gives tilbage`,
      'seats',
    );
  }
  if (existing && existing.seats === c.seats && sameRefs(existing.candidates, c.candidates)) return unchanged(course);
  const request: SeatRequestState = {
    jobcentre: c.jobcentre,
    seats: c.seats,
    candidates,
    requestedAt: existing?.requestedAt ?? now,
    updatedAt: now,
    allocated: null,
    withdrawn: false,
  };
  return { ok: true, state: withRequest(course, request), events: [{ type: 'RequestRecorded', jobcentre: c.jobcentre }] };
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
  const existing = requestOf(course, c.jobcentre);
  if (!existing) return refuse('no-request', 'This jobcentre has no request on the course', 'Jobcentret har ingen anmodning på kurset');
  const now = c.now.toISOString();
  if (windowOpen(course, c.now)) {
    // Before the close it is as if it never asked: a new request later takes a new place.
    return {
      ok: true,
      state: { ...course, requests: course.requests.filter((r) => r.jobcentre !== c.jobcentre) },
      events: [{ type: 'RequestWithdrawn', jobcentre: c.jobcentre }],
    };
  }
  if (course.status !== 'allocated') {
    return refuse(
      'window-closed',
      'The window has closed and the seats are being allocated: withdraw after the allocation',
      'Fristen er udløbet, og pladserne fordeles nu: træk tilbage efter fordelingen',
    );
  }
  const count = existing.allocated ?? 0;
  const gone = withRequest(course, { ...existing, seats: 0, allocated: 0, withdrawn: true, updatedAt: now });
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
    state = withRequest(state, { ...request, allocated: (request.allocated ?? 0) + 1 });
    out.push({ type: 'SeatGranted', jobcentre: next, explanation });
  }
  return { ok: true, state, events: out };
}

function findCandidate(course: Course, jobcentre: number, candidateRef: string) {
  const request = requestOf(course, jobcentre);
  const candidate = request?.candidates.find((k) => k.candidateRef === candidateRef);
  return request && candidate ? { request, candidate } : undefined;
}

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
    return { ok: true, state: withRequest(course, { ...request, candidates, updatedAt }), events: [event] };
  }
  // A decline frees the candidate's seat: the request shrinks by one; an allocated seat above it goes to the waiting list.
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
