import { defineConfig } from '@playwright/test';
import { GUARD_MARK, RUN_MARK, newRunMark } from '../src/processes/leftovers';

// Every process the self-tests start inherits a mark; the global teardown fails the run if any is left. Set
// once, in the runner (its workers load this file again and keep it).
if (!process.env[GUARD_MARK]) {
  const { mark, value } = newRunMark('self-test');
  process.env[GUARD_MARK] = mark;
  process.env[RUN_MARK] = value;
}

/** The harness's own tests (npm test). They start child Playwright runs of the real suite where needed. */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.test\.ts/,
  testIgnore: /peer-suite/,
  outputDir: '../reports/self-test-results',
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  globalTeardown: './process-guard.ts',
  projects: [
    // End-to-end checks start whole child runs of the lab suite: one at a time on a 2-core machine. Listed
    // first so they start at once, while the other worker takes the unit tests (and the reporter package
    // check, which mostly waits on npm).
    { name: 'e2e', testMatch: /e2e-.*\.test\.ts/, workers: 1 },
    { name: 'unit', testIgnore: [/e2e-.*/, /peer-suite/, /peer-project/] },
  ],
});
