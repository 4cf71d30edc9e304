import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/**
 * The Python connector as a jobcentre installs it: a wheel built by connectors/python/build.sh
 * and `pip install`ed into a virtualenv. Slow steps are cached outside the clone, as
 * scripts/lib/env.sh does: the dependencies' wheels by the pyproject, and (for tests that only
 * need the connector running) a ready venv by the package's version and sources.
 */
const ROOT = join(__dirname, '../..');
const PY = join(ROOT, 'connectors/python');
const CACHE = process.env.RS_CACHE_DIR ?? join(homedir(), '.cache/rs-platform');
const python = 'python3';

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.parentPath.includes('__pycache__') && !e.parentPath.includes('.egg-info'))
    .map((e) => join(e.parentPath, e.name))
    .sort();

const hashOf = (files: string[]) => {
  const hash = createHash('sha256');
  for (const f of files) hash.update(relative(ROOT, f)).update(readFileSync(f));
  return hash.digest('hex').slice(0, 12);
};

export const pythonPackageVersion = (): string => /^version = "([^"]+)"/m.exec(readFileSync(join(PY, 'pyproject.toml'), 'utf8'))![1]!;

/** Builds the wheel (schemas from docs/schemas inside) into `out`; returns its path. */
export function buildWheel(out: string): string {
  return execFileSync('bash', [join(PY, 'build.sh'), out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

/** The dependencies' wheels, fetched once per pyproject.toml, so a fresh venv installs offline. */
function wheelhouse(wheel: string): string {
  const dir = join(CACHE, `py-wheelhouse-${hashOf([join(PY, 'pyproject.toml')])}`);
  if (!existsSync(join(dir, '.complete'))) {
    const tmp = `${dir}.tmp.${process.pid}`;
    rmSync(tmp, { recursive: true, force: true });
    execFileSync(python, ['-m', 'pip', 'download', '-q', '-d', tmp, wheel], { stdio: ['ignore', 'ignore', 'inherit'] });
    // Only the dependencies: the connector's own wheel comes from the build under test.
    for (const f of readdirSync(tmp)) if (f.startsWith('rekrutteringsservice_connector-')) rmSync(join(tmp, f));
    writeFileSync(join(tmp, '.complete'), '');
    rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  }
  return dir;
}

/**
 * A new virtualenv at `dir` with the wheel installed by pip (its dependencies from the
 * wheelhouse); returns its bin/. The venv gets no pip of its own (seeding one takes most of the
 * time): the outer pip installs into it with --python.
 */
export function installInFreshVenv(dir: string, wheel: string): string {
  execFileSync(python, ['-m', 'venv', '--without-pip', dir]);
  execFileSync(
    python,
    ['-m', 'pip', '--python', join(dir, 'bin/python'), 'install', '-q', '--no-index', '--find-links', wheelhouse(wheel), wheel],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  return join(dir, 'bin');
}

/**
 * A venv with the current connector installed, cached by version and sources (the schemas
 * included). Used as `<python> -m rs_connector`: the venv is built beside its place and renamed
 * into it, which console scripts' #! lines would not survive.
 */
export function installedConnectorPython(): string {
  const key = hashOf([
    join(PY, 'pyproject.toml'),
    join(PY, 'README.md'),
    ...filesUnder(join(PY, 'src')),
    ...filesUnder(join(ROOT, 'docs/schemas')),
  ]);
  const venv = join(CACHE, `py-connector-${pythonPackageVersion()}-${key}`);
  if (!existsSync(join(venv, '.installed'))) {
    mkdirSync(CACHE, { recursive: true });
    const work = mkdtempSync(join(tmpdir(), 'rs-py-wheel-'));
    const tmp = `${venv}.tmp.${process.pid}`;
    try {
      rmSync(tmp, { recursive: true, force: true });
      installInFreshVenv(tmp, buildWheel(work));
      writeFileSync(join(tmp, '.installed'), '');
      rmSync(venv, { recursive: true, force: true });
      renameSync(tmp, venv);
    } finally {
      rmSync(work, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    }
  }
  return join(venv, 'bin/python');
}
