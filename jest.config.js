/** Type checking runs once in `npm test` (tsc --noEmit); jest only transpiles (tsconfig sets isolatedModules), which keeps the suite fast. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  reporters: ['default', '<rootDir>/test/support/closing-line-reporter.js'],
  testTimeout: 120000,
  // The reference app is synthesized once per run and shared by the test files that only read it.
  globalSetup: '<rootDir>/test/support/global-setup.js',
  globalTeardown: '<rootDir>/test/support/global-teardown.js',
};
