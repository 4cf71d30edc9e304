import { type DeadLetter, deadLetterHeaders, deadLetterSummary, redactPersonal } from '@rs/bus';

/** What `rs-admin dead-letters list --json` prints per message: no body, no personal data. */
export const deadLetterRow = deadLetterSummary;
/** Candidate summaries and notes are shown only with --full. */
export { redactPersonal };

const cut = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** The dead letters as an aligned table, oldest first. */
export function renderDeadLetterTable(letters: DeadLetter[]): string[] {
  if (letters.length === 0) return ['ingen døde breve / no dead letters'];
  const rows = [...letters]
    .sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''))
    .map((d) => [d.id, d.type ?? '-', d.originalQueue ?? '-', cut(d.reason, 60), d.at ?? '-']);
  const header = ['id', 'type', 'original queue', 'reason', 'dead-lettered at'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), `${letters.length} dead letter(s)`];
}

/** One dead letter in full: what it is, why it died, its headers and its payload. */
export function renderDeadLetter(d: DeadLetter, full: boolean): string[] {
  let payload: string;
  try {
    const parsed: unknown = JSON.parse(d.body.toString('utf8'));
    payload = JSON.stringify(full ? parsed : redactPersonal(parsed), null, 2);
  } catch {
    payload = `(not JSON, ${d.body.length} bytes) ${cut(d.body.toString('utf8'), 2000)}`;
  }
  const headers = deadLetterHeaders(d);
  return [
    `id:               ${d.id}`,
    `type:             ${d.type ?? '-'}`,
    `dead-letter queue: ${d.queue}`,
    `original queue:   ${d.originalQueue ?? '-'}`,
    `reason:           ${d.reason} (by the ${d.by})`,
    `dead-lettered at: ${d.at ?? '-'}`,
    ...(d.attempts ? [`attempts:         ${d.attempts}`] : []),
    `sender:           ${d.sender ?? '-'}`,
    `headers:          ${JSON.stringify(headers)}`,
    full ? 'payload:' : 'payload (candidate summaries and notes redacted; --full shows them):',
    payload,
  ];
}
