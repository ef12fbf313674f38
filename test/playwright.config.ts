import { defineConfig } from '@playwright/test';

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
  projects: [
    // End-to-end checks start whole child runs of the lab suite: one at a time on a 2-core machine. Listed
    // first so they start at once, while the other worker takes the unit tests (and the reporter package
    // check, which mostly waits on npm).
    { name: 'e2e', testMatch: /e2e-.*\.test\.ts/, workers: 1 },
    { name: 'unit', testIgnore: [/e2e-.*/, /peer-suite/, /peer-project/] },
  ],
});
