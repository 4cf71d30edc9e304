import { translator } from '../i18n';
import { chooseRows, type FollowUp, FollowUpsPage, filterOf, outcomeBody, outcomeErrors, weekOf } from './follow-ups-view';

const followUp = (id: string, dueOn: string, done = false): FollowUp => ({
  id,
  orderId: 'o-1',
  cooperation: 'HRS',
  jobcentre: 147,
  candidateRef: `c-147-${id}`,
  startDate: '2026-11-03',
  weeksAfterStart: 4,
  dueOn,
  state: done ? 'done' : 'upcoming',
  outcome: done ? { status: 'still-employed', recordedAt: `${dueOn}T10:00:00Z`, recordedBy: 'indslusning' } : null,
});

// Wednesday 2 December 2026: its Danish week runs from Monday 30 November to Sunday 6 December.
const TODAY = '2026-12-02';
const all = [
  followUp('next-monday', '2026-12-07'),
  followUp('sunday', '2026-12-06'),
  followUp('today', '2026-12-02'),
  followUp('monday', '2026-11-30'),
  followUp('last-week', '2026-11-25'),
  followUp('done-early', '2026-11-20', true),
  followUp('done-late', '2026-12-01', true),
];
const ids = (filter: Parameters<typeof chooseRows>[1], today = TODAY) =>
  chooseRows(all, filter, today).map((r) => [r.followUp.id, r.overdue]);

describe('the follow-up list', () => {
  it('knows the Danish week: Monday to Sunday, across a month and a year', () => {
    expect(weekOf(TODAY)).toEqual({ monday: '2026-11-30', sunday: '2026-12-06' });
    expect(weekOf('2026-11-30')).toEqual({ monday: '2026-11-30', sunday: '2026-12-06' });
    expect(weekOf('2026-12-06')).toEqual({ monday: '2026-11-30', sunday: '2026-12-06' });
    expect(weekOf('2027-01-01')).toEqual({ monday: '2026-12-28', sunday: '2027-01-03' });
  });

  it('shows this week the open ones due by Sunday, the overdue first (from earlier weeks too), none done', () => {
    expect(ids('week')).toEqual([
      ['last-week', true],
      ['monday', true],
      ['today', false],
      ['sunday', false],
    ]);
    // On Sunday Monday's is still overdue; on the next Monday the new week begins.
    expect(ids('week', '2026-12-06').map(([id]) => id)).toEqual(['last-week', 'monday', 'today', 'sunday']);
    expect(ids('week', '2026-12-07')).toContainEqual(['next-monday', false]);
  });

  it('shows the overdue ones, every open one, and the done ones newest first', () => {
    expect(ids('overdue')).toEqual([
      ['last-week', true],
      ['monday', true],
    ]);
    expect(ids('open').map(([id]) => id)).toEqual(['last-week', 'monday', 'today', 'sunday', 'next-monday']);
    expect(ids('done')).toEqual([
      ['done-late', false],
      ['done-early', false],
    ]);
  });

  it('reads only its own filters (anything else is this week) and refuses a reply it cannot show', () => {
    expect([filterOf('done'), filterOf('soon'), filterOf(undefined), filterOf(['open'])]).toEqual(['done', 'week', 'week', 'week']);
    expect(FollowUpsPage.safeParse({ followUps: [{ ...all[0], state: 'maybe' }] }).success).toBe(false);
    expect(FollowUpsPage.safeParse({ followUps: all, next: null, extra: 1 }).success).toBe(true);
  });
});

describe('the outcome form', () => {
  const words = (r: string) => `ord:${r}`;

  it('sends what the API takes: the status, the reason’s words and the remark', () => {
    expect(outcomeBody({ status: 'still-employed', remark: ' Trives ' }, words)).toEqual({ status: 'still-employed', reason: 'Trives' });
    // A reason chosen before switching back to "still employed" is not sent.
    expect(outcomeBody({ status: 'still-employed', reason: 'moved', remark: '' }, words)).toEqual({ status: 'still-employed' });
    expect(outcomeBody({ status: 'left', reason: 'moved', remark: 'Til Aarhus' }, words)).toEqual({
      status: 'left',
      reason: 'ord:moved – Til Aarhus',
    });
    expect(outcomeBody({ status: 'left', reason: 'not-a-reason' }, words)).toEqual({ status: 'left' });
    expect(outcomeBody({}, words)).toEqual({});
  });

  it('shows the API’s errors at their fields, an empty one saying what to choose', () => {
    const t = translator('en');
    const shown = outcomeErrors({ status: 'invalid option', reason: 'reason is required' }, { reason: '' }, t);
    expect(shown.byField).toEqual({ status: t('followUps.err.status'), reason: t('followUps.err.reason') });
    expect(shown.summary.map((s) => s.id)).toEqual(['f-status', 'f-reason']);
    // A chosen reason with a remark too long: the remark is what was refused.
    const long = outcomeErrors({ reason: 'too long' }, { status: 'left', reason: 'moved', remark: 'x'.repeat(2100) }, t);
    expect(long.byField).toEqual({ remark: 'Too long' });
  });
});
