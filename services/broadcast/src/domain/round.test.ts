import {
  decide,
  evolve,
  openRound,
  pendingRecipients,
  reminderRecipients,
  proposedNextScope,
  type Round,
  type RoundCommand,
  type RoundEvent,
  type Shortlists,
  shortlistDigest,
  RoundRuleViolation,
  summarise,
} from './round';

const opened = new Date('2026-11-25T09:00:00Z');
const deadline = new Date('2026-11-27T09:00:00Z');
const order = { title: 'SOSU', occupation: '5321', positions: 2, municipality: 101, companyName: 'Plejecenter', description: '' };

function round(recipients = [147, 151, 153]): Round {
  return openRound({ id: 'o1-1', orderId: 'o1', leadJobcentre: 101, scope: 'cooperation', order, recipients, openedAt: opened, deadline });
}

const apply = (r: Round, events: ReturnType<typeof decide>) => events.reduce(evolve, r);
const reply = (recipient: number, now = new Date('2026-11-25T12:00:00Z')): RoundCommand => ({
  type: 'RecordReply',
  recipient,
  answer: 'none',
  candidates: [],
  now,
});

describe('broadcast round', () => {
  it('records a reply once; a second reply from the same jobcentre changes nothing', () => {
    let r = round();
    const first = decide(reply(147), r);
    expect(first).toEqual([expect.objectContaining({ type: 'ReplyRecorded', recipient: 147, late: false })]);
    r = apply(r, first);
    expect(decide(reply(147), r)).toEqual([]);
  });

  it('refuses a reply from a jobcentre that was not asked', () => {
    expect(() => decide(reply(101), round())).toThrow(RoundRuleViolation);
  });

  it("marks every silent recipient overdue in one decision once the round's deadline has passed", () => {
    let r = round();
    r = apply(r, decide(reply(147), r));
    expect(decide({ type: 'DeadlineReached', now: new Date('2026-11-27T08:59:59Z') }, r)).toEqual([]);
    const events = decide({ type: 'DeadlineReached', now: deadline }, r);
    expect(events).toEqual([
      { type: 'RecipientOverdue', recipient: 151, at: deadline.toISOString() },
      { type: 'RecipientOverdue', recipient: 153, at: deadline.toISOString() },
      { type: 'RoundCompleted', at: deadline.toISOString() },
    ]);
    expect(decide({ type: 'DeadlineReached', now: deadline }, apply(r, events))).toEqual([]);
  });

  it('counts silence at the deadline as "no qualified candidates" when the company agreed they need not reply (R6)', () => {
    let r = openRound({
      id: 'o2-1',
      orderId: 'o2',
      leadJobcentre: 101,
      scope: 'cooperation',
      order,
      recipients: [147, 151],
      openedAt: opened,
      deadline,
      silenceMeansNone: true,
    });
    r = apply(r, decide({ type: 'RecordReply', recipient: 147, answer: 'candidates', candidates: [], now: opened }, r));
    const at = deadline.toISOString();
    const events = decide({ type: 'DeadlineReached', now: deadline }, r);
    expect(events).toEqual([
      { type: 'ReplyRecorded', recipient: 151, answer: 'none', candidates: [], late: false, amended: false, at, implied: true },
      { type: 'RoundCompleted', at },
    ]);
    r = apply(r, events);
    expect(r.recipients.map((x) => [x.jobcentre, x.status, x.answer, x.implied])).toEqual([
      [147, 'replied', 'candidates', undefined],
      [151, 'replied', 'none', true],
    ]);
    expect(decide({ type: 'DeadlineReached', now: deadline }, r)).toEqual([]);
    // A real reply after the implied one is a first reply (late), and no longer implied.
    const real = decide(
      { type: 'RecordReply', recipient: 151, answer: 'none', candidates: [], now: new Date(deadline.getTime() + 60_000) },
      r,
    );
    expect(real).toMatchObject([{ type: 'ReplyRecorded', recipient: 151, amended: false, late: true }]);
    expect(apply(r, real).recipients[1]?.implied).toBeUndefined();
  });

  it('reminds nobody when silence means none: the recipients need not reply', () => {
    const open = openRound({
      id: 'r-s',
      orderId: 'o-s',
      leadJobcentre: 101,
      scope: 'cooperation',
      order,
      recipients: [147, 151],
      openedAt: opened,
      deadline,
      silenceMeansNone: true,
    });
    expect(pendingRecipients(open)).toEqual([147, 151]);
    expect(reminderRecipients(open)).toEqual([]);
    expect(reminderRecipients({ ...open, silenceMeansNone: false })).toEqual([147, 151]);
  });

  it('ignores a deadline when nobody is pending any more (every recipient replied)', () => {
    let r = round([147, 151]);
    r = apply(r, decide(reply(147), r));
    r = apply(r, decide(reply(151), r));
    expect(r.status).toBe('complete');
    expect(decide({ type: 'DeadlineReached', now: deadline }, r)).toEqual([]);
  });

  it('a repeated deadline (a retried or duplicated timer job) changes nothing the second time', () => {
    let r = round();
    r = apply(r, decide({ type: 'DeadlineReached', now: deadline }, r));
    expect(r.recipients.map((x) => x.status)).toEqual(['overdue', 'overdue', 'overdue']);
    expect(decide({ type: 'DeadlineReached', now: new Date(deadline.getTime() + 60_000) }, r)).toEqual([]);
  });

  it('reminds exactly the recipients still pending while the round is open', () => {
    let r = round();
    expect(pendingRecipients(r)).toEqual([147, 151, 153]);
    r = apply(r, decide(reply(151), r));
    expect(pendingRecipients(r)).toEqual([147, 153]);
    r = apply(r, decide({ type: 'DeadlineReached', now: deadline }, r));
    expect(pendingRecipients(r)).toEqual([]);
  });

  it('completes when everyone has replied or is overdue, exactly once', () => {
    let r = round([147, 151]);
    r = apply(r, decide(reply(147), r));
    expect(r.status).toBe('open');
    const events = decide({ type: 'DeadlineReached', now: deadline }, r);
    expect(events.map((e) => e.type)).toEqual(['RecipientOverdue', 'RoundCompleted']);
    r = apply(r, events);
    expect(r.status).toBe('complete');
    expect(summarise(r)).toEqual({ replied: [147], overdue: [151], pending: [], candidateCount: 0 });
  });

  it('accepts a reply after the deadline and marks it late, without completing twice', () => {
    let r = round([147]);
    r = apply(r, decide({ type: 'DeadlineReached', now: deadline }, r));
    expect(r.status).toBe('complete');
    const late = decide(reply(147, new Date('2026-11-28T10:00:00Z')), r);
    expect(late).toEqual([expect.objectContaining({ type: 'ReplyRecorded', late: true })]);
    expect(apply(r, late).recipients[0]?.status).toBe('replied');
  });

  it('never makes the lead jobcentre a recipient', () => {
    expect(() => round([101, 147])).toThrow(/lead jobcentre/);
  });
});

describe('amendments, closing and escalation', () => {
  const candidate = { candidateRef: 'c-147-1', summary: 'Tømrer' };

  it('records an amendment while the round is not closed, keeping the first reply time', () => {
    let r = round();
    r = apply(r, decide(reply(147), r));
    const amend = decide(
      { type: 'RecordReply', recipient: 147, answer: 'candidates', candidates: [candidate], now: new Date('2026-11-26T08:00:00Z') },
      r,
    );
    expect(amend).toEqual([expect.objectContaining({ type: 'ReplyRecorded', amended: true, late: false })]);
    const after = apply(r, amend);
    expect(after.recipients[0]).toMatchObject({ answer: 'candidates', candidates: [candidate], repliedAt: '2026-11-25T12:00:00.000Z' });
    // The same content again is a duplicate in effect.
    expect(decide({ type: 'RecordReply', recipient: 147, answer: 'candidates', candidates: [candidate], now: new Date() }, after)).toEqual(
      [],
    );
  });

  it('closes once, withdrawing from everyone who has not replied, and then ignores replies and deadlines', () => {
    let r = round();
    r = apply(r, decide(reply(147), r));
    const close = decide({ type: 'Close', reason: 'filled', now: new Date('2026-11-26T08:00:00Z') }, r);
    expect(close).toEqual([{ type: 'RoundClosed', reason: 'filled', withdrawnFrom: [151, 153], at: '2026-11-26T08:00:00.000Z' }]);
    r = apply(r, close);
    expect(r.status).toBe('closed');
    expect(decide({ type: 'Close', reason: 'cancelled', now: deadline }, r)).toEqual([]);
    expect(decide(reply(151), r)).toEqual([]);
    expect(decide({ type: 'DeadlineReached', now: deadline }, r)).toEqual([]);
    expect(pendingRecipients(r)).toEqual([]);
  });

  it('proposes the next wider scope only when the round brought no candidates (R7)', () => {
    let r = round([147]);
    r = apply(r, decide(reply(147), r));
    expect(proposedNextScope(r)).toBe('east-denmark');
    expect(proposedNextScope({ ...r, scope: 'east-denmark' })).toBe('national');
    expect(proposedNextScope({ ...r, scope: 'national' })).toBeUndefined();
    const withCandidate = apply(
      r,
      decide({ type: 'RecordReply', recipient: 147, answer: 'candidates', candidates: [candidate], now: deadline }, r),
    );
    expect(proposedNextScope(withCandidate)).toBeUndefined();
  });
});

describe('shortlists from matching', () => {
  const sl = (ref: string) => ({ candidateRef: ref, headline: 'SOSU', score: 80, reasons: [] });
  const lists = new Map([
    [147, [sl('a1')]],
    [153, [sl('c1')]],
    [999, [sl('z1')]],
  ]);

  const v1 = '2026-12-01T10:00:00.000Z';
  const v2 = '2026-12-01T11:00:00.000Z';
  const deliver = (version: string, shortlists: Shortlists = lists) => ({
    type: 'DeliverShortlists' as const,
    shortlists,
    version,
    now: opened,
  });

  it('go once per ranking, each pending recipient only its own list, and not at all when the opening carried them', () => {
    let r = apply(round(), decide(reply(153), round()));
    const events = decide(deliver(v1), r);
    expect(events).toEqual([
      {
        type: 'ShortlistsDelivered',
        version: v1,
        to: [{ recipient: 147, shortlist: [sl('a1')] }],
        digests: [{ recipient: 147, digest: shortlistDigest([sl('a1')]) }],
        at: opened.toISOString(),
      },
    ]);
    r = apply(r, events);
    expect(decide(deliver(v1), r)).toEqual([]);
    const withLists = openRound({
      id: 'o2-1',
      orderId: 'o2',
      leadJobcentre: 101,
      scope: 'cooperation',
      order,
      recipients: [147],
      openedAt: opened,
      deadline,
      shortlists: lists,
      shortlistVersion: v1,
    });
    expect(decide(deliver(v1), withLists)).toEqual([]);
  });

  it('a newer ranking goes to the recipients whose own list changed; an older one is ignored', () => {
    const r = apply(round(), decide(deliver(v1), round()));
    const newer = new Map([
      [147, [sl('a1')]],
      [151, [sl('b9')]],
    ]);
    const events = decide(deliver(v2, newer), r);
    expect(events).toHaveLength(1);
    const delivered = events[0] as Extract<RoundEvent, { type: 'ShortlistsDelivered' }>;
    // 147's list is the same: not sent again. 151's is new. 153's was emptied: nothing to send.
    expect(delivered.to).toEqual([{ recipient: 151, shortlist: [sl('b9')] }]);
    expect(delivered.digests.map((d) => d.recipient).sort()).toEqual([151, 153]);
    const after = apply(r, events);
    expect(after.shortlistVersion).toBe(v2);
    expect(decide(deliver(v2, newer), after)).toEqual([]);
    expect(decide(deliver(v1), after)).toEqual([]);
  });
});

describe('a lead handover', () => {
  it('moves the round to the newest lead only', () => {
    const at = (h: number) => `2026-12-02T${String(h).padStart(2, '0')}:00:00.000Z`;
    const first = decide({ type: 'HandOver', to: 147, changedAt: at(10), now: opened }, round());
    expect(first[0]).toEqual({ type: 'LeadChanged', from: 101, to: 147, at: at(10) });
    const r = apply(round(), first);
    expect([r.leadJobcentre, r.leadSince]).toEqual([147, at(10)]);
    expect(decide({ type: 'HandOver', to: 147, changedAt: at(10), now: opened }, r)).toEqual([]);
    expect(decide({ type: 'HandOver', to: 153, changedAt: at(9), now: opened }, r)).toEqual([]);
    expect(decide({ type: 'HandOver', to: 153, changedAt: at(11), now: opened }, r)[0]).toMatchObject({ type: 'LeadChanged', to: 153 });
  });
});

describe('a handover to a recipient of the round', () => {
  it("ends the new lead's reply obligation: an implied none, never reminded nor overdue", () => {
    const r = apply(round(), decide({ type: 'HandOver', to: 147, changedAt: '2026-12-02T10:00:00.000Z', now: opened }, round()));
    expect(r.leadJobcentre).toBe(147);
    expect(pendingRecipients(r)).toEqual([151, 153]);
    expect(reminderRecipients(r)).not.toContain(147);
    const atDeadline = decide({ type: 'DeadlineReached', now: new Date(Date.parse(r.deadline) + 1) } as RoundCommand, r);
    expect(atDeadline.filter((e) => e.type === 'RecipientOverdue').map((e) => (e as { recipient: number }).recipient)).toEqual([151, 153]);
  });

  it('completes the round when the new lead was the last one asked', () => {
    const others = apply(round(), [...decide(reply(151), round()), ...decide(reply(153), apply(round(), decide(reply(151), round())))]);
    const events = decide({ type: 'HandOver', to: 147, changedAt: '2026-12-02T10:00:00.000Z', now: opened }, others);
    expect(events.map((e) => e.type)).toEqual(['LeadChanged', 'ReplyRecorded', 'RoundCompleted']);
  });

  it('changes nothing for a recipient that already replied', () => {
    const replied = apply(round(), decide(reply(147), round()));
    expect(decide({ type: 'HandOver', to: 147, changedAt: '2026-12-02T10:00:00.000Z', now: opened }, replied).map((e) => e.type)).toEqual([
      'LeadChanged',
    ]);
  });
});

describe('a candidate hired elsewhere', () => {
  const proposed = (ref: string) => ({ candidateRef: ref, summary: 'SOSU' });
  const withCandidates = () =>
    apply(
      round(),
      decide(
        { type: 'RecordReply', recipient: 147, answer: 'candidates', candidates: [proposed('k1'), proposed('k2')], now: opened },
        round(),
      ),
    );
  const withdraw = (over: Partial<{ jobcentre: number; candidateRef: string; hiredFor: string }> = {}): RoundCommand => ({
    type: 'WithdrawCandidate',
    jobcentre: 147,
    candidateRef: 'k1',
    hiredFor: 'other-order',
    now: opened,
    ...over,
  });

  it('leaves the round of another order, the rest of the reply stays', () => {
    const r = withCandidates();
    const events = decide(withdraw(), r);
    expect(events).toEqual([
      expect.objectContaining({ type: 'CandidateWithdrawn', recipient: 147, candidateRef: 'k1', hiredFor: 'other-order' }),
    ]);
    const after = apply(r, events);
    expect(after.recipients.find((x) => x.jobcentre === 147)?.candidates?.map((c) => c.candidateRef)).toEqual(['k2']);
    expect(decide(withdraw(), after)).toEqual([]);
  });

  it('stays on the order it was hired for, and a same ref from another jobcentre is another person', () => {
    expect(decide(withdraw({ hiredFor: 'o1' }), withCandidates())).toEqual([]);
    expect(decide(withdraw({ jobcentre: 151 }), withCandidates())).toEqual([]);
  });
});
