import { defineConfig } from '@playwright/test';

/** The harness's own tests (npm test). They start child Playwright runs of the real suite where needed. */
export default defineConfig({
  testDir: '.',
  testMatch: /.*\.test\.ts/,
  outputDir: '../reports/self-test-results',
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
});
