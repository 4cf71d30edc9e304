import { type CooperationState, danishDay, type ScreeningPrinciple } from '@rs/contracts';
import { isJobcentre, SHARED_SCREENING_PRINCIPLES } from '@rs/reference-data';
import {
  COMPARED,
  type ChangeRefusal,
  type CooperationVersion,
  definedOnly,
  MEMBER_ELSEWHERE,
  memberElsewhere,
  membership,
  officeRefusals,
} from './cooperation';

/**
 * A new cooperation (R15: "any other cooperation, up to all 98 municipalities"), pure. What is not
 * named takes the seed's policies, the ones HRS and JRS started from: a 48-hour reply window in
 * working time, no automatic escalation, the shared screening principles, zero unfilled orders
 * as the goal, the chair rotating every second year, notices to the secretariat when there is one.
 */
export interface CooperationCreation {
  id: string;
  name: string;
  /** The day it was founded. Default: its first member's first day. */
  established?: string | undefined;
  members: { jobcentre: number; from: string }[];
  secretariat?: { jobcentre: number | null; since: string } | undefined;
  chair?: { jobcentre: number | null; since: string; rotationYears?: number | undefined } | undefined;
  targets?: Partial<CooperationState['targets']> | undefined;
  replyWindow?: Partial<CooperationState['replyWindow']> | undefined;
  escalation?: Partial<CooperationState['escalation']> | undefined;
  screeningPrinciples?: ScreeningPrinciple[] | undefined;
  reason: string;
}

export type CreateOutcome =
  | { kind: 'created'; version: CooperationVersion }
  | { kind: 'exists' }
  | { kind: 'refused'; refusals: ChangeRefusal[] };

/** The seed's policies (packages/reference-data's cooperation-seed.ts), for what a creation leaves out. */
export const NEW_COOPERATION_DEFAULTS = {
  rotationYears: 2,
  targets: { placementsPerYear: null, unfilledOrders: 0 },
  replyWindow: { hours: 48, mode: 'working-time' },
  autoEscalate: false,
} as const satisfies {
  rotationYears: number;
  targets: CooperationState['targets'];
  replyWindow: CooperationState['replyWindow'];
  autoEscalate: boolean;
};

/**
 * What creating a cooperation means: its first version (the history's first entry, every part set),
 * or why not, each refusal at its field. `all` are the cooperations there are (an id is taken once;
 * a jobcentre is a member of one cooperation at a time). `at` is now.
 */
export function createCooperation(input: CooperationCreation, all: readonly CooperationState[], by: string, at: Date): CreateOutcome {
  if (all.some((c) => c.id === input.id)) return { kind: 'exists' };
  const refusals: ChangeRefusal[] = [];
  const refuse = (field: string, en: string, da: string) => refusals.push({ field: `body.${field}`, en, da });
  if (input.members.length === 0) refuse('members', 'Name at least one member', 'Angiv mindst ét medlem');
  const seen = new Set<number>();
  input.members.forEach(({ jobcentre, from }, i) => {
    if (!isJobcentre(jobcentre)) refuse(`members.${i}.jobcentre`, 'No jobcentre has this code', 'Intet jobcenter har denne kode');
    else if (seen.has(jobcentre)) refuse(`members.${i}.jobcentre`, 'Each jobcentre once', 'Hvert jobcenter kun én gang');
    else if (memberElsewhere(all, jobcentre, from)) refuse(`members.${i}.jobcentre`, MEMBER_ELSEWHERE.en, MEMBER_ELSEWHERE.da);
    seen.add(jobcentre);
  });
  const principles = input.screeningPrinciples ?? SHARED_SCREENING_PRINCIPLES.map((p) => ({ ...p }));
  if (new Set(principles.map((p) => p.id)).size !== principles.length) {
    refuse('screeningPrinciples', 'Each id once', 'Hvert id kun én gang');
  }
  const members = input.members
    .map(({ jobcentre, from }) => membership(jobcentre, from))
    .sort((a, b) => a.jobcentre - b.jobcentre || a.from.localeCompare(b.from));
  const firstDay = members.map((m) => m.from).sort()[0] ?? danishDay(at);
  const secretariat = input.secretariat ?? { jobcentre: null, since: null };
  const state: CooperationState = {
    id: input.id,
    name: input.name,
    established: input.established ?? firstDay,
    version: 1,
    members,
    secretariat: { jobcentre: secretariat.jobcentre, since: secretariat.jobcentre === null ? null : secretariat.since },
    chair: input.chair
      ? {
          jobcentre: input.chair.jobcentre,
          since: input.chair.jobcentre === null ? null : input.chair.since,
          rotationYears: input.chair.rotationYears ?? NEW_COOPERATION_DEFAULTS.rotationYears,
        }
      : { jobcentre: null, since: null, rotationYears: NEW_COOPERATION_DEFAULTS.rotationYears },
    targets: { ...NEW_COOPERATION_DEFAULTS.targets, ...definedOnly(input.targets ?? {}) },
    replyWindow: { ...NEW_COOPERATION_DEFAULTS.replyWindow, ...definedOnly(input.replyWindow ?? {}) },
    escalation: {
      autoEscalate: NEW_COOPERATION_DEFAULTS.autoEscalate,
      notifySecretariat: secretariat.jobcentre !== null,
      ...definedOnly(input.escalation ?? {}),
    },
    screeningPrinciples: principles,
    changedAt: at.toISOString(),
    changedBy: by,
    reason: input.reason,
  };
  for (const office of ['secretariat', 'chair'] as const) refusals.push(...officeRefusals(state, office, danishDay(at)));
  if (refusals.length > 0) return { kind: 'refused', refusals };
  return { kind: 'created', version: { state, changed: [...COMPARED] } };
}
