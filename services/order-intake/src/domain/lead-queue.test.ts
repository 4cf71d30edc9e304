import { byUrgency, queueStanding } from './lead-queue';
import { type GoalClock, newServiceGoals, type ServiceGoals } from './service-goals';

const NOW = new Date('2026-12-01T12:00:00Z');

function clocks(id: string, dialogue: Partial<GoalClock>, candidates: Partial<GoalClock>): ServiceGoals {
  const base = newServiceGoals(id, 185, 'HRS');
  return {
    ...base,
    registeredAt: '2026-11-30T09:00:00Z',
    goals: { dialogue: { ...base.goals.dialogue, ...dialogue }, candidates: { ...base.goals.candidates, ...candidates } },
  };
}

const running = (dueAt: string, warnAt: string): Partial<GoalClock> => ({ dueAt, warnAt });

describe("the lead's queue", () => {
  it('puts breached first, then warned (by warning time too, before the timer ran), then running, then the rest', () => {
    const breached = clocks(
      'b',
      { ...running('2026-12-01T09:00:00Z', '2026-12-01T08:00:00Z'), breachedAt: '2026-12-01T09:00:00Z' },
      running('2026-12-03T09:00:00Z', '2026-12-03T08:00:00Z'),
    );
    const warnedByTime = clocks(
      'w',
      running('2026-12-01T13:00:00Z', '2026-12-01T11:00:00Z'),
      running('2026-12-03T09:00:00Z', '2026-12-03T08:00:00Z'),
    );
    const soon = clocks(
      's',
      { dueAt: '2026-12-01T13:00:00Z', warnAt: '2026-12-01T12:30:00Z', metAt: '2026-12-01T10:00:00Z' },
      running('2026-12-02T09:00:00Z', '2026-12-02T08:00:00Z'),
    );
    const later = clocks(
      'l',
      { dueAt: '2026-12-01T13:00:00Z', warnAt: null, metAt: '2026-12-01T10:00:00Z' },
      running('2026-12-04T09:00:00Z', '2026-12-04T08:00:00Z'),
    );
    const done = clocks(
      'd',
      { dueAt: '2026-12-01T13:00:00Z', warnAt: null, metAt: '2026-12-01T10:00:00Z' },
      { dueAt: '2026-12-03T09:00:00Z', warnAt: null, metAt: '2026-12-01T11:00:00Z' },
    );

    expect(queueStanding(breached, NOW)).toEqual({ urgency: 'breached', nextDueAt: '2026-12-01T09:00:00Z' });
    expect(queueStanding(warnedByTime, NOW).urgency).toBe('warned');
    expect(queueStanding(soon, NOW)).toEqual({ urgency: 'running', nextDueAt: '2026-12-02T09:00:00Z' });
    expect(queueStanding(done, NOW)).toEqual({ urgency: 'quiet', nextDueAt: null });
    expect(queueStanding(undefined, NOW)).toEqual({ urgency: 'quiet', nextDueAt: null });

    const rows = [done, later, soon, warnedByTime, breached].map((g) => ({
      id: g.orderId,
      registeredAt: g.registeredAt ?? '',
      ...queueStanding(g, NOW),
    }));
    expect(rows.sort(byUrgency).map((r) => r.id)).toEqual(['b', 'w', 's', 'l', 'd']);
  });

  it('counts a running goal past its due time as breached before the breach timer has run', () => {
    const overdue = clocks(
      'o',
      running('2026-12-01T11:00:00Z', '2026-12-01T10:00:00Z'),
      running('2026-12-03T09:00:00Z', '2026-12-03T08:00:00Z'),
    );
    const dueNow = clocks('n', running(NOW.toISOString(), '2026-12-01T10:00:00Z'), running('2026-12-03T09:00:00Z', '2026-12-03T08:00:00Z'));
    expect(queueStanding(overdue, NOW)).toEqual({ urgency: 'breached', nextDueAt: '2026-12-01T11:00:00Z' });
    expect(queueStanding(dueNow, NOW).urgency).toBe('breached');
  });

  it('orders the quiet ones newest first', () => {
    const a = { id: 'a', registeredAt: '2026-11-01T00:00:00Z', urgency: 'quiet' as const, nextDueAt: null };
    const b = { id: 'b', registeredAt: '2026-11-02T00:00:00Z', urgency: 'quiet' as const, nextDueAt: null };
    expect([a, b].sort(byUrgency).map((r) => r.id)).toEqual(['b', 'a']);
  });
});
