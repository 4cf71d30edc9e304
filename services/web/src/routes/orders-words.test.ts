import { translator } from '../i18n';
import type { GoalClock } from './orders-api';
import { goalShown, wordOf } from './orders-words';

const NOW = new Date('2026-12-01T12:00:00Z');
const clock = (c: Partial<GoalClock>): GoalClock => ({
  goal: 'dialogue',
  workingDays: 1,
  dueAt: '2026-12-02T12:00:00Z',
  warnAt: '2026-12-02T08:00:00Z',
  standing: 'running',
  ...c,
});

describe("the lead's clocks and words", () => {
  it('shows a running goal past due as breached and past its warning as warned, before the timers ran', () => {
    expect(goalShown(clock({ dueAt: '2026-12-01T11:00:00Z' }), NOW)).toEqual({
      standing: 'breached',
      badge: 'badge-error',
      running: false,
    });
    expect(goalShown(clock({ warnAt: '2026-12-01T11:00:00Z' }), NOW)).toEqual({
      standing: 'warned',
      badge: 'badge-warning',
      running: true,
    });
    expect(goalShown(clock({}), NOW)).toEqual({ standing: 'running', badge: 'badge-info', running: true });
  });

  it('gives only a goal met in time the green badge: waiting and stopped are plain', () => {
    expect(goalShown(clock({ standing: 'met' }), NOW).badge).toBe('badge-success');
    expect(goalShown(clock({ standing: 'met-late' }), NOW).badge).toBe('badge-error');
    expect(goalShown(clock({ standing: 'waiting', dueAt: null, warnAt: null }), NOW).badge).toBe('');
    expect(goalShown(clock({ standing: 'stopped' }), NOW).badge).toBe('');
  });

  it('words an API value from the catalogue, and a value it does not know as itself (no crash)', () => {
    const word = wordOf(translator('da'));
    expect(word('orders.goal', 'met')).toBe('Nået');
    expect(word('orders.state', 'some-new-state')).toBe('some-new-state');
  });
});
