import { defineConfig } from 'vitest/config';

// Three tiers (STYLE.md §17): pure unit tests beside the code, integration tests against a real
// database and the DingTalk sandbox, and browser tests in headless Debian Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['shared/src/**/*.test.ts', 'server/src/**/*.test.ts', 'miniapp/src/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          sequence: { groupOrder: 1 },
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/close-test-apps.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // PGlite costs ~1 GB at init; keep parallelism within a 2-core machine.
          maxWorkers: 2,
          // Files in a worker share its module graph and its PGlite: importing the app graph and
          // loading the snapshot once per worker, not once per file. Each test still starts from an
          // emptied database (test-database.ts) and its apps are closed after it (close-test-apps.ts).
          isolate: false,
        },
      },
      {
        test: {
          name: 'browser',
          sequence: { groupOrder: 2 },
          include: ['test/browser/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          setupFiles: ['test/support/close-test-apps.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // Whole DingOps processes against real Postgres: a restart of a private cluster, two instances.
        test: {
          name: 'fault',
          sequence: { groupOrder: 3 },
          include: ['test/fault/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        // The production bundle and `npm start` as processes of their own (builds included: slow).
        test: {
          name: 'deploy',
          sequence: { groupOrder: 4 },
          include: ['test/deploy/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
