// Layering checked in npm test (STYLE.md habit 10): the domain is pure, packages never reach
// into services, and nothing imports in a circle.
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
      name: 'app-does-not-know-http-or-amqp',
      comment: 'use cases are called by adapters, never the reverse',
      severity: 'error',
      from: { path: '/app/' },
      to: { path: ['/adapters/(http|amqp|timers)/', 'node_modules/(express|amqplib|amqp-connection-manager)'] },
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
    exclude: { path: '(^|/)(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    combinedDependencies: true,
  },
};
