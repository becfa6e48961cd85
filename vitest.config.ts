import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['src/testing/fast-check-seed.ts'],
    // Property suites run 1,000+ simulated cases; a test is not a stopwatch (bench/ is). 5 s, vitest's default,
    // failed them on a busy 2-core machine. .ci/run prints the whole run's time, which is what has a budget.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: '.reports/vitest.json' },
  },
});
