import PDFDocument from 'pdfkit';
import type { Unit } from '../../domain/dashboard-view';
import type { Light } from '../../domain/thresholds';

/**
 * The pieces every report PDF is drawn with: the page, the traffic light as an icon AND a word
 * (never colour alone, as on the page), Danish number formats, and tables that break across
 * pages. Text uses pdfkit's built-in Helvetica: its WinAnsi encoding holds æ, ø and å (and
 * Æ Ø Å), so "Tårnby" and "Høje-Taastrup" come out intact without embedding a font; signs
 * outside it (≥, ✓) are avoided — the icons are drawn as shapes.
 */
export type Doc = PDFKit.PDFDocument;

export const LIGHT_WORD: Record<Light, string> = { green: 'grøn', yellow: 'gul', red: 'rød' };
const LIGHT_COLOUR: Record<Light, string> = { green: '#358000', yellow: '#b07d00', red: '#b51d09' };
export const INK = '#1a1a1a';
export const MUTED = '#595959';

export function newDoc(title: string, layout: 'landscape' | 'portrait' = 'landscape'): Doc {
  return new PDFDocument({
    size: 'A4',
    layout,
    margin: 36,
    info: { Title: title, Author: 'Rekrutteringsservice', Creator: 'reporting' },
    // The document's language, for screen readers reading the PDF.
    lang: 'da-DK',
    bufferPages: true,
  } as PDFKit.PDFDocumentOptions);
}

/** The finished document as bytes. */
export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}

/**
 * The day an instant falls on in Denmark (`2026-12-01`): a PDF printed at 00:30 Danish time is
 * printed "today", not on yesterday's UTC date.
 */
export function danishDate(instant: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(instant),
  );
}

/** A number as Danes write it: decimal comma, thousands separated by a point (40.000). */
export function danish(value: number, decimals = 1): string {
  return new Intl.NumberFormat('da-DK', { maximumFractionDigits: decimals }).format(value);
}

/** A figure's value as the page shows it, in Danish. */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return '–';
  switch (unit) {
    case 'ratio':
      return `${danish(value * 100)} %`;
    case 'days':
      return `${danish(value)} dage`;
    case 'minutes':
      return value >= 120 ? `${danish(value / 60)} timer` : `${danish(value, 0)} min.`;
    case 'dkk':
      return `${danish(value, 0)} kr.`;
    default:
      return danish(value, 0);
  }
}

/** The light's icon (check in a circle, ! in a triangle, × in a square) at x, y with size s. */
export function lightIcon(doc: Doc, light: Light, x: number, y: number, s = 9): void {
  doc.save();
  const colour = LIGHT_COLOUR[light];
  if (light === 'green') {
    doc.circle(x + s / 2, y + s / 2, s / 2).fill(colour);
    doc
      .moveTo(x + s * 0.25, y + s * 0.52)
      .lineTo(x + s * 0.43, y + s * 0.7)
      .lineTo(x + s * 0.76, y + s * 0.32)
      .lineWidth(s / 7)
      .stroke('#ffffff');
  } else if (light === 'yellow') {
    doc.polygon([x + s / 2, y], [x + s, y + s], [x, y + s]).fill(colour);
    doc
      .moveTo(x + s / 2, y + s * 0.35)
      .lineTo(x + s / 2, y + s * 0.68)
      .lineWidth(s / 8)
      .stroke('#ffffff');
    doc.circle(x + s / 2, y + s * 0.84, s / 14).fill('#ffffff');
  } else {
    doc.rect(x, y, s, s).fill(colour);
    doc
      .moveTo(x + s * 0.28, y + s * 0.28)
      .lineTo(x + s * 0.72, y + s * 0.72)
      .moveTo(x + s * 0.72, y + s * 0.28)
      .lineTo(x + s * 0.28, y + s * 0.72)
      .lineWidth(s / 7)
      .stroke('#ffffff');
  }
  doc.restore();
}

/** Icon and word of a light (or "ingen data"), from x at the text line y; returns the width used. */
export function lightLabel(doc: Doc, light: Light | null, x: number, y: number, size = 9): number {
  doc.font('Helvetica').fontSize(size).fillColor(INK);
  if (!light) {
    doc.fillColor(MUTED).text('ingen data', x, y, { lineBreak: false });
    return doc.widthOfString('ingen data');
  }
  lightIcon(doc, light, x, y, size);
  doc.fillColor(INK).text(LIGHT_WORD[light], x + size + 3, y, { lineBreak: false });
  return size + 3 + doc.widthOfString(LIGHT_WORD[light]);
}

export interface Column<R> {
  header: string;
  width: number;
  text: (row: R) => string;
  light?: (row: R) => Light | null;
  align?: 'left' | 'right';
}

/** A table with a header row, repeated on each new page. */
export function table<R>(doc: Doc, columns: ReadonlyArray<Column<R>>, rows: readonly R[], caption?: string): void {
  const left = doc.page.margins.left;
  const bottom = () => doc.page.height - doc.page.margins.bottom - 20;
  const pad = 3;
  const heightOf = (texts: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
    return (
      Math.max(...texts.map((t, i) => doc.heightOfString(t, { width: columns[i]!.width - 2 * pad - (columns[i]!.light ? 12 : 0) }))) +
      2 * pad
    );
  };
  const header = () => {
    const h = heightOf(
      columns.map((c) => c.header),
      true,
    );
    let x = left;
    doc
      .save()
      .rect(
        left,
        doc.y,
        columns.reduce((s, c) => s + c.width, 0),
        h,
      )
      .fill('#e8e8e8')
      .restore();
    const y = doc.y;
    for (const c of columns) {
      doc
        .font('Helvetica-Bold')
        .fontSize(8)
        .fillColor(INK)
        .text(c.header, x + pad, y + pad, { width: c.width - 2 * pad, align: c.align ?? 'left' });
      x += c.width;
    }
    doc.y = y + h;
  };
  if (caption) {
    if (doc.y > bottom() - 40) doc.addPage();
    doc.font('Helvetica-Bold').fontSize(11).fillColor(INK).text(caption, left, doc.y);
    doc.moveDown(0.3);
  }
  header();
  rows.forEach((row, index) => {
    const texts = columns.map((c) => c.text(row));
    const h = heightOf(texts, false);
    if (doc.y + h > bottom()) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    if (index % 2 === 1)
      doc
        .save()
        .rect(
          left,
          y,
          columns.reduce((s, c) => s + c.width, 0),
          h,
        )
        .fill('#f5f5f5')
        .restore();
    let x = left;
    columns.forEach((c, i) => {
      const light = c.light?.(row) ?? null;
      if (light) lightIcon(doc, light, x + pad, y + pad + 0.5, 8);
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor(INK)
        .text(texts[i]!, x + pad + (light ? 12 : 0), y + pad, { width: c.width - 2 * pad - (light ? 12 : 0), align: c.align ?? 'left' });
      x += c.width;
    });
    doc.y = y + h;
  });
  doc.x = left;
  doc.moveDown(0.8);
}

/** Page numbers and the printing date at the foot of every page. */
export function footer(doc: Doc, text: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const y = doc.page.height - doc.page.margins.bottom - 10;
    // The margin would push text at the foot onto a new page.
    const bottomMargin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(7)
      .fillColor(MUTED)
      .text(`${text} · side ${i + 1} af ${range.count}`, doc.page.margins.left, y, { lineBreak: false });
    doc.page.margins.bottom = bottomMargin;
  }
}
