import { defineConfig } from 'vitest/config';

// Timeouts fit a CI machine several times slower than a laptop and shared with other work: no test
// depends on wall time, so a generous limit only stops a hung test, never a slow one.
export default defineConfig({
  test: {
    dir: 'test',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    globalSetup: ['test/support/temp-root.ts'],
  },
});
