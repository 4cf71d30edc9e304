// Layering checked in npm test (STYLE.md habit 10): the domain is pure, use cases own their
// ports, services and packages keep to themselves, and nothing imports in a circle. Each rule is
// shown failing on a deliberately bad import in test/layering.test.ts (fixture:
// test/fixtures/layering/, outside the tree `npm run lint` cruises). What this tool cannot see
// (a clock or process.env read in domain/) is checked by the same test.
/** The workspace kit: I/O and plumbing packages that domain/ must not use. */
const KIT = '^packages/(db|bus|timers|service-kit|config|testkit|connector)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      comment: 'domain/ holds rules only: no adapter libraries, no adapters, no use cases',
      severity: 'error',
      from: { path: '/domain/' },
      to: {
        path: ['node_modules/(express|mongoose|mongodb|amqplib|amqp-connection-manager|bullmq|ioredis|pino)', '/adapters/', '/app/'],
      },
    },
    {
      name: 'domain-uses-no-kit',
      comment:
        'domain/ uses no workspace kit package (db, bus, timers, service-kit, config, testkit, connector: I/O and plumbing). ' +
        'contracts (message types), reference-data and working-time are pure data and rules, so the domain may use them.',
      severity: 'error',
      from: { path: '/domain/' },
      to: { path: KIT },
    },
    {
      name: 'app-does-not-import-adapters',
      comment: 'a use case declares the store it needs (app/ports.ts); adapters implement it and main.ts wires them',
      severity: 'error',
      from: { path: '/app/' },
      to: { path: '/adapters/' },
    },
    {
      name: 'app-does-not-know-http-or-amqp',
      comment: 'use cases are called by adapters, never the reverse',
      severity: 'error',
      from: { path: '/app/' },
      to: { path: 'node_modules/(express|amqplib|amqp-connection-manager)' },
    },
    {
      name: 'services-do-not-import-each-other',
      comment: 'services talk through messages and HTTP only; what they share lives in packages/',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: '^services/$1/' },
    },
    {
      name: 'packages-do-not-import-services',
      severity: 'error',
      from: { path: '^packages/' },
      to: { path: '^services/' },
    },
    {
      name: 'contracts-have-no-io',
      severity: 'error',
      from: { path: '^packages/contracts/' },
      to: { path: 'node_modules/(express|mongoose|mongodb|amqplib|amqp-connection-manager|bullmq|ioredis)' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Not node_modules: a library the domain imports must be seen to be refused (it is only not followed).
    exclude: { path: '(^|/)dist/' },
    tsPreCompilationDeps: true,
    // The one whose paths map @rs/* to packages/*/src, so kit imports resolve to packages/<name>/.
    tsConfig: { fileName: 'tsconfig.test.json' },
    combinedDependencies: true,
  },
};
