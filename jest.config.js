/** Jest: ts-jest transpiling only (isolatedModules in tsconfig.json); npm test runs `tsc --noEmit` first. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { diagnostics: false }] },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  // Workflow tests share one dev server; two workers keep the 2-core machine responsive.
  maxWorkers: 2,
};
