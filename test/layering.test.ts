import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The layering rules of .dependency-cruiser.cjs, each shown failing on a deliberately bad import
 * (test/fixtures/layering/), and the check dependency-cruiser cannot make: domain/ reads no
 * clock and no process.env (time and configuration are arguments; STYLE.md habits 2 and 9).
 */

const ROOT = join(__dirname, '..');
const FIXTURE = join(__dirname, 'fixtures', 'layering');

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

function cruise(cwd: string, dirs: string[]): Violation[] {
  const bin = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
  const args = [bin, '--config', join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json', ...dirs];
  // depcruise exits non-zero when it finds violations: the report is on stdout either way.
  let out: string;
  try {
    out = execFileSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    out = String((error as { stdout?: string }).stdout ?? '');
    if (!out) throw error;
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations;
}

/** Reads of the clock or the environment in a source text, comments left out. */
function impureReads(source: string): string[] {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  const found: string[] = [];
  for (const [what, pattern] of [
    ['Date.now()', /\bDate\.now\s*\(/],
    ['new Date() without arguments', /\bnew\s+Date\s*\(\s*\)/],
    ['process.env', /\bprocess\s*(\.\s*env\b|\[\s*['"]env['"]\s*\])/],
    ['performance.now()', /\bperformance\.now\s*\(/],
  ] as const)
    if (pattern.test(code)) found.push(what);
  return found;
}

function domainFiles(servicesDir: string): string[] {
  const files: string[] = [];
  for (const service of readdirSync(servicesDir)) {
    const walk = (dir: string) => {
      let entries: import('node:fs').Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) files.push(path);
      }
    };
    walk(join(servicesDir, service, 'src', 'domain'));
  }
  return files;
}

describe('layering rules', () => {
  it('each rule reports its deliberately bad import in the fixture, and nothing else', () => {
    const found = cruise(FIXTURE, ['services', 'packages'])
      .map((v) => `${v.rule.name}: ${v.from}`)
      .sort();
    expect(found).toEqual(
      [
        'app-does-not-import-adapters: services/alpha/src/app/uses-adapter.ts',
        'domain-is-pure: services/alpha/src/domain/uses-library.ts',
        'domain-uses-no-kit: services/alpha/src/domain/uses-kit.ts',
        'no-circular: services/beta/src/domain/ping.ts',
        'packages-do-not-import-services: packages/db/src/uses-service.ts',
        'services-do-not-import-each-other: services/alpha/src/domain/uses-other-service.ts',
      ].sort(),
    );
  });

  it('the domain clock and environment check finds the fixture reads, and none in any service', () => {
    const inFixture = Object.fromEntries(
      domainFiles(join(FIXTURE, 'services')).map((f) => [relative(FIXTURE, f), impureReads(readFileSync(f, 'utf8'))]),
    );
    expect(inFixture['services/alpha/src/domain/reads-clock.ts']).toEqual(['Date.now()', 'new Date() without arguments']);
    expect(inFixture['services/alpha/src/domain/reads-env.ts']).toEqual(['process.env']);
    expect(impureReads('// no Date.now() here\nexport const at = (now: Date) => new Date(now.getTime());')).toEqual([]);

    const real = domainFiles(join(ROOT, 'services'));
    expect(real.length).toBeGreaterThan(5);
    const offenders = real.flatMap((f) => impureReads(readFileSync(f, 'utf8')).map((what) => `${relative(ROOT, f)}: ${what}`));
    expect(offenders).toEqual([]);
  });
});
