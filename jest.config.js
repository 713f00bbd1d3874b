// One config, several projects: `unit` (fast, beside the code) and `e2e` (under test/, real servers).
// Transpile only (tsconfig.jest.json: isolatedModules; types are checked by `npm run typecheck`): fast, with decorator metadata for Nest.
const tsJest = ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }];
const moduleNameMapper = {
  '^@settle/(domain|letters|event-store|command-pipeline|projections|collections|runtime)$': '<rootDir>/libs/$1/src',
  '^@settle/(domain|letters|event-store|command-pipeline|projections|collections|runtime)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
const common = { transform: { '^.+\\.ts$': tsJest }, moduleNameMapper, testEnvironment: 'node', moduleFileExtensions: ['ts', 'js', 'json'] };
module.exports = {
  projects: [
    { ...common, displayName: 'unit', roots: ['<rootDir>/libs', '<rootDir>/apps'], testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: ['**/*.e2e-spec.ts', '**/*.contract-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/test/support/jest-timeout.ts'],
    },
  ],
};
