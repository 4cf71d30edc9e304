import { TIMER_QUEUES } from '@rs/contracts';
import { deadlineTimerId, reminderEnvelopeId, reminderTimerId, roundTimers } from './outgoing';

const round = { id: 'o1-1', openedAt: '2026-11-25T09:00:00.000Z', deadline: '2026-11-27T09:00:00.000Z' };

describe('a round’s timers', () => {
  it('are its deadline and one reminder per offset, whatever the number of recipients', () => {
    expect(roundTimers({ reminderOffsets: [86_400, 14_400] }, round)).toEqual([
      {
        kind: 'schedule',
        id: 'reply-deadline-o1-1',
        queue: TIMER_QUEUES.replyDeadlines,
        jobId: 'reply-deadline-o1-1',
        runAt: round.deadline,
        data: { roundId: 'o1-1' },
      },
      expect.objectContaining({
        queue: TIMER_QUEUES.replyReminders,
        jobId: 'reply-reminder-o1-1-86400',
        runAt: '2026-11-26T09:00:00.000Z',
        data: { roundId: 'o1-1', offset: 86_400 },
      }),
      expect.objectContaining({ jobId: 'reply-reminder-o1-1-14400', runAt: '2026-11-27T05:00:00.000Z' }),
    ]);
  });

  it('leave out a reminder that would fall before the opening', () => {
    expect(roundTimers({ reminderOffsets: [3 * 86_400, 3600] }, round).map((t) => t.jobId)).toEqual([
      deadlineTimerId('o1-1'),
      reminderTimerId('o1-1', 3600),
    ]);
  });

  it('give each reminder envelope an id per round, offset and recipient, the same on every run', () => {
    expect(reminderEnvelopeId('o1-1', 3600, 147)).toBe(reminderEnvelopeId('o1-1', 3600, 147));
    const ids = new Set([
      reminderEnvelopeId('o1-1', 3600, 147),
      reminderEnvelopeId('o1-1', 3600, 151),
      reminderEnvelopeId('o1-1', 14_400, 147),
      reminderEnvelopeId('o1-2', 3600, 147),
    ]);
    expect(ids.size).toBe(4);
  });
});
