import type { LawStatus, OrderState } from '@rs/contracts';

/**
 * The job order's lifecycle as an explicit state machine (issue 15, part 3). Pure: the use cases
 * pass in what the order holds and who acts, and get back the state to move to or a refusal
 * that names the state the order is in.
 *
 *   registered ─▶ in-dialogue ─▶ searching ─▶ candidates-presented ─▶ filled | partly-filled
 *        │              │            ▲                  │               closed-unfilled | cancelled
 *        └──────────────┴────────────┴──────────────────┘ (any open state may close)
 */
export const OPEN_STATES = ['registered', 'in-dialogue', 'searching', 'candidates-presented'] as const satisfies readonly OrderState[];
export const CLOSED_STATES = ['filled', 'partly-filled', 'closed-unfilled', 'cancelled'] as const satisfies readonly OrderState[];
export type OpenState = (typeof OPEN_STATES)[number];
export type ClosedState = (typeof CLOSED_STATES)[number];

export const isOpen = (state: OrderState): state is OpenState => (OPEN_STATES as readonly OrderState[]).includes(state);

/**
 * BEK 442/2023 § 137: the status a jobcentre reports for an order in each state. Candidates
 * presented = the employer has had enough referrals for now (inactive); filled and partly filled
 * are closed as filled; closed unfilled and cancelled are closed without a placement, which the
 * order of four statuses calls "closed because the deadline passed".
 */
export const LAW_STATUS: Record<OrderState, LawStatus> = {
  registered: 'in-progress',
  'in-dialogue': 'in-progress',
  searching: 'in-progress',
  'candidates-presented': 'inactive-enough-referrals',
  filled: 'closed-filled',
  'partly-filled': 'closed-filled',
  'closed-unfilled': 'closed-deadline-passed',
  cancelled: 'closed-deadline-passed',
};

/** Which state may follow which: every other move is refused. */
export const TRANSITIONS: Record<OrderState, readonly OrderState[]> = {
  registered: ['in-dialogue', 'searching', 'candidates-presented', ...CLOSED_STATES],
  'in-dialogue': ['searching', 'candidates-presented', ...CLOSED_STATES],
  searching: ['candidates-presented', ...CLOSED_STATES],
  // Every presented candidate was turned down: the lead searches again.
  'candidates-presented': ['searching', ...CLOSED_STATES],
  filled: [],
  'partly-filled': [],
  'closed-unfilled': [],
  cancelled: [],
};

/** Danish names of the states, for problems a person reads. */
export const STATE_DA: Record<OrderState, string> = {
  registered: 'registreret',
  'in-dialogue': 'i dialog',
  searching: 'søger',
  'candidates-presented': 'kandidater præsenteret',
  filled: 'besat',
  'partly-filled': 'delvist besat',
  'closed-unfilled': 'lukket ubesat',
  cancelled: 'annulleret',
};

/** What the machine needs to know of the order. */
export interface LifecycleView {
  state: OrderState;
  positions: number;
  hires: number;
  /** R7: every jobcentre of a completed round has answered. */
  everyJobcentreSearched: boolean;
}

/** Who asks for the move: a person (lead or admin) or the platform reacting to an event. */
export type Mover = { kind: 'person'; admin: boolean } | { kind: 'system' };

export interface TransitionRequest {
  to: OrderState;
  /** A written reason: required for an admin's R7 override, optional otherwise. */
  reason?: string | undefined;
  /** An admin closes as unfilled before R7 holds (issue 15: with a written reason). */
  override?: boolean | undefined;
}

export type TransitionDecision =
  | { kind: 'move'; from: OrderState; to: OrderState; override: boolean }
  /** Already there (a retried request, a redelivered event): nothing to write. */
  | { kind: 'stay' }
  | { kind: 'refused'; code: 'illegal-transition' | 'r7-not-met' | 'override-not-allowed' | 'reason-required' | 'hires'; reason: string };

/** The shortest written reason an override accepts: a word or two is not a reason. */
export const MIN_OVERRIDE_REASON = 10;

const illegal = (from: OrderState, to: OrderState): TransitionDecision => ({
  kind: 'refused',
  code: 'illegal-transition',
  reason: `the order is ${from}; it cannot go to ${to} / ordren er ${STATE_DA[from]}; den kan ikke gå til ${STATE_DA[to]}`,
});

/** Decides one transition of the lifecycle. */
export function decideTransition(order: LifecycleView, request: TransitionRequest, mover: Mover): TransitionDecision {
  const { state: from } = order;
  const { to } = request;
  if (from === to) return { kind: 'stay' };
  if (!TRANSITIONS[from].includes(to)) return illegal(from, to);
  const admin = mover.kind === 'person' && mover.admin;
  if (request.override && !(admin && to === 'closed-unfilled')) {
    return {
      kind: 'refused',
      code: 'override-not-allowed',
      reason:
        'only an admin may override, and only to close as unfilled / kun en administrator kan tilsidesætte, og kun for at lukke ubesat',
    };
  }
  switch (to) {
    case 'partly-filled':
      if (order.hires === 0 || order.hires >= order.positions) {
        return {
          kind: 'refused',
          code: 'hires',
          reason: `partly filled needs at least one and fewer than ${order.positions} hires; the order has ${order.hires} / delvist besat kræver mindst én og færre end ${order.positions} ansættelser; ordren har ${order.hires}`,
        };
      }
      break;
    case 'closed-unfilled': {
      if (order.hires > 0) {
        return {
          kind: 'refused',
          code: 'hires',
          reason: `the order has ${order.hires} hire(s): close it as partly filled or filled / ordren har ${order.hires} ansættelse(r): luk den som delvist besat eller besat`,
        };
      }
      if (!order.everyJobcentreSearched) {
        if (!request.override) {
          return {
            kind: 'refused',
            code: 'r7-not-met',
            reason:
              'an order may be closed as unfilled only when every jobcentre of a completed round has replied (R7) / en ordre kan først lukkes ubesat, når alle jobcentre i en afsluttet runde har svaret (R7)',
          };
        }
        if ((request.reason?.trim().length ?? 0) < MIN_OVERRIDE_REASON) {
          return {
            kind: 'refused',
            code: 'reason-required',
            reason: `an override needs a written reason of at least ${MIN_OVERRIDE_REASON} characters / en tilsidesættelse kræver en skriftlig begrundelse på mindst ${MIN_OVERRIDE_REASON} tegn`,
          };
        }
        return { kind: 'move', from, to, override: true };
      }
      break;
    }
    default:
      break;
  }
  return { kind: 'move', from, to, override: false };
}

/**
 * What the platform moves by itself, on an event: a round opened (the order is searching), a
 * candidate presented. An order already past that point stays where it is (a round for an order
 * with candidates presented does not take it back to searching); a closed order never moves.
 */
export function systemMove(order: LifecycleView, trigger: 'round-opened' | 'candidate-presented'): OrderState | undefined {
  const to: OrderState = trigger === 'round-opened' ? 'searching' : 'candidates-presented';
  const ahead: readonly OrderState[] = trigger === 'round-opened' ? ['searching', 'candidates-presented'] : ['candidates-presented'];
  if (!isOpen(order.state) || ahead.includes(order.state)) return undefined;
  const decision = decideTransition(order, { to }, { kind: 'system' });
  return decision.kind === 'move' ? decision.to : undefined;
}

/** Stored statuses before issue 15 had four values; `unfilled` is now `closed-unfilled`. */
export function stateOf(stored: string): OrderState {
  if (stored === 'unfilled') return 'closed-unfilled';
  return (Object.hasOwn(TRANSITIONS, stored) ? stored : 'registered') as OrderState;
}
