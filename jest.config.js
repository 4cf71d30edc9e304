// One jest config for the workspace: unit tests sit beside the code (src/**/*.test.ts),
// integration and end-to-end tests under <package>/test/ (*.int.test.ts, *.e2e.test.ts).
// @rs/* resolves to source so tests never run stale builds of a package.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' } }],

    // ESM-only packages (jose, openid-client) are compiled to CommonJS for jest's module system.
    '^.+\\.js$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2023' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?(jose|openid-client|oauth4webapi)[@/])'],
  moduleNameMapper: { '^@rs/([a-z-]+)$': '<rootDir>/packages/$1/src' },
  testMatch: ['<rootDir>/{packages,services}/*/{src,test}/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  globalSetup: '<rootDir>/packages/testkit/src/global-setup.ts',
  globalTeardown: '<rootDir>/packages/testkit/src/global-teardown.ts',
  reporters: ['default', '<rootDir>/scripts/jest-summary-reporter.js'],
  testTimeout: 60000,
};
