import type { Finding } from './checks';
import { DIAGNOSES } from './diagnoses';

const MARK = { ok: '✓', problem: '✗', skipped: '-' } as const;

/** The diagnosis as a person reads it: each check on one line, each problem with what to do, English then Danish. */
export function renderFindings(jobcentre: number, findings: readonly Finding[]): string {
  const lines = [`rs-connector doctor — jobcentre ${jobcentre} / jobcenter ${jobcentre}`, ''];
  for (const f of findings) {
    lines.push(`${MARK[f.status]} ${f.check.padEnd(10)} ${f.said.en}`);
    lines.push(`  ${''.padEnd(10)} ${f.said.da}`);
    if (f.problem) {
      const todo = DIAGNOSES[f.problem].todo;
      if (f.detail) lines.push(`  ${''.padEnd(10)} (${f.problem}: ${f.detail})`);
      lines.push(`  ${''.padEnd(10)} What to do: ${todo.en}`);
      lines.push(`  ${''.padEnd(10)} Hvad I gør: ${todo.da}`);
    }
  }
  const problems = findings.filter((f) => f.status === 'problem').length;
  lines.push(
    '',
    problems === 0
      ? 'All checks passed: the connector can run. / Alle tjek bestået: connectoren kan køre.'
      : `${problems} problem(s) found. / ${problems} problem(er) fundet.`,
  );
  return `${lines.join('\n')}\n`;
}
