/**
 * Four projects: fast unit and synth tests; end-to-end tests that run the real terraform; a real
 * apply against a local AWS emulator; the packed package in a fresh app.
 */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] };

/** @type {import('jest').Config} */
module.exports = {
  // Jest's default on a 2-core machine is one worker; the test files are independent, so use both.
  maxWorkers: 2,
  // One temporary folder per run, removed at the end (__tests__/jest/temp-root.ts).
  globalSetup: '<rootDir>/__tests__/jest/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/jest/global-teardown.ts',
  projects: [
    {
      displayName: 'unit',
      runner: '<rootDir>/__tests__/jest/unit-runner.mjs',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/__tests__/**/*.test.ts', '<rootDir>/examples/**/*.test.ts'],
      testPathIgnorePatterns: [
        '<rootDir>/__tests__/e2e/',
        '<rootDir>/__tests__/emulator/',
        '<rootDir>/__tests__/package/',
      ],
      // The examples import the package by its name, as a user's app does: here, the sources.
      moduleNameMapper: {
        '^cdktf-cross-account-s3$': '<rootDir>/index.ts',
        '^cdktf-cross-account-s3/verify$': '<rootDir>/verify.ts',
      },
      setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/__tests__/e2e/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts', '<rootDir>/__tests__/e2e/setup.ts'],
    },
    {
      // A real apply against a local AWS emulator (moto), one server for the suite (issue 15).
      displayName: 'emulator',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/__tests__/emulator/**/*.test.ts'],
      globalSetup: '<rootDir>/__tests__/emulator/global-setup.ts',
      globalTeardown: '<rootDir>/__tests__/emulator/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts', '<rootDir>/__tests__/e2e/setup.ts'],
    },
    {
      // The packed package in a fresh app, as a user installs it (issue 9).
      displayName: 'package',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/__tests__/package/**/*.test.ts'],
      setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts', '<rootDir>/__tests__/e2e/setup.ts'],
    },
  ],
};
