import type { SchemeRow } from '../../domain/kkr';
import { type Column, danishDate, footer, INK, LIGHT_WORD, MUTED, newDoc, table, toBuffer } from './pdf-kit';

const SOURCE = { municipality: 'kommunen', platform: 'platformen (forslag)' } as const;

const statusText = (row: SchemeRow) => (row.current ? LIGHT_WORD[row.current.status] : 'ikke markeret');

function heading(doc: PDFKit.PDFDocument, title: string, lead: string) {
  doc.font('Helvetica-Bold').fontSize(16).fillColor(INK).text(title, doc.page.margins.left, doc.page.margins.top);
  doc.font('Helvetica').fontSize(9).fillColor(MUTED).text(lead);
  doc.moveDown(0.8);
}

/** One municipality's progress scheme, for the municipal council in January/February. */
export async function schemePdf(name: string, year: number, rows: readonly SchemeRow[], printedAt: string): Promise<Buffer> {
  const title = `KKR-fremdriftsskema ${year}: ${name}`;
  const doc = newDoc(title);
  heading(
    doc,
    title,
    'Hver skal-anbefaling med kommunens status (grøn, gul eller rød) og bemærkning. "Platformen (forslag)" er et forslag ud fra platformens data, indtil kommunen selv markerer.',
  );
  const columns: Column<SchemeRow>[] = [
    { header: 'Kategori', width: 90, text: (r) => r.recommendation.category },
    { header: 'Anbefaling', width: 250, text: (r) => `${r.recommendation.id}: ${r.recommendation.text}` },
    { header: 'Status', width: 80, text: statusText, light: (r) => r.current?.status ?? null },
    { header: 'Bemærkning', width: 190, text: (r) => r.current?.remark ?? '' },
    { header: 'Kilde', width: 80, text: (r) => (r.current ? SOURCE[r.current.source] : '') },
    { header: 'Ændret', width: 80, text: (r) => `${r.current?.at ? danishDate(r.current.at) : ''} (${r.history.length})` },
  ];
  table(doc, columns, rows);
  footer(doc, `${title} · udskrevet ${danishDate(printedAt)}`);
  return toBuffer(doc);
}

/** The collected overview for KKR: a row per municipality, a column per must recommendation. */
export async function overviewPdf(
  year: number,
  schemes: ReadonlyArray<{ name: string; rows: readonly SchemeRow[] }>,
  printedAt: string,
): Promise<Buffer> {
  const title = `KKR-fremdrift ${year}: samlet overblik`;
  const doc = newDoc(title);
  const recommendations = schemes[0]?.rows.map((r) => r.recommendation) ?? [];
  heading(doc, title, recommendations.map((r) => `${r.id}: ${r.text}`).join('  ·  '));
  const width = doc.page.width - doc.page.margins.left - doc.page.margins.right;
  const colW = recommendations.length ? (width - 130) / recommendations.length : 0;
  type Line = (typeof schemes)[number];
  const columns: Column<Line>[] = [
    { header: 'Kommune', width: 130, text: (s) => s.name },
    ...recommendations.map((rec) => {
      const rowOf = (s: Line) => s.rows.find((r) => r.recommendation.id === rec.id);
      return {
        header: rec.id,
        width: colW,
        text: (s: Line) => {
          const row = rowOf(s);
          return row ? `${statusText(row)}${row.current?.source === 'platform' ? ' (forslag)' : ''}` : '';
        },
        light: (s: Line) => rowOf(s)?.current?.status ?? null,
      };
    }),
  ];
  table(doc, columns, schemes);
  footer(doc, `${title} · udskrevet ${danishDate(printedAt)}`);
  return toBuffer(doc);
}
