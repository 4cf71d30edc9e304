import type { FigureSet, Report } from './figures';
import { litValues } from './figures';
import type { Period } from './period';
import type { Light, Threshold, Thresholds } from './thresholds';

/**
 * The steering group's dashboard as data: the tiles with their lights, a row per member
 * jobcentre, the months before, and every figure of the set. The web page and the PDF are both
 * drawn from this one view, so they show the same figures under the same names. It walks the
 * figure set generically: a figure added to the set (or to the lit ones) appears here without a
 * change, named by the catalogue below or, until it is named there, by its key.
 */
export type Unit = 'ratio' | 'count' | 'days' | 'minutes' | 'dkk';
export interface Label {
  da: string;
  en: string;
}

/** Names and units of the lit figures (a figure not named here is shown by its key). */
export const LIT_FIGURE_INFO: Readonly<Record<string, Label & { unit: Unit }>> = {
  fillRate: { da: 'Besættelsesgrad', en: 'Fill rate', unit: 'ratio' },
  unfilled: { da: 'Ubesatte ordrer', en: 'Unfilled orders', unit: 'count' },
  medianDaysToFill: { da: 'Median dage til besat', en: 'Median days to fill', unit: 'days' },
  dialogueCompliance: { da: 'Servicemål 1 arbejdsdag', en: 'Service goal 1 working day', unit: 'ratio' },
  candidatesCompliance: { da: 'Servicemål 3 arbejdsdage', en: 'Service goal 3 working days', unit: 'ratio' },
  replyInTimeRate: { da: 'Svar i tide', en: 'Replies in time', unit: 'ratio' },
  medianReplyMinutes: { da: 'Median svartid', en: 'Median reply time', unit: 'minutes' },
  placementProgress: { da: 'Placeringer af mål', en: 'Placements of target', unit: 'ratio' },
  followUpsDone: { da: 'Opfølgninger gennemført', en: 'Follow-ups done', unit: 'ratio' },
  retention: { da: 'Fastholdelse', en: 'Retention', unit: 'ratio' },
  recruitmentAgreements: { da: 'Rekrutteringsaftaler i kraft', en: 'Recruitment agreements in force', unit: 'count' },
  aKasseAgreements: { da: 'A-kasseaftaler i kraft', en: 'A-kasse agreements in force', unit: 'count' },
  escalationFillRate: { da: 'Udvidede ordrer besat', en: 'Escalated orders filled', unit: 'ratio' },
  seatUseRate: { da: 'Kursuspladser brugt', en: 'Course seats used', unit: 'ratio' },
  courseCompletionRate: { da: 'Gennemført kursus', en: 'Course completed', unit: 'ratio' },
  courseHireRate: { da: 'Ansat efter kursus', en: 'Hired after course', unit: 'ratio' },
  costPerHire: { da: 'Pris pr. ansættelse', en: 'Cost per hire', unit: 'dkk' },
};

/**
 * Names of the figures of the set, by path (a path not named here is shown by its key), and the
 * unit where the path's last word does not imply it (`retention` is a share, `costDkk` kroner).
 */
export const FIGURE_LABELS: Readonly<Record<string, Label & { unit?: Unit }>> = {
  'orders.received': { da: 'Ordrer modtaget', en: 'Orders received' },
  'orders.byChannel.jobcentre': { da: 'Via jobcenter', en: 'Via jobcentre' },
  'orders.byChannel.phoneLine': { da: 'Via telefonlinjen', en: 'Via the phone line' },
  'orders.byChannel.aKasse': { da: 'Via a-kasse', en: 'Via an a-kasse' },
  'orders.byChannel.api': { da: 'Via API', en: 'Via API' },
  'orders.byChannel.unknown': { da: 'Kanal ukendt', en: 'Channel unknown' },
  'orders.filled': { da: 'Besat', en: 'Filled' },
  'orders.partlyFilled': { da: 'Delvist besat', en: 'Partly filled' },
  'orders.unfilled': { da: 'Ubesat', en: 'Unfilled' },
  'orders.cancelled': { da: 'Annulleret', en: 'Cancelled' },
  'orders.open': { da: 'Åbne', en: 'Open' },
  'orders.fillRate': { da: 'Besættelsesgrad', en: 'Fill rate' },
  'orders.medianDaysToFill': { da: 'Median dage til besat', en: 'Median days to fill' },
  'serviceGoals.dialogue.orders': { da: 'Servicemål 1 dag: ordrer', en: 'Service goal 1 day: orders' },
  'serviceGoals.dialogue.warned': { da: 'Servicemål 1 dag: varslet', en: 'Service goal 1 day: warned' },
  'serviceGoals.dialogue.breached': { da: 'Servicemål 1 dag: overskredet', en: 'Service goal 1 day: breached' },
  'serviceGoals.dialogue.compliance': { da: 'Servicemål 1 dag: overholdt', en: 'Service goal 1 day: met' },
  'serviceGoals.candidates.orders': { da: 'Servicemål 3 dage: ordrer', en: 'Service goal 3 days: orders' },
  'serviceGoals.candidates.warned': { da: 'Servicemål 3 dage: varslet', en: 'Service goal 3 days: warned' },
  'serviceGoals.candidates.breached': { da: 'Servicemål 3 dage: overskredet', en: 'Service goal 3 days: breached' },
  'serviceGoals.candidates.compliance': { da: 'Servicemål 3 dage: overholdt', en: 'Service goal 3 days: met' },
  'replies.received': { da: 'Henvendelser modtaget', en: 'Requests received' },
  'replies.inTime': { da: 'Svar i tide', en: 'Replies in time' },
  'replies.late': { da: 'Svar for sent', en: 'Late replies' },
  'replies.never': { da: 'Aldrig svaret', en: 'Never answered' },
  'replies.pending': { da: 'Afventer svar', en: 'Awaiting reply' },
  'replies.silenceMeansNone': { da: 'Tavshed betyder ingen', en: 'Silence means none' },
  'replies.inTimeRate': { da: 'Svar i tide (andel)', en: 'Replies in time (share)' },
  'replies.medianReplyMinutes': { da: 'Median svartid', en: 'Median reply time' },
  'placements.hires': { da: 'Placeringer', en: 'Placements' },
  'placements.target': { da: 'Mål for placeringer', en: 'Placement target' },
  'placements.progress': { da: 'Placeringer af mål', en: 'Placements of target' },
  'followUps.due': { da: 'Opfølgninger forfaldne', en: 'Follow-ups due' },
  'followUps.done': { da: 'Opfølgninger gennemført', en: 'Follow-ups done' },
  'followUps.stillEmployed': { da: 'Stadig ansat', en: 'Still employed' },
  'followUps.left': { da: 'Stoppet', en: 'Left' },
  'followUps.open': { da: 'Opfølgninger udestående', en: 'Follow-ups open' },
  'followUps.doneRate': { da: 'Opfølgninger gennemført (andel)', en: 'Follow-ups done (share)' },
  'followUps.retention': { da: 'Fastholdelse', en: 'Retention', unit: 'ratio' },
  'agreements.recruitment': { da: 'Rekrutteringsaftaler i kraft', en: 'Recruitment agreements in force' },
  'agreements.expectedHires': { da: 'Forventede ansættelser efter aftaler', en: 'Hires expected under agreements' },
  'agreements.aKasse': { da: 'A-kasseaftaler i kraft', en: 'A-kasse agreements in force' },
  'escalations.eastDenmark': { da: 'Runder udvidet til Østdanmark', en: 'Rounds escalated to East Denmark' },
  'escalations.national': { da: 'Runder udvidet til hele landet', en: 'Rounds escalated to the whole country' },
  'escalations.orders': { da: 'Udvidede ordrer', en: 'Escalated orders' },
  'escalations.asked': { da: 'Jobcentre spurgt i udvidede runder', en: 'Jobcentres asked in escalated rounds' },
  'escalations.filled': { da: 'Udvidede ordrer besat', en: 'Escalated orders filled' },
  'escalations.unfilled': { da: 'Udvidede ordrer ubesat', en: 'Escalated orders unfilled' },
  'escalations.hiresFromOutside': {
    da: 'Ansættelser fra jobcentre uden for samarbejdet',
    en: 'Hires from jobcentres outside the cooperation',
  },
  'escalations.fillRate': { da: 'Udvidede ordrer besat (andel)', en: 'Escalated orders filled (share)' },
  'upskilling.courses': { da: 'Kurser åbnet', en: 'Courses opened' },
  'upskilling.positiveListCourses': { da: 'Kurser på positivlisten', en: 'Courses on the positive list' },
  'upskilling.seatsBought': { da: 'Kursuspladser købt', en: 'Course seats bought' },
  'upskilling.seatsAllocated': { da: 'Kursuspladser fordelt', en: 'Course seats allocated' },
  'upskilling.seatsUsed': { da: 'Kursuspladser brugt', en: 'Course seats used' },
  'upskilling.completed': { da: 'Gennemført kursus', en: 'Completed the course' },
  'upskilling.droppedOut': { da: 'Afbrudt kursus', en: 'Dropped out' },
  'upskilling.hiredAfter': { da: 'Ansat efter kursus', en: 'Hired after the course' },
  'upskilling.hiresLinkedToOrders': { da: 'Heraf registreret som ansættelse på ordre', en: "Of those, recorded as an order's hire" },
  'upskilling.costDkk': { da: 'Kursusudgift', en: 'Course cost', unit: 'dkk' },
  'upskilling.costPerHireDkk': { da: 'Pris pr. ansættelse', en: 'Cost per hire', unit: 'dkk' },
  'upskilling.seatUseRate': { da: 'Kursuspladser brugt (andel)', en: 'Course seats used (share)' },
  'upskilling.completionRate': { da: 'Gennemført kursus (andel)', en: 'Course completed (share)' },
  'upskilling.hireRate': { da: 'Ansat efter kursus (andel)', en: 'Hired after the course (share)' },
  'needs.recorded': { da: 'Kommende behov registreret', en: 'Coming needs recorded' },
  'needs.people': { da: 'Personer i kommende behov', en: 'People in coming needs' },
  'needs.courseWouldHelp': { da: 'Behov hvor et kursus kan hjælpe', en: 'Needs a course would help' },
};

/** The volumes drawn per month beside the rates (those the set has). */
export const TREND_COUNTS = ['orders.received', 'orders.filled', 'orders.partlyFilled', 'orders.unfilled', 'placements.hires'] as const;

export interface Tile {
  figure: string;
  label: Label;
  unit: Unit;
  value: number | null;
  light: Light | null;
  threshold: Threshold | null;
}

export interface DashboardView {
  cooperation: string;
  period: Period;
  jobcentre: number | null;
  /** The name of the jobcentre of a one-jobcentre view. */
  jobcentreName: string | null;
  tiles: Tile[];
  /** Each member's value and light of every lit figure. */
  jobcentres: Array<{ jobcentre: number; name: string; values: Record<string, { value: number | null; light: Light | null }> }>;
  /** The months up to the period's end (not after the current month), oldest first. */
  trend: Array<{ period: string; values: Record<string, number | null> }>;
  /** Which figures the trend charts draw: the lit rates, and the volumes. */
  trendSeries: { rates: string[]; counts: string[] };
  /** Every figure of the set, by path, with its name and unit. */
  all: Array<{ path: string; label: Label; unit: Unit; value: number | null }>;
}

/** A figure's key as words, for one the catalogue does not name yet (`seatsBought` → `seats bought`). */
export function labelOfKey(key: string): Label {
  const words = key
    .split('.')
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase())
    .join(' › ');
  return { da: words, en: words };
}

/** A figure's name by path, from the catalogue (without its unit) or its key. */
function labelOf(path: string): Label {
  const named = FIGURE_LABELS[path];
  return named ? { da: named.da, en: named.en } : labelOfKey(path);
}

/** The unit a figure's name implies (rates and shares, days, minutes; counts otherwise). */
export function unitOfKey(key: string): Unit {
  const last = key.split('.').at(-1) ?? key;
  if (/(Rate|rate|Compliance|compliance|Progress|progress|Share|share)$/.test(last)) return 'ratio';
  if (/Minutes$/.test(last)) return 'minutes';
  if (/Dkk$/.test(last)) return 'dkk';
  if (/Days|days/.test(last)) return 'days';
  return 'count';
}

/** The figure set's numbers by path (`orders.byChannel.api`), without the lights. */
export function leaves(set: object, prefix = ''): Array<[string, number | null]> {
  const out: Array<[string, number | null]> = [];
  for (const [key, value] of Object.entries(set)) {
    if (!prefix && key === 'lights') continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'number' || value === null) out.push([path, value]);
    else if (typeof value === 'object' && !Array.isArray(value)) out.push(...leaves(value as object, path));
  }
  return out;
}

function tilesOf(set: FigureSet, thresholds: Thresholds): Tile[] {
  const values: Record<string, number | null> = litValues(set);
  const lights = set.lights as Record<string, Light | null>;
  return Object.keys(lights).map((figure) => {
    const info = LIT_FIGURE_INFO[figure];
    return {
      figure,
      label: info ? { da: info.da, en: info.en } : labelOfKey(figure),
      unit: info?.unit ?? unitOfKey(figure),
      value: values[figure] ?? null,
      light: lights[figure] ?? null,
      threshold: (thresholds as Record<string, Threshold>)[figure] ?? null,
    };
  });
}

/**
 * The dashboard of a report. `months` are the reports of the months before (oldest first), made
 * for the same audience as `report`.
 */
export function dashboardView(
  report: Report,
  months: readonly Report[],
  thresholds: Thresholds,
  nameOf: (jobcentre: number) => string,
): DashboardView {
  const tiles = tilesOf(report.figures, thresholds);
  const rates = tiles.filter((t) => t.unit === 'ratio').map((t) => t.figure);
  const paths = new Set(leaves(report.figures).map(([p]) => p));
  const counts = TREND_COUNTS.filter((p) => paths.has(p));
  return {
    cooperation: report.cooperation,
    period: report.period,
    jobcentre: report.jobcentre,
    jobcentreName: report.jobcentre === null ? null : nameOf(report.jobcentre),
    tiles,
    jobcentres: report.jobcentres.map((j) => {
      const values: Record<string, number | null> = litValues(j.figures);
      const lights = j.figures.lights as Record<string, Light | null>;
      return {
        jobcentre: j.jobcentre,
        name: nameOf(j.jobcentre),
        values: Object.fromEntries(tiles.map((t) => [t.figure, { value: values[t.figure] ?? null, light: lights[t.figure] ?? null }])),
      };
    }),
    trend: months.map((m) => {
      const lit: Record<string, number | null> = litValues(m.figures);
      const byPath = Object.fromEntries(leaves(m.figures));
      return {
        period: m.period.id,
        values: {
          ...Object.fromEntries(rates.map((r) => [r, lit[r] ?? null])),
          ...Object.fromEntries(counts.map((c) => [c, byPath[c] ?? null])),
        },
      };
    }),
    trendSeries: { rates, counts: [...counts] },
    all: leaves(report.figures).map(([path, value]) => ({
      path,
      label: labelOf(path),
      unit: FIGURE_LABELS[path]?.unit ?? unitOfKey(path),
      value,
    })),
  };
}

/** The month ids of the twelve months up to the period's last one, none after `nowMonth` (`2026-12`), oldest first. */
export function trendMonths(period: Period, nowMonth: string, count = 12): string[] {
  // The period's last month: `to` is the first instant after it, so step back a day.
  const last = new Date(Date.parse(period.to) - 86_400_000);
  let year = last.getUTCFullYear();
  let month = last.getUTCMonth() + 1;
  const out: string[] = [];
  // Periods start in 2000 (PERIOD_PATTERN): a trend of January 2000 has no months before it.
  for (let i = 0; i < count && year >= 2000; i++) {
    const id = `${year}-${String(month).padStart(2, '0')}`;
    if (id <= nowMonth) out.unshift(id);
    month--;
    if (month === 0) {
      month = 12;
      year--;
    }
  }
  return out;
}
