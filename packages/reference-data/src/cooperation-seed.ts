import { COOPERATIONS } from './data/cooperations';
import { jobcentre } from './jobcentres';
import type { Cooperation } from './types';

/**
 * The cooperations as the first version of their administered data (R15): reporting seeds its
 * store with these at first start and every consumer (broadcast, …) starts from the same, so
 * both agree on version 1 until the first change arrives as cooperation.changed. Same shape as
 * @rs/contracts' CooperationState (this package depends on nothing, so it is declared here).
 */
export interface CooperationSeed {
  id: string;
  name: string;
  established: string;
  version: number;
  members: { jobcentre: number; municipalities: number[]; from: string; until: string | null }[];
  secretariat: { jobcentre: number | null; since: string | null };
  chair: { jobcentre: number | null; since: string | null; rotationYears: number };
  targets: { placementsPerYear: number | null; unfilledOrders: number | null };
  replyWindow: { hours: number; mode: 'working-time' | 'clock' };
  escalation: { autoEscalate: boolean; notifySecretariat: boolean };
  screeningPrinciples: { id: string; da: string; en: string }[];
  changedAt: string;
  changedBy: string;
  reason: string;
}

/**
 * The shared screening principles (R12, order-intake's checklist): each cooperation's first list,
 * and the list of an order outside any cooperation.
 */
export const SHARED_SCREENING_PRINCIPLES: readonly Readonly<CooperationSeed['screeningPrinciples'][number]>[] = [
  { id: 'qualifications', en: 'Has the qualifications the job needs', da: 'Har de kvalifikationer, jobbet kræver' },
  {
    id: 'hard-requirements',
    en: 'Meets every hard requirement (certificates, licences, languages)',
    da: 'Opfylder alle skarpe krav (certifikater, kørekort, sprog)',
  },
  { id: 'availability', en: 'Can start when the company wants', da: 'Kan starte, når virksomheden ønsker det' },
  { id: 'interest', en: 'Wants this job and has said so', da: 'Ønsker jobbet og har sagt det' },
  { id: 'transport', en: 'Can get to the workplace at the working hours', da: 'Kan komme til arbejdspladsen i arbejdstiden' },
  { id: 'informed', en: 'Knows the job, the hours and the pay', da: 'Kender jobbet, arbejdstiden og lønnen' },
];

type Extras = Pick<CooperationSeed, 'chair' | 'targets'> & { secretariatSince: string | null };

/**
 * What the source documents say beyond the compiled data: HRS's secretariat and chair went to
 * Ballerup in 2025 (no day given: the first of the year) and the chair rotates every second
 * year; HRS aims for 500 placements in its first period; both aim for zero unfilled orders.
 */
const EXTRAS: Record<string, Extras> = {
  HRS: {
    secretariatSince: '2025-01-01',
    chair: { jobcentre: 151, since: '2025-01-01', rotationYears: 2 },
    targets: { placementsPerYear: 500, unfilledOrders: 0 },
  },
};
const DEFAULT_EXTRAS: Extras = {
  secretariatSince: null,
  chair: { jobcentre: null, since: null, rotationYears: 2 },
  targets: { placementsPerYear: null, unfilledOrders: 0 },
};

/** Who made the seed version. */
export const SEED_AUTHOR = 'reference-data';
/** The seed's time: fixed, so every service's seed is the same document. */
export const SEED_TIME = '2026-01-01T00:00:00.000Z';

function seedOf(c: Cooperation): CooperationSeed {
  const extras = EXTRAS[c.id] ?? DEFAULT_EXTRAS;
  return {
    id: c.id,
    name: c.name,
    established: c.established,
    version: 1,
    members: c.members.map((code) => ({
      jobcentre: code,
      municipalities: [...(jobcentre(code)?.municipalities ?? [code])],
      from: c.established,
      until: null,
    })),
    secretariat: { jobcentre: c.secretariatHost ?? null, since: c.secretariatHost === undefined ? null : extras.secretariatSince },
    chair: { ...extras.chair },
    targets: { ...extras.targets },
    replyWindow: { hours: c.replyWindowHours, mode: c.replyWindowMode },
    escalation: { autoEscalate: c.autoEscalate, notifySecretariat: c.secretariatHost !== undefined },
    screeningPrinciples: SHARED_SCREENING_PRINCIPLES.map((p) => ({ ...p })),
    changedAt: SEED_TIME,
    changedBy: SEED_AUTHOR,
    reason: 'Seeded from the reference data / Indlæst fra referencedata',
  };
}

/** Every compiled cooperation as its first version (fresh objects: callers may change them). */
export function cooperationSeeds(): CooperationSeed[] {
  return COOPERATIONS.map(seedOf);
}
