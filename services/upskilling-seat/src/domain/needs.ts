/**
 * Companies' coming needs (issue 18, part 6), for the labour-market office (AMK Øst) and the
 * regional positive list: recorded by consultants, exported per quarter as CSV the way Danish
 * spreadsheets open it (UTF-8 with BOM, semicolons, Danish headers).
 */

export interface CompanyNeed {
  id: string;
  company: string;
  /** DISCO-08 occupation code or title, as in orders. */
  occupation: string;
  count: number;
  /** The month the company expects to hire (YYYY-MM). */
  expectedBy: string;
  courseWouldHelp: boolean;
  /** Which course would help, when one would. */
  course: string | null;
  note: string;
  /** The recording jobcentre (null when the secretariat recorded it). */
  jobcentre: number | null;
  cooperation: string | null;
  recordedBy: string;
  recordedAt: string;
}

/** The quarter a month falls in: 2027-03 → 2027-Q1. */
export function quarterOf(month: string): string {
  const [year, m] = month.split('-');
  return `${year}-Q${Math.ceil(Number(m) / 3)}`;
}

/** The months of a quarter: 2027-Q1 → 2027-01, 2027-02, 2027-03. */
export function monthsOf(quarter: string): string[] {
  const [year, q] = quarter.split('-Q');
  const first = (Number(q) - 1) * 3 + 1;
  return [first, first + 1, first + 2].map((m) => `${year}-${String(m).padStart(2, '0')}`);
}

export const NEEDS_CSV_HEADERS = [
  'Virksomhed',
  'Stilling',
  'Antal',
  'Forventet ansættelse (måned)',
  'Kvartal',
  'Kan et kursus hjælpe',
  'Kursus',
  'Bemærkning',
  'Jobcenter',
  'Samarbejde',
  'Registreret af',
  'Registreret',
] as const;

/** A field quoted when it holds a separator, a quote or a line break; a leading = + - @ is neutralised (CSV injection). */
function field(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The CSV for AMK Øst: BOM, semicolons, CRLF, Danish headers, ordered by expected month then company. */
export function needsCsv(needs: readonly CompanyNeed[]): string {
  const rows = [...needs]
    .sort((a, b) => a.expectedBy.localeCompare(b.expectedBy) || a.company.localeCompare(b.company, 'da') || a.id.localeCompare(b.id))
    .map((n) =>
      [
        n.company,
        n.occupation,
        n.count,
        n.expectedBy,
        quarterOf(n.expectedBy),
        n.courseWouldHelp ? 'Ja' : 'Nej',
        n.course,
        n.note,
        n.jobcentre,
        n.cooperation,
        n.recordedBy,
        n.recordedAt.slice(0, 10),
      ]
        .map(field)
        .join(';'),
    );
  return `\uFEFF${[NEEDS_CSV_HEADERS.join(';'), ...rows].join('\r\n')}\r\n`;
}
