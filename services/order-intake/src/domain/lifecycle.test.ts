import type { OrderState } from '@rs/contracts';
import {
  CLOSED_STATES,
  decideTransition,
  LAW_STATUS,
  type LifecycleView,
  type Mover,
  OPEN_STATES,
  stateOf,
  systemMove,
  TRANSITIONS,
} from './lifecycle';

const ALL: OrderState[] = [...OPEN_STATES, ...CLOSED_STATES];
const lead: Mover = { kind: 'person', admin: false };
const admin: Mover = { kind: 'person', admin: true };
/** An order on which every move's guard holds: one of two positions hired... except closed-unfilled's (no hires). */
const at = (state: OrderState, over: Partial<LifecycleView> = {}): LifecycleView => ({
  state,
  positions: 2,
  hires: 0,
  everyJobcentreSearched: true,
  ...over,
});

describe('the order lifecycle', () => {
  // Every (from, to) pair: allowed exactly when the table says so, and refused naming the state otherwise.
  describe.each(ALL)('from %s', (from) => {
    it.each(ALL.filter((to) => to !== from))(`to %s`, (to) => {
      const order = at(from, to === 'partly-filled' ? { hires: 1 } : {});
      const decision = decideTransition(order, { to }, lead);
      if (TRANSITIONS[from].includes(to)) {
        expect(decision).toEqual({ kind: 'move', from, to, override: false });
      } else {
        expect(decision).toMatchObject({ kind: 'refused', code: 'illegal-transition' });
        expect(decision.kind === 'refused' && decision.reason).toContain(`the order is ${from}; it cannot go to ${to}`);
      }
    });
  });

  it('lets no closed state move anywhere, and every open state close', () => {
    for (const closed of CLOSED_STATES) expect(TRANSITIONS[closed]).toEqual([]);
    for (const open of OPEN_STATES) expect(TRANSITIONS[open]).toEqual(expect.arrayContaining([...CLOSED_STATES]));
  });

  it('stays where it is when asked to move to the state it is in (a retried request)', () => {
    for (const state of ALL) expect(decideTransition(at(state), { to: state }, lead)).toEqual({ kind: 'stay' });
  });

  it('maps every state to its BEK 442/2023 § 137 status', () => {
    expect(LAW_STATUS).toEqual({
      registered: 'in-progress',
      'in-dialogue': 'in-progress',
      searching: 'in-progress',
      'candidates-presented': 'inactive-enough-referrals',
      filled: 'closed-filled',
      'partly-filled': 'closed-filled',
      'closed-unfilled': 'closed-deadline-passed',
      cancelled: 'closed-deadline-passed',
    });
  });

  describe('closing as unfilled (R7)', () => {
    const notSearched = at('searching', { everyJobcentreSearched: false });
    it('is refused until every jobcentre has answered', () => {
      expect(decideTransition(notSearched, { to: 'closed-unfilled' }, lead)).toMatchObject({ kind: 'refused', code: 'r7-not-met' });
      expect(decideTransition(at('searching'), { to: 'closed-unfilled' }, lead)).toMatchObject({ kind: 'move', override: false });
    });
    it('an admin may override with a written reason, and only an admin', () => {
      const reason = 'The company withdrew the job after a merger';
      expect(decideTransition(notSearched, { to: 'closed-unfilled', override: true, reason }, admin)).toEqual({
        kind: 'move',
        from: 'searching',
        to: 'closed-unfilled',
        override: true,
      });
      expect(decideTransition(notSearched, { to: 'closed-unfilled', override: true, reason: 'no' }, admin)).toMatchObject({
        kind: 'refused',
        code: 'reason-required',
      });
      expect(decideTransition(notSearched, { to: 'closed-unfilled', override: true }, admin)).toMatchObject({ code: 'reason-required' });
      expect(decideTransition(notSearched, { to: 'closed-unfilled', override: true, reason }, lead)).toMatchObject({
        code: 'override-not-allowed',
      });
      expect(decideTransition(at('searching'), { to: 'cancelled', override: true, reason }, admin)).toMatchObject({
        code: 'override-not-allowed',
      });
    });
    it('is refused for an order with hires (it is partly filled)', () => {
      expect(decideTransition(at('searching', { hires: 1 }), { to: 'closed-unfilled' }, lead)).toMatchObject({ code: 'hires' });
    });
  });

  it('closes as partly filled only with some but not all positions hired', () => {
    expect(decideTransition(at('candidates-presented', { hires: 0 }), { to: 'partly-filled' }, lead)).toMatchObject({ code: 'hires' });
    expect(decideTransition(at('candidates-presented', { hires: 2 }), { to: 'partly-filled' }, lead)).toMatchObject({ code: 'hires' });
    expect(decideTransition(at('candidates-presented', { hires: 1 }), { to: 'partly-filled' }, lead)).toMatchObject({ kind: 'move' });
  });

  it('moves by itself on a round and on a presented candidate, never backwards, never when closed', () => {
    expect(systemMove(at('registered'), 'round-opened')).toBe('searching');
    expect(systemMove(at('in-dialogue'), 'round-opened')).toBe('searching');
    expect(systemMove(at('searching'), 'round-opened')).toBeUndefined();
    expect(systemMove(at('candidates-presented'), 'round-opened')).toBeUndefined();
    expect(systemMove(at('registered'), 'candidate-presented')).toBe('candidates-presented');
    expect(systemMove(at('searching'), 'candidate-presented')).toBe('candidates-presented');
    expect(systemMove(at('candidates-presented'), 'candidate-presented')).toBeUndefined();
    for (const closed of CLOSED_STATES) {
      expect(systemMove(at(closed), 'round-opened')).toBeUndefined();
      expect(systemMove(at(closed), 'candidate-presented')).toBeUndefined();
    }
  });

  it('reads the four statuses stored before issue 15', () => {
    expect(['registered', 'filled', 'cancelled', 'unfilled'].map(stateOf)).toEqual([
      'registered',
      'filled',
      'cancelled',
      'closed-unfilled',
    ]);
  });
});
