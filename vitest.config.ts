import { availableParallelism } from 'node:os';
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
    setupFiles: ['test/support/setup.ts'],
    // Vitest's default of one worker less than the cores leaves a 2-core machine running one file at a time;
    // much of the suite waits on child processes and the browser, so two workers keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Test files share a worker's loaded modules instead of loading the catalogue, the rules and the CLI
    // afresh for each of them; no test mocks modules or changes global state it does not restore.
    isolate: false,
  },
});
