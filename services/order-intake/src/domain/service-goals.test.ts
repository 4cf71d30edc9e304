import { addWorkingDays } from '@rs/working-time';
import { decideGoals, type GoalSchedule, type GoalsCommand, goalFlags, pendingTimers, type ServiceGoals, standing } from './service-goals';

const HOUR = 3_600_000;
const schedule: GoalSchedule = { dueAfter: addWorkingDays, warnBeforeMs: 4 * HOUR };

const register = (registeredAt: string): GoalsCommand => ({
  type: 'Register',
  orderId: 'o-1',
  leadJobcentre: 185,
  cooperation: 'HRS',
  registeredAt,
});

function registered(at: string): ServiceGoals {
  const d = decideGoals(undefined, register(at), schedule);
  if (d.kind !== 'write') throw new Error(`expected a write, got ${d.kind}`);
  return d.state;
}

function apply(state: ServiceGoals | undefined, command: GoalsCommand): ServiceGoals {
  const d = decideGoals(state, command, schedule);
  if (d.kind !== 'write') throw new Error(`expected a write, got ${d.kind}`);
  return d.state;
}

const due = (at: string) => {
  const s = registered(at);
  return { dialogue: s.goals.dialogue.dueAt, candidates: s.goals.candidates.dueAt };
};

describe('service-goal due times in Danish working days (Europe/Copenhagen)', () => {
  it('an ordinary Tuesday: the next day and three days later, same wall-clock time', () => {
    expect(due('2026-12-01T09:00:00.000Z')).toEqual({ dialogue: '2026-12-02T09:00:00.000Z', candidates: '2026-12-04T09:00:00.000Z' });
  });

  it('Easter (skærtorsdag, langfredag, 2. påskedag) and the spring DST switch in the same weekend (2027)', () => {
    // Wednesday 24 March 10:00 CET; Thursday–Monday closed, clocks forward on Sunday 28 March.
    expect(due('2027-03-24T09:00:00.000Z')).toEqual({
      dialogue: '2027-03-30T08:00:00.000Z', // Tuesday 10:00 CEST
      candidates: '2027-04-01T08:00:00.000Z', // Tue, Wed, Thu
    });
  });

  it('Kristi Himmelfartsdag (Thursday 6 May 2027); the Friday after is a working day', () => {
    expect(due('2027-05-05T08:00:00.000Z')).toEqual({ dialogue: '2027-05-07T08:00:00.000Z', candidates: '2027-05-11T08:00:00.000Z' });
  });

  it('2. pinsedag (Monday 17 May 2027)', () => {
    expect(due('2027-05-14T10:00:00.000Z')).toEqual({ dialogue: '2027-05-18T10:00:00.000Z', candidates: '2027-05-20T10:00:00.000Z' });
  });

  it('Christmas: 24, 25 December and the weekend are closed (2026)', () => {
    expect(due('2026-12-23T13:00:00.000Z')).toEqual({ dialogue: '2026-12-28T13:00:00.000Z', candidates: '2026-12-30T13:00:00.000Z' });
  });

  it('New Year: 31 December and 1 January are closed', () => {
    expect(due('2026-12-30T08:00:00.000Z')).toEqual({ dialogue: '2027-01-04T08:00:00.000Z', candidates: '2027-01-06T08:00:00.000Z' });
  });

  it('the autumn DST switch keeps the local wall-clock time (Friday 23 October 2026 10:00 CEST)', () => {
    expect(due('2026-10-23T08:00:00.000Z')).toEqual({ dialogue: '2026-10-26T09:00:00.000Z', candidates: '2026-10-28T09:00:00.000Z' });
  });

  // The two DST changes on their own (2026: Easter is a week later than the spring switch).
  it('spring DST (Sunday 29 March 2026): a 1-working-day clock started Friday 10:00 CET ends Monday 10:00 CEST', () => {
    expect(due('2026-03-27T09:00:00.000Z')).toEqual({
      dialogue: '2026-03-30T08:00:00.000Z', // Monday 10:00 CEST: the same wall-clock time, one hour less in UTC
      candidates: '2026-04-01T08:00:00.000Z', // Wednesday 10:00; skærtorsdag is the day after
    });
  });

  it('autumn DST (Sunday 25 October 2026): a 1-working-day clock started Friday 10:00 CEST ends Monday 10:00 CET', () => {
    expect(due('2026-10-23T08:00:00.000Z').dialogue).toBe('2026-10-26T09:00:00.000Z');
  });

  it('Easter 2026 day by day: skærtorsdag 2 April, langfredag 3 April and 2. påskedag 6 April are closed', () => {
    // Wednesday 1 April 10:00 CEST: the next working day is Tuesday 7 April.
    expect(due('2026-04-01T08:00:00.000Z')).toEqual({ dialogue: '2026-04-07T08:00:00.000Z', candidates: '2026-04-09T08:00:00.000Z' });
    // Started on skærtorsdag itself (a holiday): counts from Tuesday 00:00, due at the end of Tuesday.
    expect(due('2026-04-02T08:00:00.000Z').dialogue).toBe('2026-04-07T22:00:00.000Z');
  });

  it('Kristi Himmelfartsdag 2026 (Thursday 14 May) and 2. pinsedag 2026 (Monday 25 May)', () => {
    expect(due('2026-05-13T08:00:00.000Z').dialogue).toBe('2026-05-15T08:00:00.000Z');
    expect(due('2026-05-22T08:00:00.000Z').dialogue).toBe('2026-05-26T08:00:00.000Z');
  });

  it('Christmas and New Year together: a 3-working-day clock from 23 December 2026 skips 24–27 and 31 December and 1 January', () => {
    expect(due('2026-12-23T13:00:00.000Z').candidates).toBe('2026-12-30T13:00:00.000Z');
    expect(due('2026-12-29T13:00:00.000Z').candidates).toBe('2027-01-05T13:00:00.000Z');
  });

  it('an order registered on a Saturday counts from Monday 00:00: due at the end of Monday', () => {
    expect(due('2026-12-05T10:00:00.000Z')).toEqual({ dialogue: '2026-12-07T23:00:00.000Z', candidates: '2026-12-09T23:00:00.000Z' });
  });

  it('warns the configured time before; a lead time longer than the window warns at registration', () => {
    const s = registered('2027-03-24T09:00:00.000Z');
    expect(s.goals.dialogue.warnAt).toBe('2027-03-30T04:00:00.000Z');
    const long = decideGoals(undefined, register('2026-12-01T09:00:00.000Z'), { dueAfter: addWorkingDays, warnBeforeMs: 100 * 24 * HOUR });
    expect(long.kind === 'write' && long.state.goals.dialogue.warnAt).toBe('2026-12-01T09:00:00.000Z');
  });
});

describe('the clocks', () => {
  const at = '2026-12-01T09:00:00.000Z';
  const statusTo = (to: Extract<GoalsCommand, { type: 'StatusChanged' }>['to'], when = '2026-12-01T12:00:00.000Z'): GoalsCommand => ({
    type: 'StatusChanged',
    orderId: 'o-1',
    leadJobcentre: 185,
    cooperation: 'HRS',
    to,
    at: when,
    by: 'consultant-185',
  });
  const timer = (goal: 'dialogue' | 'candidates', kind: 'warning' | 'breach', now: string): GoalsCommand => ({
    type: 'TimerDue',
    goal,
    kind,
    now,
  });

  it('registration starts both and schedules a warning and a breach for each; a second registration changes nothing', () => {
    const s = registered(at);
    expect(pendingTimers(s).map((t) => `${t.goal}:${t.kind}`)).toEqual([
      'dialogue:warning',
      'dialogue:breach',
      'candidates:warning',
      'candidates:breach',
    ]);
    expect(s.timeline.map((e) => e.id)).toEqual(['candidates-goal-started', 'dialogue-goal-started']);
    expect(decideGoals(s, register(at), schedule).kind).toBe('unchanged');
  });

  it('"in dialogue" meets goal 1 only; "candidates presented" meets goal 2 (and goal 1 if still open)', () => {
    const inDialogue = apply(registered(at), statusTo('in-dialogue'));
    expect(standing(inDialogue.goals.dialogue)).toBe('met');
    expect(standing(inDialogue.goals.candidates)).toBe('running');
    expect(pendingTimers(inDialogue).map((t) => t.goal)).toEqual(['candidates', 'candidates']);
    const presented = apply(registered(at), statusTo('candidates-presented'));
    expect([standing(presented.goals.dialogue), standing(presented.goals.candidates)]).toEqual(['met', 'met']);
    expect(pendingTimers(presented)).toEqual([]);
    // Once met a goal stays met by what met it.
    const later = apply(inDialogue, statusTo('candidates-presented'));
    expect(later.goals.candidates.metBy).toBe('candidates-presented');
    expect(later.goals.dialogue.metBy).toBe('in-dialogue');
    expect(decideGoals(later, statusTo('in-dialogue'), schedule).kind).toBe('unchanged');
  });

  it('"searching" meets goal 1 but not goal 2', () => {
    const s = apply(registered(at), statusTo('searching'));
    expect([standing(s.goals.dialogue), standing(s.goals.candidates)]).toEqual(['met', 'running']);
  });

  it('cancelled stops every goal still running: no timers, neither met nor breached', () => {
    const s = apply(apply(registered(at), statusTo('in-dialogue')), statusTo('cancelled'));
    expect([standing(s.goals.dialogue), standing(s.goals.candidates)]).toEqual(['met', 'stopped']);
    expect(pendingTimers(s)).toEqual([]);
    expect(decideGoals(s, timer('candidates', 'breach', '2026-12-10T00:00:00.000Z'), schedule).kind).toBe('unchanged');
  });

  it('a timer before its time is early (retried); the warning and the breach are each recorded once', () => {
    const s = registered(at);
    expect(decideGoals(s, timer('dialogue', 'warning', '2026-12-02T04:59:59.000Z'), schedule).kind).toBe('early');
    const warned = decideGoals(s, timer('dialogue', 'warning', '2026-12-02T05:00:00.000Z'), schedule);
    expect(warned).toMatchObject({ kind: 'write', alerts: [{ goal: 'dialogue', kind: 'warning', dueAt: '2026-12-02T09:00:00.000Z' }] });
    const w = (warned as { state: ServiceGoals }).state;
    expect(decideGoals(w, timer('dialogue', 'warning', '2026-12-02T05:00:01.000Z'), schedule).kind).toBe('unchanged');
    expect(decideGoals(w, timer('dialogue', 'breach', '2026-12-02T08:59:59.000Z'), schedule).kind).toBe('early');
    const breached = apply(w, timer('dialogue', 'breach', '2026-12-02T09:00:00.000Z'));
    expect(standing(breached.goals.dialogue)).toBe('breached');
    expect(goalFlags(breached)).toEqual({
      warnedGoals: ['dialogue'],
      breachedGoals: ['dialogue'],
      runningGoals: ['dialogue', 'candidates'],
    });
    expect(decideGoals(breached, timer('dialogue', 'breach', '2026-12-02T09:00:05.000Z'), schedule).kind).toBe('unchanged');
    expect(pendingTimers(breached).map((t) => `${t.goal}:${t.kind}`)).toEqual(['candidates:warning', 'candidates:breach']);
    // Met after the breach: late, and the breach stays on record.
    const late = apply(breached, statusTo('in-dialogue', '2026-12-02T10:00:00.000Z'));
    expect(standing(late.goals.dialogue)).toBe('met-late');
    expect(late.goals.dialogue.breachedAt).toBe('2026-12-02T09:00:00.000Z');
  });

  it('a warning lost until after the breach is not given late', () => {
    const breached = apply(registered(at), timer('dialogue', 'breach', '2026-12-02T09:00:00.000Z'));
    expect(decideGoals(breached, timer('dialogue', 'warning', '2026-12-02T09:00:01.000Z'), schedule).kind).toBe('unchanged');
  });

  it('a status change before the registration is kept; the registration then times only what is still open', () => {
    const early = apply(undefined, statusTo('in-dialogue', '2026-12-01T09:30:00.000Z'));
    expect(early.registeredAt).toBeNull();
    expect(standing(early.goals.dialogue)).toBe('met');
    expect(pendingTimers(early)).toEqual([]);
    const s = apply(early, register(at));
    expect(s.goals.dialogue.dueAt).toBe('2026-12-02T09:00:00.000Z');
    expect(standing(s.goals.dialogue)).toBe('met');
    expect(pendingTimers(s).map((t) => t.goal)).toEqual(['candidates', 'candidates']);
  });

  it('an agreed alternative meets goal 2 once; another alternative, or one after goal 2 was met, is refused', () => {
    const agree = (description: string): GoalsCommand => ({
      type: 'AgreeAlternative',
      description,
      at: '2026-12-02T10:00:00.000Z',
      by: 'consultant-185',
    });
    expect(decideGoals(undefined, agree('AMU-kursus først'), schedule)).toMatchObject({ kind: 'refused', status: 404 });
    const s = apply(registered(at), agree('AMU-kursus først'));
    expect(s.goals.candidates).toMatchObject({ metBy: 'agreed-alternative', metAt: '2026-12-02T10:00:00.000Z' });
    expect(standing(s.goals.dialogue)).toBe('running');
    expect(s.timeline.map((e) => e.type)).toContain('alternative-agreed');
    expect(decideGoals(s, agree('AMU-kursus først'), schedule).kind).toBe('unchanged');
    expect(decideGoals(s, agree('Senere start'), schedule)).toMatchObject({ kind: 'refused', status: 409 });
    const presented = apply(registered(at), statusTo('candidates-presented'));
    expect(decideGoals(presented, agree('x'), schedule)).toMatchObject({ kind: 'refused', status: 409 });
    const cancelled = apply(registered(at), statusTo('cancelled'));
    expect(decideGoals(cancelled, agree('x'), schedule)).toMatchObject({ kind: 'refused', status: 409 });
  });

  it('a lead handover in a status event moves the clocks to the new lead and its cooperation', () => {
    const s = apply(registered(at), {
      ...(statusTo('in-dialogue') as Extract<GoalsCommand, { type: 'StatusChanged' }>),
      leadJobcentre: 101,
      cooperation: 'STH',
    });
    expect(s.leadJobcentre).toBe(101);
    expect(s.cooperation).toBe('STH');
    // A handover alone (no goal touched) is written too.
    const moved = decideGoals(
      s,
      { ...(statusTo('searching') as Extract<GoalsCommand, { type: 'StatusChanged' }>), leadJobcentre: 101, cooperation: null },
      schedule,
    );
    expect(moved.kind === 'write' && moved.state.cooperation).toBeNull();
  });

  it('a goal met after its due time with no breach recorded (the timer was lost) gets the breach, at the due time, once', () => {
    const d = decideGoals(registered(at), statusTo('in-dialogue', '2026-12-02T10:00:00.000Z'), schedule);
    expect(d).toMatchObject({
      kind: 'write',
      alerts: [{ goal: 'dialogue', kind: 'breach', dueAt: '2026-12-02T09:00:00.000Z', at: '2026-12-02T09:00:00.000Z' }],
    });
    const s = (d as { state: ServiceGoals }).state;
    expect(s.goals.dialogue).toMatchObject({ breachedAt: '2026-12-02T09:00:00.000Z', metAt: '2026-12-02T10:00:00.000Z' });
    expect(standing(s.goals.dialogue)).toBe('met-late');
    expect(s.timeline.filter((e) => e.type === 'goal-breached').map((e) => e.at)).toEqual(['2026-12-02T09:00:00.000Z']);
    // The late timer that runs afterwards finds nothing to do; a breach already given is not given again.
    expect(decideGoals(s, timer('dialogue', 'breach', '2026-12-02T11:00:00.000Z'), schedule).kind).toBe('unchanged');
    const breached = apply(registered(at), timer('dialogue', 'breach', '2026-12-02T09:00:00.000Z'));
    const met = decideGoals(breached, statusTo('in-dialogue', '2026-12-02T10:00:00.000Z'), schedule);
    expect(met.kind === 'write' && met.alerts).toEqual([]);
  });

  it('an agreed alternative, or a cancellation, after the due time with no breach recorded gets the breach first', () => {
    const agreed = decideGoals(
      registered(at),
      { type: 'AgreeAlternative', description: 'AMU-kursus først', at: '2026-12-07T09:00:00.000Z', by: 'consultant-185' },
      schedule,
    );
    expect(agreed).toMatchObject({ kind: 'write', alerts: [{ goal: 'candidates', kind: 'breach', at: '2026-12-04T09:00:00.000Z' }] });
    const cancelled = decideGoals(registered(at), statusTo('cancelled', '2026-12-02T10:00:00.000Z'), schedule);
    expect(cancelled).toMatchObject({ kind: 'write', alerts: [{ goal: 'dialogue', kind: 'breach' }] });
    const c = (cancelled as { state: ServiceGoals }).state;
    expect([standing(c.goals.dialogue), standing(c.goals.candidates)]).toEqual(['stopped', 'stopped']);
    expect(goalFlags(c).breachedGoals).toEqual(['dialogue']);
  });

  it('a goal met before registration is known but after its due time gets the breach when the registration arrives', () => {
    const early = apply(undefined, statusTo('in-dialogue', '2026-12-02T10:00:00.000Z'));
    const d = decideGoals(early, register(at), schedule);
    expect(d).toMatchObject({ kind: 'write', alerts: [{ goal: 'dialogue', kind: 'breach', at: '2026-12-02T09:00:00.000Z' }] });
    expect(standing((d as { state: ServiceGoals }).state.goals.dialogue)).toBe('met-late');
  });

  it.each(['filled', 'partly-filled', 'closed-unfilled'] as const)('"%s" meets no goal: a goal not met by then ends breached', (to) => {
    const inDialogue = apply(registered(at), statusTo('in-dialogue'));
    const d = decideGoals(inDialogue, statusTo(to, '2026-12-02T12:00:00.000Z'), schedule);
    expect(d).toMatchObject({ kind: 'write', alerts: [{ goal: 'candidates', kind: 'breach', at: '2026-12-02T12:00:00.000Z' }] });
    const s = (d as { state: ServiceGoals }).state;
    expect([standing(s.goals.dialogue), standing(s.goals.candidates)]).toEqual(['met', 'breached']);
    expect(s.goals.candidates.metAt).toBeUndefined();
    expect(pendingTimers(s)).toEqual([]);
    expect(goalFlags(s)).toEqual({ warnedGoals: [], breachedGoals: ['candidates'], runningGoals: [] });
    // Nothing meets it afterwards, and the lost timer finds nothing to do.
    expect(decideGoals(s, statusTo('candidates-presented', '2026-12-02T13:00:00.000Z'), schedule).kind).toBe('unchanged');
    expect(decideGoals(s, timer('candidates', 'breach', '2026-12-04T09:00:00.000Z'), schedule).kind).toBe('unchanged');
    // Closed after the due time: breached at the due time, not at the closing.
    const late = apply(registered(at), statusTo(to, '2026-12-07T12:00:00.000Z'));
    expect([late.goals.dialogue.breachedAt, late.goals.candidates.breachedAt]).toEqual([
      '2026-12-02T09:00:00.000Z',
      '2026-12-04T09:00:00.000Z',
    ]);
  });

  it('instants with an offset sort by the instant, not as text', () => {
    const s = apply(registered(at), statusTo('in-dialogue', '2026-12-01T11:00:00.000+01:00'));
    // 10:00Z: after the registration (09:00Z) though "11:00+01:00" > "09:00Z" and < "10:30Z" as text either way.
    const later = apply(s, { type: 'AgreeAlternative', description: 'x', at: '2026-12-01T10:30:00.000Z', by: 'c' });
    expect(later.timeline.map((e) => e.id)).toEqual([
      'candidates-goal-started',
      'dialogue-goal-started',
      'dialogue-goal-met',
      'candidates-alternative-agreed',
      'candidates-goal-met',
    ]);
    expect(standing(apply(registered(at), statusTo('in-dialogue', '2026-12-02T09:30:00.000+01:00')).goals.dialogue)).toBe('met');
  });
});
