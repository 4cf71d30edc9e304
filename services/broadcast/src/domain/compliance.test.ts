import { compliance } from './compliance';
import { decide, evolve, openRound, type Round } from './round';

const order = { title: 'SOSU', occupation: '5321', positions: 1, municipality: 101, companyName: 'X', description: '' };
const at = (iso: string) => new Date(iso);

function roundWith(id: string, steps: Array<(r: Round) => ReturnType<typeof decide>>): Round {
  let r = openRound({
    id,
    orderId: id,
    leadJobcentre: 101,
    scope: 'cooperation',
    order,
    recipients: [147, 151],
    openedAt: at('2026-11-23T09:00:00Z'),
    deadline: at('2026-11-25T09:00:00Z'),
  });
  for (const step of steps) r = step(r).reduce(evolve, r);
  return r;
}

describe('reply compliance per jobcentre', () => {
  it('counts in-time, late, never and pending replies and the median reply time', () => {
    const none = { answer: 'none' as const, candidates: [] };
    const rounds = [
      roundWith('a', [
        (r) => decide({ type: 'RecordReply', recipient: 147, ...none, now: at('2026-11-23T10:00:00Z') }, r),
        (r) => decide({ type: 'DeadlineReached', now: at('2026-11-25T09:00:00Z') }, r),
      ]),
      roundWith('b', [(r) => decide({ type: 'RecordReply', recipient: 147, ...none, now: at('2026-11-26T09:00:00Z') }, r)]),
    ];
    expect(compliance(rounds)).toEqual([
      { jobcentre: 147, received: 2, repliedInTime: 1, late: 1, never: 0, pending: 0, medianReplyMinutes: (60 + 72 * 60) / 2 },
      { jobcentre: 151, received: 2, repliedInTime: 0, late: 0, never: 1, pending: 1, medianReplyMinutes: null },
    ]);
  });

  it('leaves an implied "none" (silence means none) out of compliance and the reply time', () => {
    let r = openRound({
      id: 's',
      orderId: 's',
      leadJobcentre: 101,
      scope: 'cooperation',
      order,
      recipients: [147, 151],
      openedAt: at('2026-11-23T09:00:00Z'),
      deadline: at('2026-11-25T09:00:00Z'),
      silenceMeansNone: true,
    });
    r = decide({ type: 'RecordReply', recipient: 147, answer: 'none', candidates: [], now: at('2026-11-23T10:00:00Z') }, r).reduce(
      evolve,
      r,
    );
    r = decide({ type: 'DeadlineReached', now: at('2026-11-25T09:00:00Z') }, r).reduce(evolve, r);
    expect(r.recipients.find((x) => x.jobcentre === 151)).toMatchObject({ status: 'replied', implied: true });
    expect(compliance([r])).toEqual([
      { jobcentre: 147, received: 1, repliedInTime: 1, late: 0, never: 0, pending: 0, medianReplyMinutes: 60 },
    ]);
  });

  it('shows only the jobcentres asked for', () => {
    const rounds = [roundWith('a', [])];
    expect(compliance(rounds, (j) => j === 151).map((r) => r.jobcentre)).toEqual([151]);
  });
});
