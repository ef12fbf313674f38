import { defineConfig } from '@playwright/test';
import { resolveBrowser } from '../../src/browsers/catalog';

// A small suite that is not ours (no portal tags, no catalog metadata), reported by our matrix reporter.
export default defineConfig({
  testDir: '.',
  outputDir: `${process.env.PEER_OUT}/test-results`,
  retries: 0,
  reporter: [['../../src/matrix/reporter.ts', { outputDir: process.env.PEER_OUT }]],
  projects: [
    // The browsers this desk has, as the harness launches them (Debian's here, Playwright's builds elsewhere).
    { name: 'chromium', use: { browserName: 'chromium', launchOptions: resolveBrowser('chromium').launchOptions } },
    { name: 'firefox', use: { browserName: 'firefox', channel: resolveBrowser('firefox').launchOptions?.channel, launchOptions: resolveBrowser('firefox').launchOptions } },
  ],
});
