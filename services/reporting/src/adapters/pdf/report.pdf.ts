import type { DashboardView, Tile } from '../../domain/dashboard-view';
import type { Threshold } from '../../domain/thresholds';
import { type Column, danishDate, footer, formatValue, INK, lightLabel, MUTED, newDoc, table, toBuffer } from './pdf-kit';

const PERIOD_KIND = { quarter: 'kvartal', month: 'måned', year: 'år' } as const;

/** "grøn fra 80 %, gul fra 60 %" — the limits in words (≥ is not in the built-in fonts). */
function limits(tile: Tile): string {
  const t: Threshold | null = tile.threshold;
  if (!t) return '';
  const word = t.better === 'higher' ? 'fra' : 'til og med';
  const v = (n: number) => formatValue(n, tile.unit);
  return `grøn ${word} ${v(t.green)}, gul ${word} ${v(t.yellow)}`;
}

/**
 * The quarterly report as a PDF that looks like the dashboard: the title and filters, the tiles
 * with their lights, the months as a table, and a row per member jobcentre with each figure's
 * value and light. Drawn from the same view as the page (domain/dashboard-view.ts).
 */
export async function reportPdf(view: DashboardView, printedAt: string, cooperationName: string | undefined): Promise<Buffer> {
  const coopName = cooperationName ?? view.cooperation;
  const title = `Kvartalsrapport ${view.cooperation} ${view.period.id}`;
  const doc = newDoc(title);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.font('Helvetica-Bold').fontSize(18).fillColor(INK).text(title, left, doc.page.margins.top);
  doc
    .font('Helvetica')
    .fontSize(10)
    .fillColor(MUTED)
    .text(
      `${coopName} · ${PERIOD_KIND[view.period.kind]} ${view.period.id}${view.jobcentreName ? ` · Jobcenter ${view.jobcentreName}` : ''}`,
    );
  doc.moveDown(0.8);

  // Tiles: four to a row, as on the page.
  const perRow = 4;
  const gap = 10;
  const tileW = (width - gap * (perRow - 1)) / perRow;
  const tileH = 66;
  view.tiles.forEach((tile, i) => {
    if (i % perRow === 0 && i > 0) doc.y += tileH + gap;
    const x = left + (i % perRow) * (tileW + gap);
    const y = doc.y;
    doc.save().roundedRect(x, y, tileW, tileH, 4).lineWidth(0.8).stroke('#bfbfbf').restore();
    doc
      .font('Helvetica-Bold')
      .fontSize(9)
      .fillColor(INK)
      .text(tile.label.da, x + 8, y + 7, { width: tileW - 16, lineBreak: false });
    doc
      .font('Helvetica-Bold')
      .fontSize(17)
      .text(formatValue(tile.value, tile.unit), x + 8, y + 20, { width: tileW - 16, lineBreak: false });
    lightLabel(doc, tile.light, x + 8, y + 41, 9);
    doc
      .font('Helvetica')
      .fontSize(6.5)
      .fillColor(MUTED)
      .text(limits(tile), x + 8, y + 54, { width: tileW - 16, lineBreak: false });
    doc.y = y;
  });
  doc.y += tileH + 16;
  doc.x = left;

  if (view.trend.length > 0) {
    const series = [...view.trendSeries.rates, ...view.trendSeries.counts];
    const labelOf = (s: string) => view.tiles.find((t) => t.figure === s)?.label.da ?? view.all.find((a) => a.path === s)?.label.da ?? s;
    const unitOf = (s: string) => view.tiles.find((t) => t.figure === s)?.unit ?? view.all.find((a) => a.path === s)?.unit ?? 'count';
    const monthW = Math.min(52, (width - 150) / view.trend.length);
    const columns: Column<string>[] = [
      { header: 'Tal', width: 150, text: labelOf },
      ...view.trend.map((m) => ({
        header: m.period,
        width: monthW,
        align: 'right' as const,
        text: (s: string) => formatValue(m.values[s] ?? null, unitOf(s)),
      })),
    ];
    table(doc, columns, series, 'Udvikling pr. måned');
  }

  if (view.jobcentres.length > 0) {
    const nameW = 120;
    const colW = (width - nameW) / view.tiles.length;
    const columns: Column<DashboardView['jobcentres'][number]>[] = [
      { header: 'Jobcenter', width: nameW, text: (r) => `${r.name} (${r.jobcentre})` },
      ...view.tiles.map((tile) => ({
        header: tile.label.da,
        width: colW,
        text: (r: DashboardView['jobcentres'][number]) => formatValue(r.values[tile.figure]?.value ?? null, tile.unit),
        light: (r: DashboardView['jobcentres'][number]) => r.values[tile.figure]?.light ?? null,
      })),
    ];
    table(doc, columns, view.jobcentres, 'Pr. jobcenter');
  }

  const half = Math.ceil(view.all.length / 2);
  const pairs = view.all.slice(0, half).map((a, i) => [a, view.all[half + i]] as const);
  const pairCol = (k: 0 | 1): Array<Column<(typeof pairs)[number]>> => [
    { header: 'Tal', width: width / 2 - 90, text: (p) => p[k]?.label.da ?? '' },
    { header: 'Værdi', width: 80, align: 'right', text: (p) => (p[k] ? formatValue(p[k].value, p[k].unit) : '') },
  ];
  table(doc, [...pairCol(0), { header: '', width: 20, text: () => '' }, ...pairCol(1)], pairs, 'Alle tal');

  footer(doc, `${title} · udskrevet ${danishDate(printedAt)}`);
  return toBuffer(doc);
}
