import { type Cooperation, cooperationOfJobcentre, membersOf } from '../cooperations';
import { z } from 'zod';

/** The dashboard's filters as the GET form sends them, each checked on its own. */
const FIELDS = {
  cooperation: z.string().regex(/^[A-Z]{2,10}$/),
  // Reporting keeps figures from 2020 on: the page offers and accepts no year before.
  period: z.string().regex(/^20[2-9]\d(-Q[1-4]|-(0[1-9]|1[0-2]))?$/),
  jobcentre: z.string().regex(/^\d{3}$/),
  bars: z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,60}$/),
} as const;
export type FilterField = keyof typeof FIELDS;
export type Filters = Partial<Record<FilterField, string>>;

/** Who is looking, as far as the filters care. */
export type Viewer = { role: 'admin' } | { role: 'secretariat'; cooperation: string } | { role: 'jobcentre'; jobcentre: number };

export interface ParsedFilters {
  filters: Filters;
  /** Fields left out because their value is not one (the API's default applies): the page says so. */
  dropped: FilterField[];
  /** A jobcentre left out because it is not a member of the cooperation shown. */
  notMember: { jobcentre: number; cooperation: string } | null;
}

/**
 * The filters of one request. A value that is not one is left out and named (never silently);
 * an admin naming only a jobcentre sees that jobcentre's cooperation (else the first one); a
 * jobcentre that is not a member of the cooperation shown is left out, so the page shows the
 * whole cooperation with a notice rather than a refusal.
 */
export function parseFilters(query: Record<string, unknown>, viewer: Viewer, cooperations: readonly Cooperation[]): ParsedFilters {
  const filters: Filters = {};
  const dropped: FilterField[] = [];
  for (const field of Object.keys(FIELDS) as FilterField[]) {
    const raw = query[field];
    if (raw === undefined || raw === '') continue;
    const parsed = FIELDS[field].safeParse(raw);
    if (parsed.success) filters[field] = parsed.data;
    else dropped.push(field);
  }
  if (viewer.role === 'admin' && !filters.cooperation) {
    const own = filters.jobcentre ? cooperationOfJobcentre(cooperations, Number(filters.jobcentre))?.id : undefined;
    filters.cooperation = own ?? cooperations[0]?.id;
  }
  let notMember: ParsedFilters['notMember'] = null;
  const shown = filters.cooperation ?? (viewer.role === 'secretariat' ? viewer.cooperation : undefined);
  const members = shown && cooperations.some((c) => c.id === shown) ? membersOf(cooperations, shown) : undefined;
  if (viewer.role !== 'jobcentre' && filters.jobcentre && shown && members && !members.includes(Number(filters.jobcentre))) {
    notMember = { jobcentre: Number(filters.jobcentre), cooperation: shown };
    delete filters.jobcentre;
  }
  return { filters, dropped, notMember };
}

/** The filters as reporting's query string (the chart's choice stays on the page). */
export function queryOf(f: Filters): string {
  const q = new URLSearchParams();
  if (f.cooperation) q.set('cooperation', f.cooperation);
  if (f.period) q.set('period', f.period);
  if (f.jobcentre) q.set('jobcentre', f.jobcentre);
  return q.toString();
}
