import { z } from 'zod';
import { Instant, JobcentreCode, OrderId, RoundId } from './common';

/** A calendar day, `YYYY-MM-DD` (memberships and offices start and end on days, not instants). */
export const Day = z.iso.date();

export const CooperationIdField = z.string().regex(/^[A-Z]{2,10}$/, 'two to ten capital letters, e.g. HRS');

/**
 * One membership of a jobcentre in a cooperation: from `from` (inclusive) until `until`
 * (exclusive; null while it lasts). A jobcentre that leaves and joins again has two entries.
 */
export const Membership = z.object({
  jobcentre: JobcentreCode,
  /** The municipalities it serves, its own included (Dragør by Tårnby, Ishøj by Vallensbæk). */
  municipalities: z.array(z.number().int().min(100).max(999)),
  from: Day,
  until: Day.nullable(),
});
export type Membership = z.infer<typeof Membership>;

export const ScreeningPrinciple = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/, 'lower-case letters, digits and -'),
  da: z.string().min(1).max(300),
  en: z.string().min(1).max(300),
});
export type ScreeningPrinciple = z.infer<typeof ScreeningPrinciple>;

/**
 * A cooperation as the admin keeps it in reporting (R15): the whole state, so a consumer of
 * cooperation.changed needs no lookup. `version` counts the changes from 1 (the seed).
 */
export const CooperationState = z.object({
  id: CooperationIdField,
  name: z.string().min(1).max(200),
  established: Day,
  version: z.number().int().min(1),
  members: z.array(Membership),
  /** The jobcentre hosting the secretariat (null where none is named) and since when. */
  secretariat: z.object({ jobcentre: JobcentreCode.nullable(), since: Day.nullable() }),
  /** The steering group's chair; it rotates every `rotationYears` years (HRS: every second year). */
  chair: z.object({ jobcentre: JobcentreCode.nullable(), since: Day.nullable(), rotationYears: z.number().int().min(1).max(10) }),
  /** What the steering group aims for (R11): placements a year (HRS: 500), unfilled orders (goal zero). */
  targets: z.object({ placementsPerYear: z.number().int().min(0).nullable(), unfilledOrders: z.number().int().min(0).nullable() }),
  /** R6: recipients reply within `hours`, counted in working time or plain clock hours. */
  replyWindow: z.object({ hours: z.number().int().min(1).max(720), mode: z.enum(['working-time', 'clock']) }),
  /**
   * R7: `autoEscalate` opens the next wider round by itself when a round brings nothing;
   * `notifySecretariat` sends the secretariat's jobcentre a round.secretariat-notice when a round
   * opens and when a recipient lets the deadline pass.
   */
  escalation: z.object({ autoEscalate: z.boolean(), notifySecretariat: z.boolean() }),
  /**
   * R12: the shared principles for screening candidates (a referral records the ids it checked;
   * ids are stable, texts may be reworded).
   */
  screeningPrinciples: z.array(ScreeningPrinciple).max(30),
  /** Who made this version, when and why. */
  changedAt: Instant,
  changedBy: z.string().min(1).max(200),
  reason: z.string().min(1).max(1000),
});
export type CooperationState = z.infer<typeof CooperationState>;

/** reporting → every service: a cooperation changed; the payload is its whole new state. */
export const CooperationChanged = z.object({
  cooperation: CooperationState,
  /** The top-level fields this version changed (e.g. `secretariat`, `members`). */
  changed: z.array(z.string()),
});
export type CooperationChanged = z.infer<typeof CooperationChanged>;

const HRS_MEMBERS = [101, 147, 151, 153, 157, 159, 161, 163, 165, 167, 169, 173, 175, 185, 187, 190];
const SERVED: Record<number, number[]> = { 185: [155, 185], 187: [183, 187] };

export const cooperationChangedExample: CooperationChanged = {
  cooperation: {
    id: 'HRS',
    name: 'Hovedstadens Rekrutteringsservice',
    established: '2015-08-01',
    version: 2,
    members: HRS_MEMBERS.map((jobcentre) => ({
      jobcentre,
      municipalities: SERVED[jobcentre] ?? [jobcentre],
      from: '2015-08-01',
      until: null,
    })),
    secretariat: { jobcentre: 151, since: '2025-01-01' },
    chair: { jobcentre: 151, since: '2025-01-01', rotationYears: 2 },
    targets: { placementsPerYear: 500, unfilledOrders: 0 },
    replyWindow: { hours: 48, mode: 'working-time' },
    escalation: { autoEscalate: false, notifySecretariat: true },
    screeningPrinciples: [{ id: 'availability', en: 'Can start when the company wants', da: 'Kan starte, når virksomheden ønsker det' }],
    changedAt: '2026-11-27T09:00:00.000Z',
    changedBy: 'admin',
    reason: 'Sekretariatet flyttede til Ballerup / The secretariat moved to Ballerup',
  },
  changed: ['secretariat', 'chair'],
};

/** broadcast → the secretariat's jobcentre: a round of its cooperation opened, or a recipient is overdue. */
export const SecretariatNotice = z.object({
  roundId: RoundId,
  orderId: OrderId,
  cooperation: CooperationIdField,
  leadJobcentre: JobcentreCode,
  /** The secretariat's jobcentre this went to (its queue). */
  recipient: JobcentreCode,
  event: z.enum(['opened', 'overdue']),
  deadline: Instant,
  /** Set for `opened`: the round's recipients. */
  recipients: z.array(JobcentreCode).optional(),
  /** Set for `overdue`: the jobcentre that let the deadline pass. */
  overdue: JobcentreCode.optional(),
});
export type SecretariatNotice = z.infer<typeof SecretariatNotice>;

export const secretariatNoticeExample: SecretariatNotice = {
  roundId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10-1',
  orderId: 'b3c1f7e2-3f0a-4a43-9f4e-2d9f3c1a7e10',
  cooperation: 'HRS',
  leadJobcentre: 101,
  recipient: 151,
  event: 'overdue',
  deadline: '2026-11-27T09:00:01.000Z',
  overdue: 147,
};

/** Whether a membership holds on a day (`YYYY-MM-DD`): from ≤ day < until. */
export function memberOn(m: Pick<Membership, 'from' | 'until'>, day: string): boolean {
  return m.from <= day && (m.until === null || day < m.until);
}

/** The cooperation's member jobcentres on a day, ascending. */
export function membersOn(c: Pick<CooperationState, 'members'>, day: string): number[] {
  return [...new Set(c.members.filter((m) => memberOn(m, day)).map((m) => m.jobcentre))].sort((a, b) => a - b);
}

/** The cooperation a jobcentre is a member of on a day, among these; undefined if none. */
export function cooperationOn<C extends Pick<CooperationState, 'members'>>(
  all: readonly C[],
  jobcentre: number,
  day: string,
): C | undefined {
  return all.find((c) => c.members.some((m) => m.jobcentre === jobcentre && memberOn(m, day)));
}

const DANISH_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The day an instant falls on in Denmark, `YYYY-MM-DD`: memberships begin and end on Danish days. */
export function danishDay(at: Date): string {
  return DANISH_DAY.format(at);
}

/**
 * The cooperations as a service knows them now (its directory's `current()`: seeded from the
 * reference data, followed from cooperation.changed). Domain rules take it as a parameter and
 * never read a global, so a cooperation created or a member added by the admin counts at once.
 */
export type CooperationView = readonly CooperationState[];

/** The cooperation with this id in the view, or undefined (an id the admin never created). */
export function cooperationById(view: CooperationView, id: string): CooperationState | undefined {
  return view.find((c) => c.id === id);
}

/**
 * A view on the Danish day a rule is asked about: memberships have effective dates, so "which
 * cooperation is jobcentre 151 in" has an answer only for a day.
 */
export interface CooperationsNow {
  readonly view: CooperationView;
  readonly day: string;
}

/** The view on the day `at` falls on in Denmark. */
export function cooperationsAt(view: CooperationView, at: Date): CooperationsNow {
  return { view, day: danishDay(at) };
}

/** The id of the cooperation the jobcentre is a member of that day; undefined if none. */
export function cooperationIdOf(c: CooperationsNow, jobcentre: number): string | undefined {
  return cooperationOn(c.view, jobcentre, c.day)?.id;
}

/** The member jobcentres of a cooperation that day, ascending; empty for an unknown id. */
export function membersOf(c: CooperationsNow, id: string): number[] {
  const found = cooperationById(c.view, id);
  return found ? membersOn(found, c.day) : [];
}
