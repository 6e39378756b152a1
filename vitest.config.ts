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
    // expect.poll waits for what a user would wait for (a status after a workflow's Update, a row
    // after a reload); 1 s, vitest's default, is shorter than a loaded 2-core machine needs.
    expect: { poll: { timeout: 10_000 } },
  },
});
