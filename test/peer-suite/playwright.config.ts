import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, FIREFOX_PREFS } from '../../src/browsers/catalog';

// A small suite that is not ours (no portal tags, no catalog metadata), reported by our matrix reporter.
export default defineConfig({
  testDir: '.',
  outputDir: `${process.env.PEER_OUT}/test-results`,
  retries: 0,
  reporter: [['../../src/matrix/reporter.ts', { outputDir: process.env.PEER_OUT }]],
  projects: [
    { name: 'chromium', use: { browserName: 'chromium', launchOptions: { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS } } },
    { name: 'firefox', use: { browserName: 'firefox', channel: 'moz-firefox', launchOptions: { executablePath: '/usr/bin/firefox-esr', firefoxUserPrefs: FIREFOX_PREFS } } },
  ],
});
