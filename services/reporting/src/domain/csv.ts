/**
 * CSV as Danish Excel opens it: semicolon-separated (the list separator where the comma is the
 * decimal sign), decimal comma, a UTF-8 byte-order mark (without it Excel reads æøå as
 * Windows-1252) and CRLF line ends.
 */
export type Cell = string | number | null;

export const BOM = '\uFEFF';

export function danishNumber(value: number): string {
  return String(Math.round(value * 100) / 100).replace('.', ',');
}

function cell(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? danishNumber(value) : value;
  // Quotes around text holding the separator, a quote or a line end; a leading = + - @ is
  // neutralised so a remark can never be run as an Excel formula.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  return `${BOM}${[header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
