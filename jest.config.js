// ESM project on Node 20: NestJS 12 ships ESM only, so Jest runs in ESM mode (see ../shared/toolchain.md).
// ts-jest transpiles only (isolatedModules in tsconfig); `npm run typecheck` does the type checking.
export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/**/*.spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  testTimeout: 60000,
  maxWorkers: 2,
  // Jest's ESM module registry is not freed between test files, so a worker that has run a dozen Nest apps holds
  // gigabytes, and near its heap limit V8 collects back to back: a 10 s spec ran past 600 s that way. A worker
  // above this after a file is replaced by a fresh one.
  workerIdleMemoryLimit: '1GB',
};
