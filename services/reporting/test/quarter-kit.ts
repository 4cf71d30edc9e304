import { randomUUID } from 'node:crypto';
import { type Envelope, type MessageName, makeEnvelope, type PayloadOf } from '@rs/contracts';
import { allJobcentres, cooperation } from '@rs/reference-data';

/**
 * A generated quarter for HRS and JRS: orders with their lifecycle, service-goal alerts, rounds
 * with replies at realistic delays (most within hours, some after the 48-hour window, some never),
 * hires. It yields the events the services would publish, the records they would keep (for the
 * rebuild) and, computed here from the generated data alone, the figures a report must show.
 */
export const QUARTER = { id: '2026-Q3', from: '2026-06-30T22:00:00.000Z', to: '2026-09-30T22:00:00.000Z' };

type Outcome = 'filled' | 'partly-filled' | 'unfilled' | 'cancelled' | 'open';
type Answer = { kind: 'in-time' | 'late'; minutes: number } | { kind: 'never' } | { kind: 'unanswered' };

export interface GenOrder {
  id: string;
  cooperation: string;
  lead: number;
  channel: 'jobcentre' | 'phone-line' | 'a-kasse' | 'api';
  positions: number;
  registeredAt: string;
  outcome: Outcome;
  closedAt: string | null;
  hires: Array<{ jobcentre: number; candidateRef: string; hiredAt: string }>;
  goals: { dialogue: { warned: boolean; breached: boolean }; candidates: { warned: boolean; breached: boolean } };
  rounds: Array<{
    id: string;
    /** Absent: the cooperation's own round; East Denmark and national rounds are escalations (R7). */
    scope?: 'east-denmark' | 'national';
    openedAt: string;
    deadline: string;
    answers: Map<number, Answer>;
  }>;
}

function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const plus = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString();

/** One draw, so the rest of the generated quarter stays as it was: all four channels of R11. */
const channelFor = (r: number): GenOrder['channel'] => (r < 0.3 ? 'phone-line' : r < 0.38 ? 'a-kasse' : r < 0.43 ? 'api' : 'jobcentre');

export function generateQuarter(seed = 20263, perCooperation = 24): GenOrder[] {
  const rnd = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
  const orders: GenOrder[] = [];
  for (const coopId of ['HRS', 'JRS']) {
    const members = cooperation(coopId)!.members;
    // A few orders of the quarter before, closed and hired in this one: their hires count, they do not.
    for (let i = 0; i < perCooperation + 3; i++) {
      const before = i >= perCooperation;
      const start = before ? Date.parse('2026-06-20T06:00:00.000Z') : Date.parse(QUARTER.from) + 3_600_000;
      const span = before ? 8 * 86_400_000 : 80 * 86_400_000;
      const registeredAt = new Date(start + Math.floor(rnd() * span)).toISOString();
      const r = rnd();
      let outcome: Outcome = before
        ? 'filled'
        : r < 0.35
          ? 'filled'
          : r < 0.5
            ? 'partly-filled'
            : r < 0.65
              ? 'unfilled'
              : r < 0.75
                ? 'cancelled'
                : 'open';
      let positions = 1 + Math.floor(rnd() * 3);
      if (outcome === 'partly-filled' && positions === 1) positions = 2;
      const closedAt = outcome === 'open' ? null : plus(registeredAt, (1 + Math.floor(rnd() * 25)) * 1440 + Math.floor(rnd() * 600));
      const lead = pick(members);
      const hireCount = outcome === 'filled' ? positions : outcome === 'partly-filled' ? 1 + Math.floor(rnd() * (positions - 1)) : 0;
      const hires = Array.from({ length: hireCount }, (_, k) => ({
        jobcentre: pick(members),
        candidateRef: `c-${i}-${k}-${coopId}`,
        hiredAt: plus(closedAt!, -60 - k),
      }));
      const dialogueBreach = i % 7 === 0 || rnd() < 0.1;
      const candidatesBreach = i % 8 === 1 || rnd() < 0.08;
      const goals = {
        dialogue: { warned: dialogueBreach || rnd() < 0.2, breached: dialogueBreach },
        candidates: { warned: candidatesBreach || rnd() < 0.15, breached: candidatesBreach },
      };
      const rounds: GenOrder['rounds'] = [];
      const roundCount = Math.floor(rnd() * 3);
      for (let k = 0; k < roundCount; k++) {
        const openedAt = plus(registeredAt, 30 + k * 2 * 1440);
        const recipients = [...members]
          .filter((m) => m !== lead)
          .sort(() => rnd() - 0.5)
          .slice(0, 3 + Math.floor(rnd() * 4));
        const answers = new Map<number, Answer>();
        for (const recipient of recipients) {
          const a = rnd();
          answers.set(
            recipient,
            a < 0.6
              ? { kind: 'in-time', minutes: 10 + Math.floor(rnd() * 2800) }
              : a < 0.72
                ? { kind: 'late', minutes: 2900 + Math.floor(rnd() * 3000) }
                : a < 0.87
                  ? { kind: 'never' }
                  : { kind: 'unanswered' },
          );
        }
        rounds.push({
          id: `${coopId.toLowerCase()}-${i}-${randomUUID().slice(0, 8)}-${k + 1}`,
          openedAt,
          deadline: plus(openedAt, 2880),
          answers,
        });
      }
      // A reply can only come while the order is open: answers after closing are dropped to unanswered/never.
      for (const round of rounds) {
        for (const [j, a] of round.answers) {
          if ((a.kind === 'in-time' || a.kind === 'late') && closedAt && plus(round.openedAt, a.minutes) >= closedAt)
            round.answers.set(j, { kind: 'unanswered' });
          if (a.kind === 'never' && closedAt && round.deadline >= closedAt) round.answers.set(j, { kind: 'unanswered' });
        }
      }
      if (before) outcome = 'filled';
      orders.push({
        id: `${coopId.toLowerCase()}-${i}-${randomUUID()}`,
        cooperation: coopId,
        lead,
        channel: channelFor(rnd()),
        positions,
        registeredAt,
        outcome,
        closedAt,
        hires,
        goals,
        rounds,
      });
    }
  }
  escalate(orders, mulberry32(seed + 1));
  return orders;
}

/**
 * Every fifth order of the quarter also went to East Denmark (every tenth to the whole country):
 * jobcentres outside the cooperation were asked, and some of its hires came from them. A second
 * random stream, so the rest of the generated quarter stays as it was.
 */
function escalate(orders: GenOrder[], rnd: () => number): void {
  for (const [n, o] of orders.entries()) {
    if (n % 5 !== 2 || o.registeredAt < QUARTER.from) continue;
    const members = new Set(cooperation(o.cooperation)!.members);
    const outside = allJobcentres()
      .map((j) => j.code)
      .filter((j) => !members.has(j))
      .sort(() => rnd() - 0.5)
      .slice(0, 3 + Math.floor(rnd() * 4));
    const openedAt = plus(o.registeredAt, 3 * 1440 + 45);
    // No round opens for an order closed by then.
    if (o.closedAt && o.closedAt <= plus(openedAt, 60)) continue;
    const deadline = plus(openedAt, 2880);
    const answers = new Map<number, Answer>();
    for (const j of outside) {
      const a = rnd();
      let answer: Answer =
        a < 0.6 ? { kind: 'in-time', minutes: 20 + Math.floor(rnd() * 2700) } : a < 0.8 ? { kind: 'never' } : { kind: 'unanswered' };
      if (answer.kind === 'in-time' && o.closedAt && plus(openedAt, answer.minutes) >= o.closedAt) answer = { kind: 'unanswered' };
      if (answer.kind === 'never' && o.closedAt && deadline >= o.closedAt) answer = { kind: 'unanswered' };
      answers.set(j, answer);
    }
    o.rounds.push({ id: `${o.id}-esc`, scope: n % 10 === 2 ? 'national' : 'east-denmark', openedAt, deadline, answers });
    // The first hire of a filled escalated order came from outside the cooperation.
    if (o.hires.length > 0) o.hires[0] = { ...o.hires[0]!, jobcentre: outside[0]! };
  }
}

const env = <N extends MessageName>(name: N, data: PayloadOf<N>, time: string, source: string) =>
  makeEnvelope(name, data, { id: randomUUID(), time: new Date(time), source, correlationId: (data as { orderId: string }).orderId });

/** What order-intake and broadcast would have published, in no particular order. */
export function eventsOf(orders: readonly GenOrder[]): Array<{ name: MessageName; envelope: Envelope }> {
  const out: Array<{ name: MessageName; envelope: Envelope }> = [];
  const add = <N extends MessageName>(name: N, data: PayloadOf<N>, time: string, source = '/services/order-intake') =>
    out.push({ name, envelope: env(name, data, time, source) as Envelope });
  for (const o of orders) {
    add(
      'order.registered',
      {
        orderId: o.id,
        leadJobcentre: o.lead,
        cooperation: o.cooperation,
        registeredAt: o.registeredAt,
        order: {
          title: 'Social- og sundhedshjælper',
          occupation: '5322',
          positions: o.positions,
          municipality: o.lead,
          companyName: 'Plejecenter Tårnby',
          description: '',
        },
        broadcast: null,
        // As order-intake sends it: `channel` only for its two v1 values, `intakeChannel` always.
        ...(o.channel === 'jobcentre' || o.channel === 'phone-line' ? { channel: o.channel } : {}),
        intakeChannel: o.channel,
      },
      o.registeredAt,
    );
    const base = {
      orderId: o.id,
      cooperation: o.cooperation,
      leadJobcentre: o.lead,
      by: `consultant-${o.lead}`,
      lawStatus: 'in-progress' as const,
    };
    add(
      'order.status-changed',
      { ...base, entryId: `${o.id}-1`, from: 'registered', to: 'in-dialogue', at: plus(o.registeredAt, 90) },
      plus(o.registeredAt, 90),
    );
    if (o.outcome === 'partly-filled') {
      add(
        'order.status-changed',
        { ...base, entryId: `${o.id}-2`, from: 'in-dialogue', to: 'partly-filled', lawStatus: 'closed-filled', at: plus(o.closedAt!, -30) },
        plus(o.closedAt!, -30),
      );
    }
    if (o.closedAt) {
      const outcome = o.outcome === 'partly-filled' ? 'filled' : (o.outcome as 'filled' | 'unfilled' | 'cancelled');
      add('order.closed', { orderId: o.id, leadJobcentre: o.lead, outcome, closedAt: o.closedAt }, o.closedAt);
    }
    for (const [goal, g] of Object.entries(o.goals) as Array<['dialogue' | 'candidates', { warned: boolean; breached: boolean }]>) {
      const workingDays = goal === 'dialogue' ? 1 : 3;
      const alert = (kind: 'warning' | 'breach', at: string) =>
        add(
          'order.service-goal-alert',
          {
            orderId: o.id,
            goal,
            kind,
            leadJobcentre: o.lead,
            cooperation: o.cooperation,
            registeredAt: o.registeredAt,
            dueAt: plus(o.registeredAt, workingDays * 1440),
            workingDays,
            at,
          },
          at,
        );
      if (g.warned) alert('warning', plus(o.registeredAt, workingDays * 1440 - 240));
      if (g.breached) alert('breach', plus(o.registeredAt, workingDays * 1440));
    }
    for (const round of o.rounds) {
      const src = '/services/broadcast';
      add(
        'round.opened',
        {
          roundId: round.id,
          orderId: o.id,
          leadJobcentre: o.lead,
          scope: round.scope ?? 'cooperation',
          recipients: [...round.answers.keys()],
          openedAt: round.openedAt,
          deadline: round.deadline,
        },
        round.openedAt,
        src,
      );
      const overdue: number[] = [];
      for (const [recipient, a] of round.answers) {
        if (a.kind === 'late' || a.kind === 'never') {
          overdue.push(recipient);
          add(
            'round.recipient-overdue',
            { roundId: round.id, orderId: o.id, leadJobcentre: o.lead, recipient, deadline: round.deadline },
            round.deadline,
            src,
          );
        }
        if (a.kind === 'in-time' || a.kind === 'late') {
          const repliedAt = plus(round.openedAt, a.minutes);
          const reply = {
            roundId: round.id,
            orderId: o.id,
            leadJobcentre: o.lead,
            recipient,
            answer: 'none' as const,
            candidateCount: 0,
            late: a.kind === 'late',
            amended: false,
            repliedAt,
          };
          add('round.reply-recorded', reply, repliedAt, src);
          // An amended reply later on: the first one is what counts.
          if (recipient % 5 === 0)
            add(
              'round.reply-recorded',
              { ...reply, amended: true, answer: 'candidates', candidateCount: 1, repliedAt: plus(repliedAt, 5000) },
              plus(repliedAt, 5000),
              src,
            );
        }
      }
      const replied = [...round.answers].filter(([, a]) => a.kind === 'in-time').map(([j]) => j);
      if (!o.closedAt || o.closedAt > round.deadline) {
        add(
          'round.completed',
          {
            roundId: round.id,
            orderId: o.id,
            leadJobcentre: o.lead,
            scope: round.scope ?? 'cooperation',
            completedAt: round.deadline,
            replied,
            overdue,
            candidateCount: 0,
            proposedNextScope: null,
          },
          round.deadline,
          src,
        );
      }
    }
    for (const h of o.hires)
      add(
        'order.candidate-hired',
        { orderId: o.id, jobcentre: h.jobcentre, candidateRef: h.candidateRef, hiredAt: h.hiredAt, cooperation: o.cooperation },
        h.hiredAt,
      );
  }
  return out;
}

/** The records order-intake and broadcast keep of the same quarter (the rebuild's sources). */
export function recordsOf(orders: readonly GenOrder[]) {
  return {
    orders: orders.map((o) => ({
      _id: o.id,
      leadJobcentre: o.lead,
      cooperation: o.cooperation,
      channel: o.channel,
      registeredBy: `consultant-${o.lead}`,
      registeredAt: o.registeredAt,
      // order-intake on main stores a partly filled order as closed "filled" with fewer hires than positions.
      status: o.outcome === 'open' ? 'registered' : o.outcome === 'partly-filled' ? 'filled' : o.outcome,
      ...(o.closedAt ? { closedAt: o.closedAt } : {}),
      company: { name: 'Plejecenter Tårnby', municipality: o.lead },
      order: {
        title: 'Social- og sundhedshjælper',
        occupation: '5322',
        positions: o.positions,
        municipality: o.lead,
        companyName: 'Plejecenter Tårnby',
        description: '',
      },
      broadcastRequested: null,
      rounds: [],
      hires: o.hires,
    })),
    serviceGoals: orders.map((o) => ({
      _id: o.id,
      leadJobcentre: o.lead,
      cooperation: o.cooperation,
      registeredAt: o.registeredAt,
      goals: {},
      warnedGoals: (['dialogue', 'candidates'] as const).filter((g) => o.goals[g].warned),
      breachedGoals: (['dialogue', 'candidates'] as const).filter((g) => o.goals[g].breached),
    })),
    rounds: orders.flatMap((o) =>
      o.rounds.map((round, k) => ({
        _id: round.id,
        orderId: o.id,
        seq: k + 1,
        leadJobcentre: o.lead,
        cooperation: o.cooperation,
        scope: round.scope ?? 'cooperation',
        openedAt: round.openedAt,
        deadline: round.deadline,
        status: o.closedAt ? 'closed' : 'complete',
        recipients: [...round.answers].map(([jobcentre, a]) =>
          a.kind === 'in-time' || a.kind === 'late'
            ? { jobcentre, status: 'replied', repliedAt: plus(round.openedAt, a.minutes), late: a.kind === 'late' }
            : { jobcentre, status: a.kind === 'never' ? 'overdue' : 'pending' },
        ),
      })),
    ),
  };
}

const inQuarter = (iso: string) => iso >= QUARTER.from && iso < QUARTER.to;
const med = (values: number[]) => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return Math.round((s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) * 10) / 10;
};

/** The figures counted straight from the generated quarter (never from the read model). */
export function expectedCounts(orders: readonly GenOrder[], coop: string, jobcentre?: number, target: number | null = null) {
  const mine = orders.filter((o) => o.cooperation === coop);
  const received = mine.filter((o) => inQuarter(o.registeredAt) && (jobcentre === undefined || o.lead === jobcentre));
  const count = (outcome: Outcome) => received.filter((o) => o.outcome === outcome).length;
  const filled = count('filled');
  const partlyFilled = count('partly-filled');
  const unfilled = count('unfilled');
  const goal = (g: 'dialogue' | 'candidates') => {
    const breached = received.filter((o) => o.goals[g].breached).length;
    return {
      orders: received.length,
      warned: received.filter((o) => o.goals[g].warned).length,
      breached,
      compliance: received.length ? (received.length - breached) / received.length : null,
    };
  };
  const replies = { received: 0, inTime: 0, late: 0, never: 0, pending: 0, silenceMeansNone: 0 };
  const minutes: number[] = [];
  for (const o of mine) {
    for (const round of o.rounds) {
      if (!inQuarter(round.openedAt)) continue;
      for (const [recipient, a] of round.answers) {
        if (jobcentre !== undefined && recipient !== jobcentre) continue;
        replies.received++;
        if (a.kind === 'in-time') replies.inTime++;
        else if (a.kind === 'late') replies.late++;
        else if (a.kind === 'never') replies.never++;
        else if (o.outcome === 'open') replies.pending++;
        if (a.kind === 'in-time' || a.kind === 'late') minutes.push(a.minutes);
      }
    }
  }
  const hires = mine
    .flatMap((o) => o.hires)
    .filter((h) => inQuarter(h.hiredAt) && (jobcentre === undefined || h.jobcentre === jobcentre)).length;
  const due = replies.inTime + replies.late + replies.never;
  const escalated = mine.flatMap((o) =>
    o.rounds
      .filter((r) => r.scope !== undefined && inQuarter(r.openedAt) && (jobcentre === undefined || o.lead === jobcentre))
      .map((r) => ({ o, r })),
  );
  const escalatedOrders = [...new Map(escalated.map(({ o }) => [o.id, o])).values()];
  const members = new Set(cooperation(coop)!.members);
  const escFilled = escalatedOrders.filter((o) => o.outcome === 'filled' || o.outcome === 'partly-filled').length;
  const escUnfilled = escalatedOrders.filter((o) => o.outcome === 'unfilled').length;
  const escalations = {
    eastDenmark: escalated.filter(({ r }) => r.scope === 'east-denmark').length,
    national: escalated.filter(({ r }) => r.scope === 'national').length,
    orders: escalatedOrders.length,
    asked: escalated.reduce((n, { r }) => n + r.answers.size, 0),
    filled: escFilled,
    unfilled: escUnfilled,
    hiresFromOutside: escalatedOrders.flatMap((o) => o.hires).filter((h) => !members.has(h.jobcentre)).length,
    fillRate: escFilled + escUnfilled ? escFilled / (escFilled + escUnfilled) : null,
  };
  return {
    orders: {
      received: received.length,
      byChannel: {
        jobcentre: received.filter((o) => o.channel === 'jobcentre').length,
        phoneLine: received.filter((o) => o.channel === 'phone-line').length,
        aKasse: received.filter((o) => o.channel === 'a-kasse').length,
        api: received.filter((o) => o.channel === 'api').length,
        unknown: 0,
      },
      filled,
      partlyFilled,
      unfilled,
      cancelled: count('cancelled'),
      open: count('open'),
      fillRate: filled + partlyFilled + unfilled ? (filled + partlyFilled) / (filled + partlyFilled + unfilled) : null,
      medianDaysToFill: med(
        received
          .filter((o) => o.outcome === 'filled' || o.outcome === 'partly-filled')
          .map((o) => (Date.parse(o.closedAt!) - Date.parse(o.registeredAt)) / 86_400_000),
      ),
    },
    serviceGoals: { dialogue: goal('dialogue'), candidates: goal('candidates') },
    replies: { ...replies, inTimeRate: due ? replies.inTime / due : null, medianReplyMinutes: med(minutes) },
    placements: { hires, target, progress: target ? hires / target : null },
    escalations,
  };
}
