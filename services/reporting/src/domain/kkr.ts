import { type Cell, toCsv } from './csv';
import type { Light } from './thresholds';

/**
 * The KKR progress scheme: the recommendations as data, and each municipality's status per
 * "must" recommendation with its history. Where the platform has evidence, a status is
 * proposed from it and marked `platform` until the municipality sets its own.
 */
export interface Recommendation {
  id: string;
  year: number;
  category: string;
  obligation: 'must' | 'may';
  text: string;
  /** What the platform can judge it by, if anything. */
  evidence?: 'cooperation-membership' | 'reply-compliance' | 'service-goal-compliance';
}

/**
 * The seed, in the scheme's own words where they are short. An admin's list replaces it once the
 * cooperations are administered as data (issue 20, part 5); ids are stable so statuses stay attached.
 */
export const SEED_RECOMMENDATIONS: readonly Recommendation[] = [
  {
    id: 'kkr-2026-1',
    year: 2026,
    category: 'Samarbejde',
    obligation: 'must',
    text: 'Kommunen deltager i et forpligtende rekrutteringssamarbejde med nabokommunerne.',
    evidence: 'cooperation-membership',
  },
  {
    id: 'kkr-2026-2',
    year: 2026,
    category: 'Virksomhedsservice',
    obligation: 'must',
    text: 'Jobcentret svarer på samarbejdets rekrutteringsordrer inden for den aftalte svarfrist.',
    evidence: 'reply-compliance',
  },
  {
    id: 'kkr-2026-3',
    year: 2026,
    category: 'Virksomhedsservice',
    obligation: 'must',
    text: 'Virksomheden kontaktes inden for 1 arbejdsdag efter en henvendelse.',
    evidence: 'service-goal-compliance',
  },
  {
    id: 'kkr-2026-4',
    year: 2026,
    category: 'Opkvalificering',
    obligation: 'must',
    text: 'Kommunen bruger fælles opkvalificeringsforløb, hvor virksomhederne mangler arbejdskraft.',
  },
  {
    id: 'kkr-2026-5',
    year: 2026,
    category: 'Samarbejde',
    obligation: 'may',
    text: 'Kommunen deler erfaringer med andre samarbejder i KKR-regi.',
  },
];

export interface StatusEntry {
  id: string;
  municipality: number;
  recommendationId: string;
  year: number;
  status: Light;
  remark: string;
  by: string;
  at: string;
}

/** What the platform knows of a municipality in a year. */
export interface Evidence {
  cooperation: string | null;
  replyInTimeRate: number | null;
  dialogueCompliance: number | null;
}

export interface SchemeRow {
  recommendation: Recommendation;
  current: { status: Light; remark: string; source: 'municipality' | 'platform'; at: string | null; by: string | null } | null;
  history: StatusEntry[];
}

const rateLight = (rate: number, green: number, yellow: number): Light => (rate >= green ? 'green' : rate >= yellow ? 'yellow' : 'red');
const pct = (rate: number) => `${Math.round(rate * 100)} %`;

/** A status proposed from the platform's evidence, or undefined when it has none. */
export function proposal(
  rec: Recommendation,
  evidence: Evidence,
  limits: { green: number; yellow: number },
): { status: Light; remark: string } | undefined {
  switch (rec.evidence) {
    case 'cooperation-membership':
      return evidence.cooperation
        ? { status: 'green', remark: `Medlem af ${evidence.cooperation} (platformens data)` }
        : { status: 'red', remark: 'Ikke medlem af et rekrutteringssamarbejde (platformens data)' };
    case 'reply-compliance':
      return evidence.replyInTimeRate === null
        ? undefined
        : {
            status: rateLight(evidence.replyInTimeRate, limits.green, limits.yellow),
            remark: `Svar i tide: ${pct(evidence.replyInTimeRate)} (platformens data)`,
          };
    case 'service-goal-compliance':
      return evidence.dialogueCompliance === null
        ? undefined
        : {
            status: rateLight(evidence.dialogueCompliance, limits.green, limits.yellow),
            remark: `Servicemål 1 arbejdsdag: ${pct(evidence.dialogueCompliance)} (platformens data)`,
          };
    default:
      return undefined;
  }
}

/** One municipality's scheme for a year: each "must" recommendation, its status now and its history. */
export function scheme(
  year: number,
  recommendations: readonly Recommendation[],
  entries: readonly StatusEntry[],
  evidence: Evidence,
  limits: { green: number; yellow: number },
): SchemeRow[] {
  return recommendations
    .filter((r) => r.year === year && r.obligation === 'must')
    .map((recommendation) => {
      const history = entries
        .filter((e) => e.recommendationId === recommendation.id && e.year === year)
        .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
      const own = history.at(-1);
      const proposed = own ? undefined : proposal(recommendation, evidence, limits);
      const current = own
        ? { status: own.status, remark: own.remark, source: 'municipality' as const, at: own.at, by: own.by }
        : proposed
          ? { ...proposed, source: 'platform' as const, at: null, by: null }
          : null;
      return { recommendation, current, history };
    });
}

const LIGHT_DA: Record<Light, string> = { green: 'grøn', yellow: 'gul', red: 'rød' };
const SOURCE_DA = { municipality: 'kommunen', platform: 'platformen (forslag)' } as const;

export const SCHEME_HEADER = [
  'Kommune',
  'År',
  'Anbefaling',
  'Kategori',
  'Tekst',
  'Status',
  'Bemærkning',
  'Kilde',
  'Ændret',
  'Ændret af',
  'Antal ændringer',
] as const;

function rows(name: string, year: number, list: readonly SchemeRow[]): Cell[][] {
  return list.map((r) => [
    name,
    year,
    r.recommendation.id,
    r.recommendation.category,
    r.recommendation.text,
    r.current ? LIGHT_DA[r.current.status] : null,
    r.current?.remark ?? null,
    r.current ? SOURCE_DA[r.current.source] : null,
    r.current?.at ?? null,
    r.current?.by ?? null,
    r.history.length,
  ]);
}

export function schemeCsv(name: string, year: number, list: readonly SchemeRow[]): string {
  return toCsv(SCHEME_HEADER, rows(name, year, list));
}

/** The collected overview for KKR: every municipality's rows one after another. */
export function overviewCsv(year: number, schemes: ReadonlyArray<{ name: string; rows: readonly SchemeRow[] }>): string {
  return toCsv(
    SCHEME_HEADER,
    schemes.flatMap((s) => rows(s.name, year, s.rows)),
  );
}
