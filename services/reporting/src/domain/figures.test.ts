import type { Fact } from './facts';
import { median, report } from './figures';
import { factsOfEvent } from './from-events';
import { factsOfOrder, factsOfRound } from './from-sources';
import { testOrder, testScope } from './test-facts';

const scope = testScope({ targetPerQuarter: 4 });
const order = testOrder;
const state = (orderId: string, s: Extract<Fact, { kind: 'state' }>['state'], at: string, entry = 'closed'): Fact => ({
  kind: 'state',
  orderId,
  entry,
  state: s,
  at,
});
const hire = (orderId: string, jobcentre: number, ref: string, at = '2026-07-05T08:00:00.000Z'): Fact => ({
  kind: 'hire',
  orderId,
  jobcentre,
  candidateRef: ref,
  at,
});

const facts: Fact[] = [
  // o1 filled after 4 days; o2 closed "filled" with 1 of 2 positions → partly filled after 10 days
  order('o1'),
  state('o1', 'filled', '2026-07-05T08:00:00.000Z'),
  hire('o1', 147, 'c1'),
  order('o2', { positions: 2, channel: 'phone-line', leadJobcentre: 147 }),
  state('o2', 'partly-filled', '2026-07-08T08:00:00.000Z', 'e1'),
  state('o2', 'filled', '2026-07-11T08:00:00.000Z'),
  hire('o2', 151, 'c2', '2026-07-10T08:00:00.000Z'),
  // o3 unfilled, o4 cancelled, o5 open; o6 registered the quarter before (not counted), o7 another cooperation's
  order('o3'),
  state('o3', 'unfilled', '2026-08-01T08:00:00.000Z'),
  order('o4'),
  state('o4', 'cancelled', '2026-08-01T08:00:00.000Z'),
  order('o5', { channel: 'unknown' }),
  state('o5', 'open', '2026-07-02T08:00:00.000Z', 'in-dialogue'),
  order('o6', { at: '2026-06-30T21:59:59.000Z' }),
  hire('o6', 101, 'c6', '2026-07-03T08:00:00.000Z'),
  order('o7', { cooperation: 'JRS', leadJobcentre: 330 }),
  // service goals: o1 warned and breached on dialogue; o3 breached candidates
  { kind: 'goal', orderId: 'o1', goal: 'dialogue', alert: 'warning', at: '2026-07-01T12:00:00.000Z' },
  { kind: 'goal', orderId: 'o1', goal: 'dialogue', alert: 'breach', at: '2026-07-02T08:00:00.000Z' },
  { kind: 'goal', orderId: 'o3', goal: 'candidates', alert: 'breach', at: '2026-07-04T08:00:00.000Z' },
  // a round of o5 (open): 147 in time after 60 min, 151 late after 3000 min (was overdue), 101 overdue
  { kind: 'round', orderId: 'o5', roundId: 'r5', leadJobcentre: 101, recipients: [101, 147, 151], at: '2026-07-02T08:00:00.000Z' },
  { kind: 'reply', orderId: 'o5', roundId: 'r5', recipient: 147, late: false, at: '2026-07-02T09:00:00.000Z' },
  { kind: 'overdue', orderId: 'o5', roundId: 'r5', recipient: 151 },
  { kind: 'reply', orderId: 'o5', roundId: 'r5', recipient: 151, late: true, at: '2026-07-04T10:00:00.000Z' },
  { kind: 'overdue', orderId: 'o5', roundId: 'r5', recipient: 101 },
  // a round of o4 (cancelled): 147 never answered before it was withdrawn → neither late nor never
  { kind: 'round', orderId: 'o4', roundId: 'r4', leadJobcentre: 101, recipients: [147], at: '2026-07-20T08:00:00.000Z' },
  // a round of o3 (closed unfilled): withdrawn; a second round of o5 (open) still waiting: pending
  { kind: 'round', orderId: 'o3', roundId: 'r3', leadJobcentre: 101, recipients: [151], at: '2026-07-21T08:00:00.000Z' },
  { kind: 'round', orderId: 'o5', roundId: 'r5b', leadJobcentre: 101, recipients: [147], at: '2026-07-22T08:00:00.000Z' },
];

describe('R11 figures', () => {
  const r = report(facts, scope);

  it('counts orders by channel and outcome, fill rate and time to fill', () => {
    expect(r.figures.orders).toEqual({
      received: 5,
      byChannel: { jobcentre: 3, phoneLine: 1, aKasse: 0, api: 0, unknown: 1 },
      filled: 1,
      partlyFilled: 1,
      unfilled: 1,
      cancelled: 1,
      open: 1,
      fillRate: 2 / 3,
      medianDaysToFill: 7,
    });
  });

  it('counts all four channels of R11, from the event (intakeChannel, else channel) and from the stored order alike', () => {
    const registered = (orderId: string, extra: Record<string, string>) =>
      factsOfEvent('order.registered', {
        orderId,
        leadJobcentre: 101,
        cooperation: 'HRS',
        registeredAt: '2026-07-01T08:00:00.000Z',
        order: { title: 'x', occupation: '5321', positions: 1, municipality: 101, companyName: 'x', description: '' },
        broadcast: null,
        ...extra,
      });
    const stored = (id: string, channel: string) =>
      factsOfOrder({
        id,
        leadJobcentre: 101,
        cooperation: 'HRS',
        channel,
        registeredAt: '2026-07-01T08:00:00.000Z',
        status: 'open',
        positions: 1,
        hires: [],
      });
    const channels = [
      ...registered('e1', { intakeChannel: 'a-kasse' }),
      ...registered('e2', { intakeChannel: 'api' }),
      ...registered('e3', { channel: 'phone-line', intakeChannel: 'phone-line' }),
      ...registered('e4', { channel: 'jobcentre' }),
      ...registered('e5', {}),
      ...stored('s1', 'a-kasse'),
      ...stored('s2', 'api'),
      ...stored('s3', 'fax'),
    ];
    expect(report(channels, scope).figures.orders.byChannel).toEqual({ jobcentre: 1, phoneLine: 1, aKasse: 2, api: 2, unknown: 2 });
  });

  it('counts service-goal compliance per goal over the period’s orders', () => {
    expect(r.figures.serviceGoals.dialogue).toEqual({ orders: 5, warned: 1, breached: 1, compliance: 0.8 });
    expect(r.figures.serviceGoals.candidates).toEqual({ orders: 5, warned: 0, breached: 1, compliance: 0.8 });
  });

  it('counts replies in time, late, never and pending; a withdrawn one is neither', () => {
    expect(r.figures.replies).toEqual({
      received: 6,
      inTime: 1,
      late: 1,
      never: 1,
      pending: 1,
      silenceMeansNone: 0,
      inTimeRate: 1 / 3,
      medianReplyMinutes: 1530,
    });
  });

  it('counts an implied "none" (silence means none, R6) as its own figure: not in time, not pending, not never', () => {
    const opened = '2026-07-02T08:00:00.000Z';
    const implied = factsOfEvent('round.reply-recorded', {
      roundId: 'rs',
      orderId: 'o1',
      leadJobcentre: 101,
      recipient: 147,
      answer: 'none',
      candidateCount: 0,
      late: false,
      amended: false,
      repliedAt: '2026-07-04T08:00:00.000Z',
      implied: true,
    });
    const stored = factsOfRound({
      id: 'rt',
      orderId: 'o1',
      leadJobcentre: 101,
      openedAt: opened,
      recipients: [
        { jobcentre: 151, status: 'replied', repliedAt: '2026-07-04T08:00:00.000Z', late: false, implied: true },
        { jobcentre: 147, status: 'replied', repliedAt: '2026-07-02T09:00:00.000Z', late: false },
      ],
    });
    const round: Fact = { kind: 'round', orderId: 'o1', roundId: 'rs', leadJobcentre: 101, recipients: [147], at: opened };
    const { replies } = report(
      [...facts.filter((f) => f.kind === 'order' || f.kind === 'state'), round, ...implied, ...stored],
      scope,
    ).figures;
    expect(replies).toMatchObject({ received: 3, inTime: 1, late: 0, never: 0, pending: 0, silenceMeansNone: 2, inTimeRate: 1 });
  });

  it('counts placements in the period against the target and lights each figure', () => {
    expect(r.figures.placements).toEqual({ hires: 3, target: 4, progress: 0.75 });
    expect(r.figures.lights).toMatchObject({
      fillRate: 'yellow',
      unfilled: 'yellow',
      placementProgress: 'red',
      replyInTimeRate: 'red',
      dialogueCompliance: 'red',
    });
  });

  it('gives each member its own row, and a jobcentre only its own figures', () => {
    const row147 = r.jobcentres.find((j) => j.jobcentre === 147)!.figures;
    expect(row147.orders.received).toBe(1);
    expect(row147.replies).toMatchObject({ received: 3, inTime: 1, pending: 1 });
    expect(row147.placements.hires).toBe(1);
    const own = report(facts, { ...scope, jobcentre: 147 });
    expect(own.jobcentres).toEqual([]);
    expect(own.figures).toEqual(row147);
  });

  it('gives the same figures whatever order the facts come in', () => {
    expect(report([...facts].reverse(), scope)).toEqual(r);
  });

  it('takes the median of an even count as the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});
