import { type Cell, toCsv } from './csv';
import type { FigureSet, Report } from './figures';
import type { Light, LitFigure } from './thresholds';

const LIGHT_DA: Record<Light, string> = { green: 'grøn', yellow: 'gul', red: 'rød' };

const STATUS_COLUMNS: ReadonlyArray<[LitFigure, string]> = [
  ['fillRate', 'Status besættelsesgrad'],
  ['unfilled', 'Status ubesatte'],
  ['medianDaysToFill', 'Status tid til besat'],
  ['dialogueCompliance', 'Status servicemål 1 dag'],
  ['candidatesCompliance', 'Status servicemål 3 dage'],
  ['replyInTimeRate', 'Status svar i tide'],
  ['medianReplyMinutes', 'Status svartid'],
  ['placementProgress', 'Status placeringer'],
];

export const REPORT_HEADER = [
  'Samarbejde',
  'Periode',
  'Jobcenter',
  'Ordrer modtaget',
  'Via jobcenter',
  'Via telefonlinjen',
  'Via a-kasse',
  'Via API',
  'Kanal ukendt',
  'Besat',
  'Delvist besat',
  'Ubesat',
  'Annulleret',
  'Åbne',
  'Besættelsesgrad (%)',
  'Median dage til besat',
  'Servicemål 1 arbejdsdag overholdt (%)',
  'Servicemål 3 arbejdsdage overholdt (%)',
  'Henvendelser modtaget',
  'Svar i tide',
  'Svar for sent',
  'Aldrig svaret',
  'Afventer svar',
  'Tavshed betyder ingen',
  'Svar i tide (%)',
  'Median svartid (minutter)',
  'Placeringer',
  'Mål for placeringer',
  'Placeringer af mål (%)',
  ...STATUS_COLUMNS.map(([, name]) => name),
] as const;

const pct = (v: number | null): Cell => (v === null ? null : v * 100);

function row(report: Report, who: string, f: FigureSet): Cell[] {
  return [
    report.cooperation,
    report.period.id,
    who,
    f.orders.received,
    f.orders.byChannel.jobcentre,
    f.orders.byChannel.phoneLine,
    f.orders.byChannel.aKasse,
    f.orders.byChannel.api,
    f.orders.byChannel.unknown,
    f.orders.filled,
    f.orders.partlyFilled,
    f.orders.unfilled,
    f.orders.cancelled,
    f.orders.open,
    pct(f.orders.fillRate),
    f.orders.medianDaysToFill,
    pct(f.serviceGoals.dialogue.compliance),
    pct(f.serviceGoals.candidates.compliance),
    f.replies.received,
    f.replies.inTime,
    f.replies.late,
    f.replies.never,
    f.replies.pending,
    f.replies.silenceMeansNone,
    pct(f.replies.inTimeRate),
    f.replies.medianReplyMinutes,
    f.placements.hires,
    f.placements.target,
    pct(f.placements.progress),
    ...STATUS_COLUMNS.map(([figure]) => {
      const light = f.lights[figure];
      return light ? LIGHT_DA[light] : null;
    }),
  ];
}

/** The quarterly report: the cooperation's (or the jobcentre's) line, then one per member jobcentre. */
export function reportCsv(report: Report, nameOf: (jobcentre: number) => string): string {
  const first = report.jobcentre === null ? `I alt (${report.cooperation})` : nameOf(report.jobcentre);
  return toCsv(REPORT_HEADER, [
    row(report, first, report.figures),
    ...report.jobcentres.map((j) => row(report, nameOf(j.jobcentre), j.figures)),
  ]);
}
