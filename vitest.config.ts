import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Temporal's native bridge crashes worker threads; forks are the supported pool.
    pool: 'forks',
    maxWorkers: 2,
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // The fault suite starts and kills its own processes: `npm run test:faults`.
    exclude: ['test/faults/**', 'node_modules/**'],
    globalSetup: ['./test/setup/global.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    reporters: ['default'],
  },
});
