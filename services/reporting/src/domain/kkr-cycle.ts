/**
 * The KKR progress scheme's annual cycle for the recommendations of a year: the municipality
 * marks its status through the year; in January and February of the next year the status goes
 * to the municipal council; then (March) the secretariat collects the schemes for KKR.
 */
export type CyclePhaseId = 'marking' | 'council' | 'collection';

export interface CyclePhase {
  id: CyclePhaseId;
  /** Local dates in Copenhagen, `from` included and `to` excluded. */
  from: string;
  to: string;
  label: { da: string; en: string };
}

export interface Cycle {
  year: number;
  phases: CyclePhase[];
  /** The phase today falls in, or null before the year or after the collection. */
  current: CyclePhaseId | null;
}

/** The cycle of `year`'s scheme, with the phase of `today` (a local date, `2026-12-01`). */
export function cycleOf(year: number, today: string): Cycle {
  const next = year + 1;
  const phases: CyclePhase[] = [
    {
      id: 'marking',
      from: `${year}-01-01`,
      to: `${next}-01-01`,
      label: { da: 'Kommunen markerer status på hver skal-anbefaling', en: 'The municipality marks each must recommendation' },
    },
    {
      id: 'council',
      from: `${next}-01-01`,
      to: `${next}-03-01`,
      label: {
        da: 'Status forelægges kommunalbestyrelsen (januar–februar)',
        en: 'The status goes to the municipal council (January–February)',
      },
    },
    {
      id: 'collection',
      from: `${next}-03-01`,
      to: `${next}-04-01`,
      label: { da: 'Sekretariatet samler skemaerne til KKR (marts)', en: 'The secretariat collects the schemes for KKR (March)' },
    },
  ];
  const current = phases.find((p) => today >= p.from && today < p.to)?.id ?? null;
  return { year, phases, current };
}

/**
 * The year of the scheme a reader means without naming one, on `today` (a local date). In January
 * and February the work is last year's scheme — it is the one going to the municipal council then,
 * and the new year's recommendations have barely any marks yet — so that is the default; from March
 * (collected for KKR) the new year's.
 */
export function defaultSchemeYear(today: string): number {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  return month <= 2 ? year - 1 : year;
}
