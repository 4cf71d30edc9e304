#!/usr/bin/env node
/**
 * Packs the connector as a jobcentre installs it: one tarball that `npm install`s on its own,
 * outside this repository. The workspace packages it uses (@rs/contracts, @rs/bus, …) are not
 * published, so they travel inside it as bundled dependencies (their built dist/ with types);
 * their third-party dependencies become the package's own, exact as in the workspace.
 *
 *   pnpm exec tsc -b && node packages/connector/scripts/pack.js [out-dir]
 *
 * Prints the tarball's path. The version is packages/connector/package.json's; its major must be
 * the contract's (contractMajor below), so a breaking contract change is a new major of the package.
 */
const { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const PUBLISHED_NAME = '@rekrutteringsservice/connector';
const ROOT = resolve(__dirname, '../../..');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const pkgDir = (name) => join(ROOT, 'packages', name.replace(/^@rs\//, ''));

/** Built JavaScript and declarations only: no tests, source maps (their sources are not shipped) or build info. */
const shipped = (src) => !/\.test\.|\.map$|\.tsbuildinfo$/.test(src);

function copyDist(from, to) {
  const dist = join(from, 'dist');
  if (!existsSync(join(dist, 'index.js'))) throw new Error(`${dist} is not built: run pnpm exec tsc -b first`);
  cpSync(dist, join(to, 'dist'), { recursive: true, filter: shipped });
}

/** Walks the workspace dependencies: which to bundle, and every third-party one they need. */
function collect(name, bundled, external) {
  const manifest = readJson(join(pkgDir(name), 'package.json'));
  for (const [dep, spec] of Object.entries(manifest.dependencies ?? {})) {
    if (spec.startsWith('workspace:')) {
      if (!bundled.has(dep)) {
        bundled.set(dep, readJson(join(pkgDir(dep), 'package.json')));
        collect(dep, bundled, external);
      }
    } else if (external[dep] && external[dep] !== spec) {
      throw new Error(`${dep}: ${external[dep]} and ${spec} in different workspace packages; align them first`);
    } else external[dep] = spec;
  }
  return manifest;
}

/**
 * The contract's major as a connector sees it: the highest major of the messages that travel
 * to or from a jobcentre (a breaking change to any of them publishes `<name>.v<major+1>`).
 */
function contractMajor() {
  const { catalog, EXCHANGES } = require(join(pkgDir('@rs/contracts'), 'dist/index.js'));
  const spoken = Object.values(catalog).filter((m) => [EXCHANGES.jobcentres, EXCHANGES.connectors].includes(m.exchange));
  return Math.max(...spoken.map((m) => m.version));
}

function main() {
  const out = resolve(process.argv[2] ?? join(ROOT, 'packages/connector/pack'));
  const bundled = new Map();
  const external = {};
  const own = collect('@rs/connector', bundled, external);
  const major = contractMajor();
  if (Number(own.version.split('.')[0]) !== major) {
    throw new Error(
      `packages/connector/package.json version ${own.version}: its major must be the contract's, ${major} (set ${major}.0.0)`,
    );
  }
  const stage = mkdtempSync(join(tmpdir(), 'rs-connector-pack-'));
  try {
    copyDist(pkgDir('@rs/connector'), stage);
    cpSync(join(pkgDir('@rs/connector'), 'README.md'), join(stage, 'README.md'));
    const versions = Object.fromEntries([...bundled].map(([n, m]) => [n, m.version]));
    for (const [name, manifest] of bundled) {
      const dir = join(stage, 'node_modules', name);
      mkdirSync(dir, { recursive: true });
      copyDist(pkgDir(name), dir);
      const deps = Object.fromEntries(
        Object.entries(manifest.dependencies ?? {}).map(([d, s]) => [d, s.startsWith('workspace:') ? versions[d] : s]),
      );
      writeFileSync(
        join(dir, 'package.json'),
        `${JSON.stringify({ name, version: manifest.version, main: manifest.main, types: manifest.types, dependencies: deps }, null, 2)}\n`,
      );
    }
    const manifest = {
      name: PUBLISHED_NAME,
      version: own.version,
      description:
        'Jobcentre connector for the recruitment service platform (Rekrutteringsservice): SDK and the rs-connector / rs-admin CLIs',
      keywords: ['rekrutteringsservice', 'jobcenter', 'connector', 'amqp'],
      main: own.main,
      types: own.types,
      bin: own.bin,
      files: ['dist'],
      engines: { node: '>=22.12' },
      dependencies: { ...external, ...versions },
      bundleDependencies: [...bundled.keys()].sort(),
    };
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    mkdirSync(out, { recursive: true });
    // Run from pnpm, npm would inherit pnpm's npm_config_* settings (and warn about them).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_/i.test(k)));
    const [packed] = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
        cwd: stage,
        env,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      }),
    );
    process.stdout.write(`${join(out, packed.filename)}\n`);
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

if (require.main === module) main();
module.exports = { contractMajor, PUBLISHED_NAME };
