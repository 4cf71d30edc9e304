import { randomUUID } from 'node:crypto';
import { type Envelope, type MessageName, makeEnvelope, type PayloadOf } from '@rs/contracts';
import { cooperation } from '@rs/reference-data';
import { type GenOrder, QUARTER } from './quarter-kit';

/**
 * The rest of a generated quarter (issue 20): onboarding follow-ups of its hires, agreements in
 * force or not, upskilling courses with their seats changing and their participants' outcomes
 * changing, and companies' coming needs. As quarter-kit.ts: the events the services would
 * publish (superseded versions included), the records they would keep, and — from the generated
 * data alone — the figures a report must show. Dates are compared as text here, on purpose not
 * with the service's Copenhagen instants.
 */

const FIRST_DAY = '2026-07-01';
const LAST_DAY = '2026-09-30';
const MONTHS = ['2026-07', '2026-08', '2026-09'];

export interface GenFollowUp {
  id: string;
  orderId: string;
  cooperation: string;
  jobcentre: number;
  candidateRef: string;
  startDate: string;
  weeks: number;
  dueOn: string;
  outcome: { status: 'still-employed' | 'left'; recordedAt: string } | null;
}

export interface GenAgreement {
  id: string;
  kind: 'recruitment' | 'a-kasse';
  cooperation: string;
  lead: number | null;
  period: { from: string; to?: string };
  expectedHires: number;
}

type Status = 'started' | 'completed' | 'dropped-out';

export interface GenCourse {
  id: string;
  cooperation: string;
  lead: number;
  openedAt: string;
  seats: number;
  price: number;
  positiveList: boolean;
  orderId: string | null;
  company: string;
  status: 'open' | 'allocated';
  /** Each change of seats, in version order: the touched jobcentres' standing after it. */
  changes: Array<{
    version: number;
    cause: 'allocation' | 'waiting-list' | 'given-back';
    shares: Array<{ jobcentre: number; requested: number; allocated: number }>;
  }>;
  participants: Array<{ jobcentre: number; ref: string; steps: Array<{ version: number; status: Status; hiredOn: string | null }> }>;
  requested: Map<number, number>;
  version: number;
}

export interface GenNeed {
  id: string;
  cooperation: string;
  jobcentre: number | null;
  count: number;
  expectedBy: string;
  courseWouldHelp: boolean;
}

export interface Extras {
  followUps: GenFollowUp[];
  agreements: GenAgreement[];
  courses: GenCourse[];
  needs: GenNeed[];
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

const addDays = (date: string, days: number) => {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

const RECRUITMENT_PERIODS: Array<{ from: string; to?: string }> = [
  { from: '2026-01-01', to: '2026-06-30' },
  { from: '2026-06-30', to: '2026-07-01' },
  { from: '2025-05-01' },
  { from: '2026-10-01' },
  { from: '2026-09-30', to: '2026-12-31' },
  { from: '2026-08-01', to: '2027-07-31' },
];
const FUND_PERIODS: Array<{ from: string; to?: string }> = [
  { from: '2026-01-01' },
  { from: '2025-01-01', to: '2025-12-31' },
  { from: '2026-07-15', to: '2026-08-15' },
];
const NEED_MONTHS = ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-07', '2026-09', '2026-08'];

export function generateExtras(orders: readonly GenOrder[], seed = 4242): Extras {
  const rnd = mulberry32(seed);
  const followUps: GenFollowUp[] = [];
  for (const o of orders)
    for (const h of o.hires) {
      if (rnd() < 0.4) continue;
      const startDate = addDays(h.hiredAt.slice(0, 10), 14);
      for (const weeks of [4, 13]) {
        const dueOn = addDays(startDate, 7 * weeks);
        const answered = dueOn < '2026-09-20' && rnd() < 0.8;
        followUps.push({
          id: `${o.id}-${h.jobcentre}-${h.candidateRef}-w${weeks}`,
          orderId: o.id,
          cooperation: o.cooperation,
          jobcentre: h.jobcentre,
          candidateRef: h.candidateRef,
          startDate,
          weeks,
          dueOn,
          outcome: answered ? { status: rnd() < 0.8 ? 'still-employed' : 'left', recordedAt: `${dueOn}T10:00:00.000Z` } : null,
        });
      }
    }

  const agreements: GenAgreement[] = [];
  const courses: GenCourse[] = [];
  const needs: GenNeed[] = [];
  for (const coop of ['HRS', 'JRS']) {
    const members = [...cooperation(coop)!.members].sort((a, b) => a - b);
    for (const [i, period] of RECRUITMENT_PERIODS.entries())
      agreements.push({
        id: randomUUID(),
        kind: 'recruitment',
        cooperation: coop,
        lead: members[i % members.length]!,
        period,
        expectedHires: 5 + i,
      });
    for (const period of FUND_PERIODS)
      agreements.push({ id: randomUUID(), kind: 'a-kasse', cooperation: coop, lead: null, period, expectedHires: 0 });
    for (const [i, expectedBy] of NEED_MONTHS.entries())
      needs.push({
        id: `need-${coop}-${i}-${randomUUID().slice(0, 8)}`,
        cooperation: coop,
        jobcentre: i === 3 ? null : members[i % members.length]!,
        count: 1 + i,
        expectedBy,
        courseWouldHelp: i % 2 === 0,
      });
    const hired = orders.filter((o) => o.cooperation === coop && o.hires.length > 0);
    for (let k = 0; k < 4; k++) courses.push(course(coop, k, members, hired, rnd));
  }
  return { followUps, agreements, courses, needs };
}

function course(coop: string, k: number, members: number[], hired: GenOrder[], rnd: () => number): GenCourse {
  const served = k === 1 ? undefined : hired[k];
  const c: GenCourse = {
    id: `course-${coop}-${k}-${randomUUID().slice(0, 8)}`,
    cooperation: coop,
    lead: members[k % members.length]!,
    openedAt: k === 3 ? '2026-06-25T08:00:00.000Z' : new Date(Date.parse(QUARTER.from) + (5 + 25 * k) * 86_400_000).toISOString(),
    seats: 6 + Math.floor(rnd() * 7),
    price: 5000 + 500 * Math.floor(rnd() * 15),
    positiveList: k % 2 === 0,
    orderId: served?.id ?? null,
    company: served ? 'Plejecenter Tårnby' : 'Lagerhuset A/S',
    status: coop === 'JRS' && k === 2 ? 'open' : 'allocated',
    changes: [],
    participants: [],
    requested: new Map(),
    version: 1,
  };
  const shuffled = [...members].sort(() => rnd() - 0.5).slice(0, 2 + Math.floor(rnd() * 3));
  // The served order's hired candidate's jobcentre asks for seats, so a course hire can be linked to it.
  const hiredFrom = served?.hires.find((h) => members.includes(h.jobcentre))?.jobcentre;
  const requesters = hiredFrom === undefined || shuffled.includes(hiredFrom) ? shuffled : [hiredFrom, ...shuffled.slice(1)];
  for (const j of requesters) {
    c.requested.set(j, 1 + Math.floor(rnd() * 4));
    c.version++;
  }
  if (c.status === 'open') return c;
  const allocated = new Map<number, number>();
  let left = c.seats;
  for (const j of requesters) {
    const got = Math.min(c.requested.get(j)!, left);
    allocated.set(j, got);
    left -= got;
  }
  const share = (j: number) => ({ jobcentre: j, requested: c.requested.get(j)!, allocated: allocated.get(j)! });
  c.changes.push({ version: ++c.version, cause: 'allocation', shares: requesters.map(share) });
  // A give-back (superseding the first allocation), then a seat to whoever still waits.
  const giver = requesters[0]!;
  if (allocated.get(giver)! > 1 && rnd() < 0.7) {
    allocated.set(giver, allocated.get(giver)! - 1);
    c.requested.set(giver, c.requested.get(giver)! - 1);
    c.changes.push({ version: ++c.version, cause: 'given-back', shares: [share(giver)] });
    const waiting = requesters.find((j) => allocated.get(j)! < c.requested.get(j)!);
    if (waiting !== undefined) {
      allocated.set(waiting, allocated.get(waiting)! + 1);
      c.changes.push({ version: ++c.version, cause: 'waiting-list', shares: [share(waiting)] });
    }
  }
  for (const j of requesters) {
    // The first participant is someone order-intake hired for the served order, where there is one from this jobcentre.
    const known = served?.hires.find((h) => h.jobcentre === j);
    const count = Math.max(known ? 1 : 0, allocated.get(j)! - (rnd() < 0.3 ? 1 : 0));
    for (let p = 0; p < count; p++) {
      const ref = p === 0 && known ? known.candidateRef : `u-${c.id}-${j}-${p}`;
      const steps: GenCourse['participants'][number]['steps'] = [{ version: ++c.version, status: 'started', hiredOn: null }];
      const r = p === 0 && known ? 0 : rnd();
      if (r < 0.65) {
        steps.push({ version: ++c.version, status: 'completed', hiredOn: null });
        if (rnd() < 0.6 || (p === 0 && known)) steps.push({ version: ++c.version, status: 'completed', hiredOn: '2026-09-10' });
      } else if (r < 0.85) steps.push({ version: ++c.version, status: 'dropped-out', hiredOn: null });
      c.participants.push({ jobcentre: j, ref, steps });
    }
  }
  return c;
}

const env = <N extends MessageName>(name: N, data: PayloadOf<N>, time: string, source: string, subject: string) =>
  makeEnvelope(name, data, { id: randomUUID(), time: new Date(time), source, subject }) as Envelope;

function summary(c: GenCourse): PayloadOf<'course.opened'>['course'] {
  return {
    title: 'Truckcertifikat A og B',
    provider: { kind: 'amu', name: 'AMU Hovedstaden' },
    positiveList: c.positiveList ? { list: 'Hovedstaden', year: 2026 } : null,
    startDate: '2026-09-01',
    endDate: '2026-09-05',
    place: 'Glostrup',
    seats: c.seats,
    boughtBy: `Jobcenter ${c.lead}`,
    fundedBy: 'jobcentres',
    pricePerSeatDkk: c.price,
    company: { name: c.company },
    orderId: c.orderId,
    guarantee: { kind: 'none' },
    windowClosesAt: '2026-08-25T10:00:00.000Z',
  };
}

const finalAllocation = (c: GenCourse) => {
  const latest = new Map<number, number>();
  for (const change of c.changes) for (const s of change.shares) latest.set(s.jobcentre, s.allocated);
  return latest;
};

/** What upskilling-seat and order-intake would have published. */
export function extraEvents(x: Extras): Array<{ name: MessageName; envelope: Envelope }> {
  const out: Array<{ name: MessageName; envelope: Envelope }> = [];
  const add = <N extends MessageName>(name: N, data: PayloadOf<N>, time: string, source: string, subject: string) =>
    out.push({ name, envelope: env(name, data, time, source, subject) });
  const intake = '/services/order-intake';
  const seat = '/services/upskilling-seat';
  for (const f of x.followUps) {
    const planned = {
      followUpId: f.id,
      orderId: f.orderId,
      cooperation: f.cooperation,
      jobcentre: f.jobcentre,
      candidateRef: f.candidateRef,
      startDate: f.startDate,
      weeksAfterStart: f.weeks,
      dueOn: f.dueOn,
    };
    add('order.follow-up-planned', planned, `${f.startDate}T08:00:00.000Z`, intake, f.id);
    if (f.outcome) add('order.follow-up-recorded', { ...planned, ...f.outcome }, f.outcome.recordedAt, intake, f.id);
  }
  for (const a of x.agreements) {
    if (a.kind === 'recruitment')
      add(
        'agreement.recruitment-recorded',
        {
          agreementId: a.id,
          companyId: `company-${a.id.slice(0, 8)}`,
          leadJobcentre: a.lead!,
          cooperation: a.cooperation,
          period: a.period,
          expectedHires: a.expectedHires,
          silenceMeansNone: false,
          recordedAt: '2026-01-05T09:00:00.000Z',
        },
        '2026-01-05T09:00:00.000Z',
        intake,
        a.id,
      );
    else
      add(
        'agreement.a-kasse-recorded',
        { agreementId: a.id, fund: '3F A-kasse', cooperation: a.cooperation, period: a.period, recordedAt: '2026-01-05T09:00:00.000Z' },
        '2026-01-05T09:00:00.000Z',
        intake,
        a.id,
      );
  }
  for (const c of x.courses) {
    const members = [...cooperation(c.cooperation)!.members];
    add(
      'course.opened',
      {
        courseId: c.id,
        leadJobcentre: c.lead,
        cooperation: c.cooperation,
        scope: 'cooperation',
        inScope: members,
        course: summary(c),
        openedAt: c.openedAt,
      },
      c.openedAt,
      seat,
      c.id,
    );
    for (const change of c.changes)
      add(
        'course.seats-allocated',
        {
          courseId: c.id,
          cooperation: c.cooperation,
          version: change.version,
          cause: change.cause,
          shares: change.shares.map((s) => ({
            ...s,
            waitlisted: Math.max(0, s.requested - s.allocated),
            costDkk: s.allocated * c.price,
          })),
          at: '2026-08-25T10:01:00.000Z',
        },
        '2026-08-25T10:01:00.000Z',
        seat,
        c.id,
      );
    for (const p of c.participants)
      for (const step of p.steps)
        add(
          'course.outcome-recorded',
          {
            courseId: c.id,
            cooperation: c.cooperation,
            version: step.version,
            jobcentre: p.jobcentre,
            candidateRef: p.ref,
            status: step.status,
            hiredOn: step.hiredOn,
            orderId: c.orderId,
            recordedAt: '2026-09-12T10:00:00.000Z',
          },
          '2026-09-12T10:00:00.000Z',
          seat,
          c.id,
        );
  }
  for (const n of x.needs)
    add(
      'need.recorded',
      {
        needId: n.id,
        company: 'Lagerhuset A/S',
        occupation: 'Lagermedarbejder',
        count: n.count,
        expectedBy: n.expectedBy,
        courseWouldHelp: n.courseWouldHelp,
        course: n.courseWouldHelp ? 'Truckcertifikat A og B' : null,
        jobcentre: n.jobcentre,
        cooperation: n.cooperation,
        recordedAt: '2026-06-15T09:00:00.000Z',
      },
      '2026-06-15T09:00:00.000Z',
      seat,
      n.id,
    );
  return out;
}

/** The records order-intake and upskilling-seat keep of the same (the rebuild's sources). */
export function extraRecords(x: Extras) {
  const book = { processed: [], changeTokens: [] };
  return {
    followUps: x.followUps.map((f) => ({
      _id: f.id,
      orderId: f.orderId,
      cooperation: f.cooperation,
      jobcentre: f.jobcentre,
      candidateRef: f.candidateRef,
      startDate: f.startDate,
      weeksAfterStart: f.weeks,
      dueOn: f.dueOn,
      outcome: f.outcome ? { ...f.outcome, recordedBy: 'onboarding-hrs' } : null,
      done: f.outcome !== null,
      version: f.outcome ? 2 : 1,
      ...book,
    })),
    recruitmentAgreements: x.agreements
      .filter((a) => a.kind === 'recruitment')
      .map((a) => ({
        _id: a.id,
        companyId: `company-${a.id.slice(0, 8)}`,
        leadJobcentre: a.lead,
        cooperation: a.cooperation,
        period: a.period,
        expectedHires: a.expectedHires,
        terms: { silenceMeansNone: false, other: '' },
        createdAt: '2026-01-05T09:00:00.000Z',
        createdBy: 'consultant',
        version: 1,
        ...book,
      })),
    fundAgreements: x.agreements
      .filter((a) => a.kind === 'a-kasse')
      .map((a) => ({
        _id: a.id,
        fund: '3F A-kasse',
        cooperation: a.cooperation,
        period: a.period,
        contact: { name: 'Kontakt' },
        notes: '',
        createdAt: '2026-01-05T09:00:00.000Z',
        createdBy: 'secretariat',
        version: 1,
        ...book,
      })),
    courses: x.courses.map((c) => {
      const allocated = finalAllocation(c);
      return {
        _id: c.id,
        version: c.version,
        leadJobcentre: c.lead,
        cooperation: c.cooperation,
        scope: 'cooperation',
        inScope: [...cooperation(c.cooperation)!.members],
        summary: summary(c),
        windowClosesAt: '2026-08-25T10:00:00.000Z',
        budgetCeilings: [],
        defaultBudgetCeilingDkk: null,
        status: c.status,
        openedAt: c.openedAt,
        ...(c.status === 'allocated' ? { allocatedAt: '2026-08-25T10:01:00.000Z', rule: 'fits' } : {}),
        requests: [...c.requested].map(([jobcentre, seats]) => ({
          jobcentre,
          seats,
          candidates: c.participants
            .filter((p) => p.jobcentre === jobcentre)
            .map((p) => {
              const last = p.steps.at(-1)!;
              return {
                candidateRef: p.ref,
                selection: 'accepted',
                outcome: { status: last.status, hiredOn: last.hiredOn, recordedAt: '2026-09-12T10:00:00.000Z' },
              };
            }),
          requestedAt: '2026-08-01T10:00:00.000Z',
          updatedAt: '2026-08-01T10:00:00.000Z',
          allocated: c.status === 'allocated' ? (allocated.get(jobcentre) ?? 0) : null,
          withdrawn: false,
        })),
        ...book,
      };
    }),
    needs: x.needs.map((n) => ({
      _id: n.id,
      company: 'Lagerhuset A/S',
      occupation: 'Lagermedarbejder',
      count: n.count,
      expectedBy: n.expectedBy,
      courseWouldHelp: n.courseWouldHelp,
      course: n.courseWouldHelp ? 'Truckcertifikat A og B' : null,
      note: '',
      jobcentre: n.jobcentre,
      cooperation: n.cooperation,
      recordedBy: 'consultant',
      recordedAt: '2026-06-15T09:00:00.000Z',
      version: 1,
      ...book,
    })),
  };
}

const rate = (part: number, whole: number) => (whole ? part / whole : null);
const dayIn = (day: string) => day >= FIRST_DAY && day <= LAST_DAY;

/** The figures of the extras counted straight from the generated data (never from the read model). */
export function expectedExtras(orders: readonly GenOrder[], x: Extras, coop: string, jobcentre?: number) {
  const mineJ = (j: number | null) => jobcentre === undefined || j === jobcentre;

  const due = x.followUps.filter((f) => f.cooperation === coop && dayIn(f.dueOn) && mineJ(f.jobcentre));
  const done = due.filter((f) => f.outcome !== null);
  const stillEmployed = done.filter((f) => f.outcome!.status === 'still-employed').length;
  const left = done.length - stillEmployed;

  const inForce = x.agreements.filter(
    (a) => a.cooperation === coop && a.period.from <= LAST_DAY && (a.period.to === undefined || a.period.to >= FIRST_DAY),
  );
  const recruitment = inForce.filter((a) => a.kind === 'recruitment' && mineJ(a.lead));

  const opened = x.courses.filter((c) => c.cooperation === coop && c.openedAt >= QUARTER.from && c.openedAt < QUARTER.to);
  const led = opened.filter((c) => mineJ(c.lead));
  const allocations = opened.flatMap((c) => [...finalAllocation(c)].filter(([j]) => mineJ(j)).map(([, n]) => ({ c, n })));
  const people = opened.flatMap((c) => c.participants.filter((p) => mineJ(p.jobcentre)).map((p) => ({ c, p, last: p.steps.at(-1)! })));
  const hiredPeople = people.filter(({ last }) => last.hiredOn !== null);
  const linked = hiredPeople.filter(({ c, p }) =>
    orders.some(
      (o) =>
        (o.id === c.orderId || c.company === 'Plejecenter Tårnby') &&
        o.hires.some((h) => h.candidateRef === p.ref && h.jobcentre === p.jobcentre),
    ),
  ).length;
  const bought = opened.reduce((n, c) => n + c.seats, 0);
  const allocated = allocations.reduce((n, a) => n + a.n, 0);
  const cost =
    jobcentre === undefined ? opened.reduce((n, c) => n + c.seats * c.price, 0) : allocations.reduce((n, a) => n + a.n * a.c.price, 0);
  const completed = people.filter(({ last }) => last.status === 'completed').length;
  const droppedOut = people.filter(({ last }) => last.status === 'dropped-out').length;

  const needs = x.needs.filter((n) => n.cooperation === coop && MONTHS.includes(n.expectedBy) && mineJ(n.jobcentre));
  return {
    followUps: {
      due: due.length,
      done: done.length,
      stillEmployed,
      left,
      open: due.length - done.length,
      doneRate: rate(done.length, due.length),
      retention: rate(stillEmployed, stillEmployed + left),
    },
    agreements: {
      recruitment: recruitment.length,
      expectedHires: recruitment.reduce((n, a) => n + a.expectedHires, 0),
      aKasse: jobcentre === undefined ? inForce.filter((a) => a.kind === 'a-kasse').length : null,
    },
    upskilling: {
      courses: led.length,
      positiveListCourses: led.filter((c) => c.positiveList).length,
      seatsBought: jobcentre === undefined ? bought : null,
      seatsAllocated: allocated,
      seatsUsed: people.length,
      completed,
      droppedOut,
      hiredAfter: hiredPeople.length,
      hiresLinkedToOrders: linked,
      costDkk: cost,
      costPerHireDkk: hiredPeople.length ? Math.round(cost / hiredPeople.length) : null,
      seatUseRate: rate(people.length, jobcentre === undefined ? bought : allocated),
      completionRate: rate(completed, completed + droppedOut),
      hireRate: rate(hiredPeople.length, people.length),
    },
    needs: {
      recorded: needs.length,
      people: needs.reduce((n, d) => n + d.count, 0),
      courseWouldHelp: needs.filter((n) => n.courseWouldHelp).length,
    },
  };
}
