import { type CooperationState, danishDay, membersOn, type ScreeningPrinciple } from '@rs/contracts';
import { cooperationSeeds, isJobcentre, jobcentre as jobcentreById } from '@rs/reference-data';

/**
 * The cooperations as data (R15), pure: the seed from the reference data, and what a change
 * means. The reference data is the seed, never the source of truth: once seeded, reporting's
 * store holds each cooperation and every change is a new version with who, when and why.
 */

/** One kept version: the state as it became, and what changed from the one before. */
export interface CooperationVersion {
  state: CooperationState;
  changed: string[];
}

/** A change an admin asks for; only the named parts change. */
export interface CooperationChange {
  /** The version the admin saw; a newer one in between refuses the change (409). */
  expectedVersion?: number | undefined;
  reason: string;
  secretariat?: { jobcentre: number | null; since: string } | undefined;
  chair?: { jobcentre: number | null; since: string; rotationYears?: number | undefined } | undefined;
  /** A jobcentre joins from a day (a new membership entry). */
  join?: { jobcentre: number; from: string } | undefined;
  /** A member leaves from a day (its open membership ends then). */
  leave?: { jobcentre: number; from: string } | undefined;
  targets?: Partial<CooperationState['targets']> | undefined;
  replyWindow?: Partial<CooperationState['replyWindow']> | undefined;
  escalation?: Partial<CooperationState['escalation']> | undefined;
  screeningPrinciples?: ScreeningPrinciple[] | undefined;
}

/** A change that cannot apply, naming the field (the HTTP edge maps it to a 422 at that field). */
export interface ChangeRefusal {
  field: string;
  en: string;
  da: string;
}

export type ChangeOutcome =
  | { kind: 'changed'; version: CooperationVersion }
  | { kind: 'conflict'; current: number }
  | { kind: 'refused'; refusals: ChangeRefusal[] }
  | { kind: 'unchanged' };

/** Every compiled cooperation's first version (the seed). */
export function seedStates(): CooperationState[] {
  return cooperationSeeds();
}

/** A jobcentre's membership from a day, with the municipalities it serves (the reference data's). */
export function membership(jobcentre: number, from: string): CooperationState['members'][number] {
  return { jobcentre, municipalities: [...(jobcentreById(jobcentre)?.municipalities ?? [jobcentre])], from, until: null };
}

/**
 * When the chair is next due to rotate (its `since` plus `rotationYears`), or null without a
 * chair. The steering group decides who takes over; the platform only shows that it is due.
 */
export function nextChairRotation(chair: CooperationState['chair']): string | null {
  if (chair.jobcentre === null || chair.since === null) return null;
  const [y = 0, m = 1, d = 1] = chair.since.split('-').map(Number);
  // A day as a day is written (four-digit year, 1 March for 29 February in a year without one);
  // none past year 9999, which no day can name.
  if (y + chair.rotationYears > 9999) return null;
  const due = new Date(0);
  due.setUTCFullYear(y + chair.rotationYears, m - 1, d);
  return due.toISOString().slice(0, 10);
}

/**
 * What a change means for a cooperation: its next version, or why not. `others` are the other
 * cooperations (a jobcentre is a member of one cooperation at a time). `at` is now.
 */
export function applyChange(
  current: CooperationState,
  change: CooperationChange,
  others: readonly CooperationState[],
  by: string,
  at: Date,
): ChangeOutcome {
  if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) {
    return { kind: 'conflict', current: current.version };
  }
  const refusals: ChangeRefusal[] = [];
  const next: CooperationState = structuredClone(current);
  const today = danishDay(at);

  if (change.join) {
    const { jobcentre, from } = change.join;
    if (!isJobcentre(jobcentre)) {
      refusals.push({ field: 'body.join.jobcentre', en: 'No jobcentre has this code', da: 'Intet jobcenter har denne kode' });
    } else if (next.members.some((m) => m.jobcentre === jobcentre && (m.until === null || m.until > from))) {
      refusals.push({ field: 'body.join.jobcentre', en: 'Already a member from that day', da: 'Allerede medlem fra den dag' });
    } else if (memberElsewhere(others, jobcentre, from)) {
      refusals.push({ field: 'body.join.jobcentre', ...MEMBER_ELSEWHERE });
    } else {
      next.members.push(membership(jobcentre, from));
      next.members.sort((a, b) => a.jobcentre - b.jobcentre || a.from.localeCompare(b.from));
    }
  }
  if (change.leave) {
    const { jobcentre, from } = change.leave;
    const open = next.members.find((m) => m.jobcentre === jobcentre && m.until === null);
    if (!open) {
      refusals.push({ field: 'body.leave.jobcentre', en: 'Not a member now', da: 'Ikke medlem nu' });
    } else if (from <= open.from) {
      refusals.push({ field: 'body.leave.from', en: 'Must be after the day it joined', da: 'Skal ligge efter den dag, det trådte ind' });
    } else {
      open.until = from;
    }
  }
  if (change.secretariat) next.secretariat = { jobcentre: change.secretariat.jobcentre, since: change.secretariat.since };
  if (change.chair) {
    next.chair = {
      jobcentre: change.chair.jobcentre,
      since: change.chair.since,
      rotationYears: change.chair.rotationYears ?? current.chair.rotationYears,
    };
  }
  if (change.targets) next.targets = { ...next.targets, ...definedOnly(change.targets) };
  if (change.replyWindow) next.replyWindow = { ...next.replyWindow, ...definedOnly(change.replyWindow) };
  if (change.escalation) next.escalation = { ...next.escalation, ...definedOnly(change.escalation) };
  if (change.screeningPrinciples) {
    const ids = change.screeningPrinciples.map((p) => p.id);
    if (new Set(ids).size !== ids.length) {
      refusals.push({ field: 'body.screeningPrinciples', en: 'Each id once', da: 'Hvert id kun én gang' });
    }
    next.screeningPrinciples = change.screeningPrinciples;
  }

  for (const office of ['secretariat', 'chair'] as const) if (change[office]) refusals.push(...officeRefusals(next, office, today));
  if (next.secretariat.jobcentre !== null && !change.secretariat && change.leave?.jobcentre === next.secretariat.jobcentre) {
    refusals.push({
      field: 'body.leave.jobcentre',
      en: 'Hosts the secretariat: move the secretariat first',
      da: 'Er vært for sekretariatet: flyt sekretariatet først',
    });
  }
  if (refusals.length > 0) return { kind: 'refused', refusals };

  const changed = changedFields(current, next);
  if (changed.length === 0) return { kind: 'unchanged' };
  next.version = current.version + 1;
  next.changedAt = at.toISOString();
  next.changedBy = by;
  next.reason = change.reason;
  return { kind: 'changed', version: { state: next, changed } };
}

/**
 * A jobcentre is a member of one cooperation at a time: whether one of `others` still has it as a
 * member on or after `from` (a membership ending by then leaves room for the new one).
 */
export function memberElsewhere(others: readonly CooperationState[], jobcentre: number, from: string): boolean {
  return others.some((o) => o.members.some((m) => m.jobcentre === jobcentre && (m.until === null || m.until > from)));
}

export const MEMBER_ELSEWHERE = {
  en: 'A member of another cooperation then; it must leave that one first',
  da: 'Medlem af et andet samarbejde på det tidspunkt; det skal først udtræde af det',
} as const;

/**
 * The secretariat and the chair are members on the day they take office (and today, if later):
 * why `next`'s office holder cannot hold it, at its field (none when it holds no one).
 */
export function officeRefusals(next: CooperationState, office: 'secretariat' | 'chair', today: string): ChangeRefusal[] {
  const { jobcentre, since } = next[office];
  if (jobcentre === null) return [];
  const day = since !== null && since > today ? since : today;
  const field = `body.${office}.jobcentre`;
  if (!isJobcentre(jobcentre)) return [{ field, en: 'No jobcentre has this code', da: 'Intet jobcenter har denne kode' }];
  if (!membersOn(next, day).includes(jobcentre)) {
    return [{ field, en: 'Must be a member of the cooperation', da: 'Skal være medlem af samarbejdet' }];
  }
  return [];
}

/** The parts a version is compared by (a new cooperation's first version sets them all). */
export const COMPARED = ['members', 'secretariat', 'chair', 'targets', 'replyWindow', 'escalation', 'screeningPrinciples'] as const;

/** The top-level parts that differ between two versions, in a fixed order. */
export function changedFields(before: CooperationState, after: CooperationState): string[] {
  return COMPARED.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
