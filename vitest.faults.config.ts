import { defineConfig } from 'vitest/config';

// The fault suite (`npm run test:faults`): it starts its own processes (API, worker, PostgreSQL,
// Temporal, SMTP) so it can kill, stop and pause them; its tests run in order, one file.
export default defineConfig({
  test: {
    pool: 'forks',
    maxWorkers: 1,
    environment: 'node',
    include: ['test/faults/**/*.test.ts'],
    sequence: { concurrent: false },
    testTimeout: 300_000,
    hookTimeout: 300_000,
    reporters: ['default'],
  },
});
